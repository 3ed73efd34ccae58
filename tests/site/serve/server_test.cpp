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
    CHECK(r.body.find(costbook::site::live_reload_tag()) != std::string::npos);  // the live-reload script
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

// ---- The libmicrohttpd layer: what it answers, from raw bytes on a socket ----
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "serve/live_reload.h"
#include "serve_fixture.h"
#include "wire.h"

using namespace serve_fixture;
using wire::answers;
using wire::exchange;

namespace {
wire::Answer get_with_host(int port, const std::string& target, const std::string& host_line,
                           const std::string& version = "HTTP/1.1") {
    const auto got = wire::answers(wire::exchange(port, "GET " + target + " " + version + "\r\n" + host_line + "Connection: close\r\n\r\n").in);
    REQUIRE(got.size() == 1);
    return got[0];
}
}  // namespace

TEST_CASE("serve answers only 127.0.0.1, localhost and [::1] with its port; any other Host gets 421") {
    Served on;
    const int port = on.server.port;
    const std::string p = std::to_string(port), other = std::to_string(port == 65535 ? 1 : port + 1);
    for (const std::string& host : {"127.0.0.1:" + p, "localhost:" + p, "LOCALHOST:" + p, "[::1]:" + p}) {
        CAPTURE(host);
        const wire::Answer a = get_with_host(port, "/", "Host: " + host + "\r\n");
        CHECK(a.status == 200);
        CHECK(a.body.find("before any edit") != std::string::npos);
    }
    for (const std::string& host : std::vector<std::string>{"evil.example:" + p, "rebind.evil.example:" + p, "127.0.0.1.nip.io:" + p,
                                    "127.0.0.1:" + other, "127.0.0.1", "localhost", "[::1]", "0.0.0.0:" + p, std::string()}) {
        CAPTURE(host);
        for (const char* target : {"/", "/__costbook/events", "/__costbook/live.js", "/no/such/"}) {
            CAPTURE(target);
            const wire::Answer a = get_with_host(port, target, "Host: " + host + "\r\n");
            CHECK(a.status == 421);
            CHECK(a.header("Connection") == "close");
            CHECK(a.header("Content-Type") == "text/plain; charset=utf-8");
            CHECK(a.body.find("before any edit") == std::string::npos);
        }
    }
    CHECK(get_with_host(port, "/", "").status == 400);                 // HTTP/1.1 without Host (libmicrohttpd's)
    CHECK(get_with_host(port, "/", "", "HTTP/1.0").status == 421);     // HTTP/1.0 without Host
    CHECK(get_with_host(port, "/", "Host: 127.0.0.1:" + p + "\r\nHost: evil.example\r\n").status == 400);
}

