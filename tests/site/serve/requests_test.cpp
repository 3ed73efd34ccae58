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
