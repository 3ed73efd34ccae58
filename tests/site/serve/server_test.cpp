// site/serve/server.h: answering from the output under `costbook serve` — the built page,
// uncached, on loopback; traversal, other methods, bodies and symlinks leading out refused.
// Each case runs `costbook serve --port 0` on a temporary copy of tests/site/ok/serve/.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "serve/live_reload.h"
#include "serve/server.h"
#include "serve_fixture.h"

using namespace serve_fixture;

TEST_CASE("the URL host of a bind address: loopback for every interface, IPv6 in brackets") {
    using costbook::site::url_host;
    CHECK(url_host("127.0.0.1") == "127.0.0.1");
    CHECK(url_host("0.0.0.0") == "127.0.0.1");
    CHECK(url_host("::") == "[::1]");
    CHECK(url_host("::1") == "[::1]");
    CHECK(url_host("192.168.1.2") == "192.168.1.2");
}

TEST_CASE("serve answers GET and HEAD with the built page, uncached, on loopback") {
    TempSite t;
    Server s(t);
    REQUIRE(s.started());
    const Reply r = raw(s.port, "GET /");
    CHECK(r.status == 200);
    CHECK(r.body.find("<title>Home</title>") != std::string::npos);
    CHECK(r.body.find("before any edit") != std::string::npos);
    CHECK(r.body.find(costbook::site::kEventsPath) != std::string::npos);  // the live-reload script
    CHECK(r.head.find("Content-Type: text/html; charset=utf-8") != std::string::npos);
    CHECK(r.head.find("Cache-Control: no-store") != std::string::npos);

    const Reply h = raw(s.port, "HEAD /");
    CHECK(h.status == 200);
    CHECK(h.body.empty());

    SUBCASE("a folder without its slash redirects to it; a missing file is the 404 page") {
        const Reply dir = raw(s.port, "GET /index.html/");
        CHECK(dir.status == 404);
        const Reply missing = raw(s.port, "GET /no/such/page/");
        CHECK(missing.status == 404);
        CHECK(missing.head.find("text/html") != std::string::npos);
        fs::create_directories(fs::path(s.out_dir) / "guide");
        const Reply redirect = raw(s.port, "GET /guide?x=1");
        CHECK(redirect.status == 301);
        CHECK(redirect.head.find("Location: /guide/?x=1") != std::string::npos);
        CHECK(raw(s.port, "GET /guide/").status == 404);  // no listing of a folder without index.html
    }
    SUBCASE("SIGTERM stops it cleanly and removes its temporary output") {
        s.stop();
        CHECK(s.status == 0);
        CHECK_FALSE(fs::exists(s.out_dir));
    }
}

TEST_CASE("serve refuses traversal in every encoding and never returns a file outside the output") {
    TempSite t;
    Server s(t);
    REQUIRE(s.started());
    for (const char* target : {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2fsite.toml", "/%252e%252e/",
                               "/..\\site.toml", "/%2e%2e%5csite.toml", "/../../../../../../etc/passwd",
                               "//etc/passwd", "/%2F..%2F..%2Fetc%2Fpasswd", "/.%00./site.toml", "/%0a"}) {
        CAPTURE(target);
        const Reply r = raw(s.port, std::string("GET ") + target);
        CHECK((r.status == 400 || r.status == 403 || r.status == 404));
        CHECK(r.body.find("root:") == std::string::npos);
        CHECK(r.body.find("Serve fixture") == std::string::npos);
    }
    const Reply absolute = raw(s.port, "GET http://127.0.0.1/../../etc/passwd");
    CHECK(absolute.status == 400);
    CHECK(absolute.body.find("root:") == std::string::npos);
}

TEST_CASE("serve allows GET and HEAD only") {
    TempSite t;
    Server s(t);
    REQUIRE(s.started());
    for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
        CAPTURE(method);
        const Reply r = raw(s.port, std::string(method) + " /", "Content-Length: 3\r\n\r\nx=1");
        CHECK(r.status == 405);
        CHECK(r.head.find("Allow: GET, HEAD") != std::string::npos);
    }
    CHECK(raw(s.port, "GET /", "Content-Length: 3\r\n\r\nx=1").status == 400);  // no body on a GET either
    CHECK(raw(s.port, "GET /").status == 200);
}

TEST_CASE("serve refuses a symlink in the output that leads outside it") {
    TempSite t;
    Server s(t);
    REQUIRE(s.started());
    const fs::path out = s.out_dir;
    REQUIRE(raw(s.port, "GET /").status == 200);  // answered once the first build is done
    REQUIRE(fs::exists(out / "index.html"));
    fs::create_symlink(t.site / "site.toml", out / "leak.txt");
    fs::create_directory_symlink(t.site, out / "leakdir");
    fs::create_symlink(out / "index.html", out / "alias.html");  // inside: fine
    for (const char* target : {"/leak.txt", "/leakdir/site.toml", "/leakdir/content/index.md"}) {
        CAPTURE(target);
        const Reply r = raw(s.port, std::string("GET ") + target);
        CHECK(r.status == 403);
        CHECK(r.body.find("Serve fixture") == std::string::npos);
        CHECK(r.body.find("+++") == std::string::npos);
    }
    CHECK(raw(s.port, "GET /alias.html").status == 200);
}