TEST_CASE("pages load the live-reload script from /__costbook/live.js, and their own policy is untouched") {
    Served on(SiteKind::Default);
    const int port = on.server.port;
    const std::string h = wire::host(port);
    const auto page = wire::answers(wire::exchange(port, "GET / HTTP/1.1\r\n" + h + "Connection: close\r\n\r\n").in).at(0);
    REQUIRE(page.status == 200);
    CHECK(page.body.find(costbook::site::live_reload_tag() + "</body>") != std::string::npos);
    CHECK(page.body.find("new EventSource") == std::string::npos);  // nothing inline
    // The policy of templates/partials/head.mustache, as published: scripts from 'self' only.
    const std::string csp = "script-src 'self' 'wasm-unsafe-eval';";
    CHECK(slurp(COSTBOOK_SOURCE_DIR "/templates/partials/head.mustache").find(csp) != std::string::npos);
    CHECK(page.body.find(csp) != std::string::npos);
    // serve adds only who may frame it (write/headers.h), which a <meta> policy cannot say.
    CHECK(page.header("Content-Security-Policy") == "frame-ancestors 'self'");

    const auto script = wire::answers(wire::exchange(port, "GET /__costbook/live.js HTTP/1.1\r\n" + h + "Connection: close\r\n\r\n").in).at(0);
    CHECK(script.status == 200);
    CHECK(script.header("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(script.body == costbook::site::live_reload_js());
    CHECK(script.body.find("new EventSource(\"/__costbook/events\")") != std::string::npos);

    // The 404 page carries it too; the output folder itself has no copy of the script.
    const auto missing = wire::answers(wire::exchange(port, "GET /no/such/ HTTP/1.1\r\n" + h + "Connection: close\r\n\r\n").in).at(0);
    CHECK(missing.status == 404);
    CHECK(missing.body.find(costbook::site::live_reload_tag()) != std::string::npos);
    CHECK_FALSE(fs::exists(fs::path(on.server.out_dir) / "__costbook"));
}

TEST_CASE("live-reload streams are capped at 32, and a closed tab's stream frees its place") {
    Served on;
    const int port = on.server.port;
    const std::string events = "GET /__costbook/events HTTP/1.1\r\n" + wire::host(port) + "Accept: text/event-stream\r\n\r\n";
    auto open_stream = [&](std::string& first) {
        const int fd = wire::connect_to(port);
        REQUIRE(::send(fd, events.data(), events.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(events.size()));
        // The stream stays open: read until its head has come and 300 ms pass quietly (a loaded
        // machine may take longer than that to answer at all), or 5 s.
        const auto t0 = wire::Clock::now();
        first.clear();
        while (first.find("\r\n\r\n") == std::string::npos && wire::Clock::now() < t0 + 5s) {
            const wire::Exchange x = wire::read_all(fd, t0, 300ms, 5s);
            first += x.in;
            if (x.closed) break;
        }
        return fd;
    };
    std::vector<int> fds;
    for (size_t i = 0; i < costbook::site::kMaxEventClients; ++i) {
        std::string first;
        fds.push_back(open_stream(first));
        REQUIRE(first.rfind("HTTP/1.1 200 ", 0) == 0);
    }
    std::string refused;
    ::close(open_stream(refused));
    CHECK(refused.rfind("HTTP/1.1 503 ", 0) == 0);
    CHECK(refused.find("Retry-After: 5") != std::string::npos);
    CHECK(raw(port, "GET /").status == 200);  // the pages are served all the while

    ::close(fds.back());  // a closed tab: noticed at its next ping, within a few seconds
    fds.pop_back();
    const auto t0 = wire::Clock::now();
    std::string again;
    while (wire::Clock::now() < t0 + 10s) {
        const int fd = open_stream(again);
        if (again.rfind("HTTP/1.1 200 ", 0) == 0) {
            fds.push_back(fd);
            break;
        }
        ::close(fd);
        std::this_thread::sleep_for(200ms);
    }
    CHECK(again.rfind("HTTP/1.1 200 ", 0) == 0);
    MESSAGE("a closed stream's place was free again after "
            << std::chrono::duration<double, std::milli>(wire::Clock::now() - t0).count() << " ms");
    for (int fd : fds) ::close(fd);
}

TEST_CASE("serve lets other sites frame a calculator's embed and nothing else") {
    TempSite t(SiteKind::Default);
    Server s(t);
    REQUIRE(s.started());
    const Reply page = raw(s.port, "GET /rl/");
    REQUIRE(page.status == 200);
    CHECK(page.head.find("Content-Security-Policy: frame-ancestors 'self'\r\n") != std::string::npos);
    CHECK(page.head.find("X-Frame-Options: SAMEORIGIN\r\n") != std::string::npos);
    const Reply embed = raw(s.port, "GET /embed/rl/calc-0/");
    REQUIRE(embed.status == 200);
    CHECK(embed.body.find("id=\"calc-0\"") != std::string::npos);
    CHECK(embed.head.find("Content-Security-Policy: frame-ancestors *\r\n") != std::string::npos);
    CHECK(embed.head.find("X-Frame-Options") == std::string::npos);
    CHECK(embed.head.find("frame-ancestors 'self'") == std::string::npos);
    const Reply missing = raw(s.port, "GET /no-such-page/");   // the 404 page is a page like the others
    CHECK(missing.status == 404);
    CHECK(missing.head.find("X-Frame-Options: SAMEORIGIN\r\n") != std::string::npos);
}
