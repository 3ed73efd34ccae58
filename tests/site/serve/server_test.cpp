// serve/server.h against a running `costbook serve`: only loopback names with the right port are
// answered (a DNS-rebinding page sends its own name), and the live-reload script is a file of the
// server's own, so the pages' Content-Security-Policy is served exactly as published.
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
    const auto got = answers(exchange(port, "GET " + target + " " + version + "\r\n" + host_line + "Connection: close\r\n\r\n").in);
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
    const auto page = answers(exchange(port, "GET / HTTP/1.1\r\n" + h + "Connection: close\r\n\r\n").in).at(0);
    REQUIRE(page.status == 200);
    CHECK(page.body.find(costbook::site::live_reload_tag() + "</body>") != std::string::npos);
    CHECK(page.body.find("new EventSource") == std::string::npos);  // nothing inline
    // The policy of templates/partials/head.mustache, as published: scripts from 'self' only.
    const std::string csp = "script-src 'self' 'wasm-unsafe-eval';";
    CHECK(slurp(COSTBOOK_SOURCE_DIR "/templates/partials/head.mustache").find(csp) != std::string::npos);
    CHECK(page.body.find(csp) != std::string::npos);
    CHECK(page.header("Content-Security-Policy") == "");

    const auto script = answers(exchange(port, "GET /__costbook/live.js HTTP/1.1\r\n" + h + "Connection: close\r\n\r\n").in).at(0);
    CHECK(script.status == 200);
    CHECK(script.header("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(script.body == costbook::site::live_reload_js());
    CHECK(script.body.find("new EventSource(\"/__costbook/events\")") != std::string::npos);

    // The 404 page carries it too; the output folder itself has no copy of the script.
    const auto missing = answers(exchange(port, "GET /no/such/ HTTP/1.1\r\n" + h + "Connection: close\r\n\r\n").in).at(0);
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
        first = wire::read_all(fd, wire::Clock::now(), 300ms, 2s).in;
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
