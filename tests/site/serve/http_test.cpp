// serve/http.h against a running `costbook serve`: bodies that try to slip past the no-body rule,
// ranges, the exact head limits, the head deadline on idle connections, the last request on a
// connection. Raw bytes on a socket, so nothing is normalised on the way.
#include <doctest/doctest.h>

#include <string>

#include "serve_fixture.h"
#include "wire.h"

using namespace serve_fixture;
using wire::answers;
using wire::exchange;

namespace {
const std::string kSmuggled = "GET /smuggled/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

TEST_CASE("a head that could carry a body past the no-body rule is refused, closed, and nothing after it is read") {
    Served on;
    const int port = on.server.port;
    const std::string h = wire::host(port);
    struct Case {
        const char* what;
        std::string head;
    };
    const Case cases[] = {
        {"a second Content-Length", "GET / HTTP/1.1\r\n" + h + "Content-Length: 0\r\nContent-Length: " +
                                        std::to_string(kSmuggled.size()) + "\r\n\r\n"},
        {"the first Content-Length of two non-zero", "GET / HTTP/1.1\r\n" + h + "Content-Length: " +
                                                         std::to_string(kSmuggled.size()) + "\r\nContent-Length: 0\r\n\r\n"},
        {"`Transfer-Encoding :` with a space", "GET / HTTP/1.1\r\n" + h + "Transfer-Encoding : chunked\r\n\r\n"},
        {"`Transfer-Encoding` with a tab before the colon", "GET / HTTP/1.1\r\n" + h + "Transfer-Encoding\t: chunked\r\n\r\n"},
        {"Transfer-Encoding: chunked on a GET", "GET / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n"},
        {"Transfer-Encoding: identity on a HEAD", "HEAD / HTTP/1.1\r\n" + h + "Transfer-Encoding: identity\r\n\r\n"},
        {"Content-Length beside Transfer-Encoding", "GET / HTTP/1.1\r\n" + h + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"},
        {"a Content-Length on a GET", "GET / HTTP/1.1\r\n" + h + "Content-Length: " + std::to_string(kSmuggled.size()) + "\r\n\r\n"},
        {"a POST with a body", "POST / HTTP/1.1\r\n" + h + "Content-Length: " + std::to_string(kSmuggled.size()) + "\r\n\r\n"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        const wire::Exchange x = exchange(port, c.head + kSmuggled);
        const auto got = answers(x.in);
        REQUIRE(got.size() == 1);  // the bytes after the head were never taken for a request
        CHECK((got[0].status == 400 || got[0].status == 405));
        CHECK(got[0].header("Connection") == "close");
        CHECK(x.closed);
        CHECK(x.in.find("smuggled") == std::string::npos);
    }
    // The control: two plain requests on one connection are both answered.
    const auto both = answers(exchange(port, "GET / HTTP/1.1\r\n" + h + "\r\nGET /no/such/ HTTP/1.1\r\n" + h +
                                                 "Connection: close\r\n\r\n").in);
    REQUIRE(both.size() == 2);
    CHECK(both[0].status == 200);
    CHECK(both[1].status == 404);
}

TEST_CASE("a Range request gets the whole file with 200, however many ranges it asks for") {
    Served on(SiteKind::Default);
    const int port = on.server.port;
    const std::string css = slurp(fs::path(on.server.out_dir) / "css/site.css");
    REQUIRE(css.size() > 1000);
    const auto one = answers(exchange(port, "GET /css/site.css HTTP/1.1\r\n" + wire::host(port) +
                                                "Range: bytes=0-9\r\nConnection: close\r\n\r\n").in);
    REQUIRE(one.size() == 1);
    CHECK(one[0].status == 200);
    CHECK(one[0].body == css);
    CHECK(one[0].header("Accept-Ranges") == "none");
    CHECK(one[0].header("Content-Range") == "");

    // 2,600 overlapping ranges in one 8 KB head: one copy of the file, not 2,600.
    std::string ranges = "bytes=0-";
    for (int i = 1; i < 2600; ++i) ranges += ",0-";
    REQUIRE(ranges.size() < 8000);
    const wire::Exchange x = exchange(port, "GET /css/site.css HTTP/1.1\r\n" + wire::host(port) + "Range: " + ranges +
                                                "\r\nConnection: close\r\n\r\n");
    const auto many = answers(x.in);
    REQUIRE(many.size() == 1);
    CHECK(many[0].status == 200);
    CHECK(many[0].body == css);
    CHECK(x.in.size() < css.size() + 1024);
}

TEST_CASE("a request head may be 16 KiB exactly; one byte more is 431, a long line 414 or 431") {
    Served on;
    const int port = on.server.port;
    // "GET / HTTP/1.1\r\n" + Host + three X-Fill lines + "\r\n", padded to `total` bytes in all.
    auto head_of = [&](size_t total) {
        const std::string start = "GET / HTTP/1.1\r\n" + wire::host(port) + "Connection: close\r\n";
        std::string fill;
        const size_t room = total - start.size() - 2;  // the blank line
        for (int i = 0; i < 3; ++i) {
            const size_t line = i < 2 ? room / 3 : room - 2 * (room / 3);
            fill += "X-Fill-" + std::to_string(i) + ": " + std::string(line - 12, 'y') + "\r\n";
        }
        std::string head = start + fill + "\r\n";
        REQUIRE(head.size() == total);
        return head;
    };
    CHECK(answers(exchange(port, head_of(16 * 1024)).in).at(0).status == 200);
    const wire::Exchange over = exchange(port, head_of(16 * 1024 + 1));
    CHECK(answers(over.in).at(0).status == 431);
    CHECK(over.closed);

    const std::string long_line = "GET /" + std::string(8 * 1024, 'a') + " HTTP/1.1\r\n" + wire::host(port) + "\r\n";
    CHECK(answers(exchange(port, long_line).in).at(0).status == 414);
    const std::string long_header = "GET / HTTP/1.1\r\n" + wire::host(port) + "X-Long: " + std::string(8 * 1024, 'b') + "\r\n\r\n";
    CHECK(answers(exchange(port, long_header).in).at(0).status == 431);
}

TEST_CASE("a connection gets 408 and is closed 5 s after it opened or was last answered without a whole head") {
    Served on;
    const int port = on.server.port;
    SUBCASE("an idle keep-alive connection, after its answer") {
        const int fd = wire::connect_to(port);
        const std::string get = "GET / HTTP/1.1\r\n" + wire::host(port) + "\r\n";
        REQUIRE(::send(fd, get.data(), get.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(get.size()));
        const auto t0 = wire::Clock::now();
        const wire::Exchange x = wire::read_all(fd, t0, 9s, 9s);
        ::close(fd);
        const auto got = answers(x.in);
        REQUIRE(got.size() == 2);
        CHECK(got[0].status == 200);
        CHECK(got[1].status == 408);
        CHECK(x.closed);
        MESSAGE("idle keep-alive connection closed after " << x.ms << " ms");
        CHECK(x.ms > 4500);
        CHECK(x.ms < 6500);
    }
    SUBCASE("a connection that never sends a byte") {
        const int fd = wire::connect_to(port);
        const wire::Exchange x = wire::read_all(fd, wire::Clock::now(), 9s, 9s);
        ::close(fd);
        CHECK(x.in.rfind("HTTP/1.1 408 ", 0) == 0);
        CHECK(x.closed);
        CHECK(x.ms > 4500);
        CHECK(x.ms < 6500);
    }
}

TEST_CASE("the 100th request on a connection is its last") {
    Served on;
    const int port = on.server.port;
    std::string pipelined;
    for (int i = 0; i < 101; ++i) pipelined += "GET /no/such/" + std::to_string(i) + "/ HTTP/1.1\r\n" + wire::host(port) + "\r\n";
    const wire::Exchange x = exchange(port, pipelined);
    const auto got = answers(x.in);
    REQUIRE(got.size() == 100);
    CHECK(got[98].header("Connection") == "");
    CHECK(got[99].header("Connection") == "close");
    CHECK(x.closed);
}

TEST_CASE("a parked event stream holds no thread, is woken for each event, and stopping ends it") {
    Served on;
    const int port = on.server.port;
    const std::string events = "GET /__costbook/events HTTP/1.1\r\n" + wire::host(port) + "Accept: text/event-stream\r\n\r\n";
    const int fd = wire::connect_to(port);
    REQUIRE(::send(fd, events.data(), events.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(events.size()));
    const wire::Exchange hello = wire::read_all(fd, wire::Clock::now(), 500ms);
    CHECK(hello.in.rfind("HTTP/1.1 200 ", 0) == 0);
    CHECK(hello.in.find("Content-Type: text/event-stream") != std::string::npos);
    CHECK(hello.in.find("retry: 1000") != std::string::npos);
    CHECK_FALSE(hello.closed);
    // Parked: pings every few seconds, and pages are answered meanwhile.
    const wire::Exchange idle = wire::read_all(fd, wire::Clock::now(), 4500ms, 4500ms);
    CHECK(idle.in.find(": ping") != std::string::npos);
    CHECK(raw(port, "GET /").status == 200);

    on.server.stop();  // SIGTERM: libmicrohttpd must not be stopped with the stream suspended
    CHECK(on.server.status == 0);
    const wire::Exchange end = wire::read_all(fd, wire::Clock::now(), 2s);
    CHECK(end.closed);
    ::close(fd);
}
