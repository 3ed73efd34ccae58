// site/serve/requests.h: a request target is a plain relative path under the output, or a 400;
// its Content-Type follows the extension.
#include <doctest/doctest.h>

#include <string>

#include "serve/requests.h"

TEST_CASE("request paths are plain relative paths or a 400") {
    using costbook::site::parse_request_path;
    CHECK(parse_request_path("/").rel == "index.html");
    CHECK(parse_request_path("/a/").rel == "a/index.html");
    CHECK(parse_request_path("/a/b.css?v=1#x").rel == "a/b.css");
    CHECK(parse_request_path("/caf%C3%A9/").rel == "café/index.html");
    CHECK_FALSE(parse_request_path("/a").trailing_slash);
    for (const char* bad : {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2fsite.toml", "/%252e%252e/",
                            "/..\\site.toml", "/%5c..%5csite.toml", "/.%2E/x", "//etc/passwd", "/a//b", "/./x",
                            "etc/passwd", "http://example.com/", "*", "/%00", "/a%0a", "/%zz", "/%2"}) {
        CAPTURE(bad);
        CHECK(parse_request_path(bad).status == 400);
        CHECK(parse_request_path(bad).rel.empty());
    }
}


TEST_CASE("content types follow the extension, with application/wasm for the calculator") {
    using costbook::site::content_type_for;
    CHECK(content_type_for("a/index.html") == "text/html; charset=utf-8");
    CHECK(content_type_for("site.css") == "text/css; charset=utf-8");
    CHECK(content_type_for("calc.js") == "text/javascript; charset=utf-8");
    CHECK(content_type_for("calc.wasm") == "application/wasm");
    CHECK(content_type_for("ladder.svg") == "image/svg+xml");
    CHECK(content_type_for("sitemap.xml") == "application/xml");
    CHECK(content_type_for("data.json") == "application/json");
    CHECK(content_type_for("og.png") == "image/png");
    CHECK(content_type_for("font.ttf") == "font/ttf");
    CHECK(content_type_for("font.woff2") == "font/woff2");
    CHECK(content_type_for("robots.txt") == "text/plain; charset=utf-8");
    CHECK(content_type_for("README") == "application/octet-stream");
}

// ---- The libmicrohttpd layer: what it answers, from raw bytes on a socket ----
#include <doctest/doctest.h>

#include "serve/requests.h"

using costbook::site::announces_body;
using costbook::site::head_problem;
using costbook::site::HeaderList;
using costbook::site::host_allowed;

TEST_CASE("a Host names this server only as a loopback name with its port, or as the --bind address") {
    for (const char* ok : {"127.0.0.1:1313", "localhost:1313", "LOCALHOST:1313", "[::1]:1313", "LocalHost:1313"}) {
        CAPTURE(ok);
        CHECK(host_allowed(ok, 1313, "127.0.0.1"));
        CHECK(host_allowed(ok, 1313, "0.0.0.0"));
    }
    for (const char* bad : {"evil.example:1313", "127.0.0.1:1314", "127.0.0.1", "localhost", "127.0.0.1:",
                            "localhost.evil.example:1313", "127.0.0.1.nip.io:1313", "[::1]:01313x", "[::1]",
                            "[::1]:", "[::1]1313", "::1:1313", "127.0.0.2:1313", "0.0.0.0:1313", "", ":1313",
                            "127.0.0.1:1313 ", "127.0.0.1:+1313", "127.0.0.1:99999999999", "localhost.:1313"}) {
        CAPTURE(bad);
        CHECK_FALSE(host_allowed(bad, 1313, "127.0.0.1"));
        CHECK_FALSE(host_allowed(bad, 1313, "0.0.0.0"));  // a wildcard bind adds no name
    }
    SUBCASE("the port may be left out only when it is 80") {
        CHECK(host_allowed("localhost", 80, "127.0.0.1"));
        CHECK(host_allowed("localhost:80", 80, "127.0.0.1"));
        CHECK_FALSE(host_allowed("localhost", 8080, "127.0.0.1"));
    }
    SUBCASE("a --bind address that is not a wildcard is a name too") {
        CHECK(host_allowed("192.168.1.5:1313", 1313, "192.168.1.5"));
        CHECK_FALSE(host_allowed("192.168.1.6:1313", 1313, "192.168.1.5"));
        CHECK(host_allowed("[fe80::1]:1313", 1313, "fe80::1"));
        CHECK(host_allowed("127.0.0.2:1313", 1313, "127.0.0.2"));
        CHECK_FALSE(host_allowed("[::]:1313", 1313, "::"));
        CHECK_FALSE(host_allowed("0.0.0.0:1313", 1313, "0.0.0.0"));
    }
}

TEST_CASE("a head whose end is ambiguous is named, and a head that announces a body is told apart") {
    const HeaderList plain = {{"Host", "127.0.0.1:1313"}, {"Content-Length", "0"}, {"Accept", "*/*"}};
    CHECK(head_problem(plain) == "");
    CHECK_FALSE(announces_body(plain));
    CHECK(head_problem({{"Transfer-Encoding ", "chunked"}}) ==
          "whitespace or a control character in the header name `Transfer-Encoding `");
    CHECK(head_problem({{"Transfer-Encoding\t", "chunked"}}) != "");
    CHECK(head_problem({{"X\x01", "y"}}) != "");
    CHECK(head_problem({{"", "y"}}) == "a header line without a name");
    CHECK(head_problem({{"Content-Length", "0"}, {"content-length", "5"}}) == "more than one Content-Length");
    CHECK(head_problem({{"Content-Length", "5"}, {"Content-Length", "5"}}) == "more than one Content-Length");
    CHECK(head_problem({{"Content-Length", "5, 5"}}) == "a Content-Length that is not a number");
    CHECK(head_problem({{"Content-Length", "+5"}}) == "a Content-Length that is not a number");
    CHECK(head_problem({{"Content-Length", "5"}, {"Transfer-Encoding", "chunked"}}) ==
          "both Content-Length and Transfer-Encoding");
    CHECK(head_problem({{"Host", "a"}, {"HOST", "b"}}) == "more than one Host");

    CHECK(announces_body({{"Content-Length", "3"}}));
    CHECK(announces_body({{"Content-Length", "000"}}) == false);
    for (const char* te : {"chunked", "identity", "gzip, chunked", "CHUNKED", ""}) {
        CAPTURE(te);
        CHECK(announces_body({{"transfer-encoding", te}}));  // any Transfer-Encoding, whatever it says
    }
}
