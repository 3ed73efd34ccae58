// site/render/html.h: the one escaper every string from data and content goes through, and
// heading slugs.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "render/html.h"

using fixture::run;
using fixture::SiteCopy;
using namespace costbook::site;

TEST_CASE("escape: & < > \" ' for text and attribute values alike") {
    CHECK(escape("<b>Tom & \"Jerry\"'s</b>") == "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&#39;s&lt;/b&gt;");
    CHECK(escape("plain, caf\xC3\xA9") == "plain, caf\xC3\xA9");
    std::string out = "x";
    append_escaped(out, "<");
    CHECK(out == "x&lt;");
}

TEST_CASE("JSON inside <script> cannot close it") {
    CHECK(escape_json_in_html("{\"a\":\"</script><b>&\"}") == "{\"a\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"}");
}

TEST_CASE("slugify: lower case, one dash between words, UTF-8 letters kept") {
    CHECK(slugify("What is counted?") == "what-is-counted");
    CHECK(slugify("  The $294K figure -- R1  ") == "the-294k-figure-r1");
    CHECK(slugify("Caf\xC3\xA9 costs") == "caf\xC3\xA9-costs");
    CHECK(slugify("?!") == "section");
}

TEST_CASE("strings from data and front matter are escaped in HTML, attributes and SVG") {
    SiteCopy s;
    REQUIRE(s.edit("data/models/llama-4-scout.toml", "name = \"Llama 4 Scout\"", "name = \"<script>alert(1)</script>\""));
    REQUIRE(s.edit("content/index.md", "title = \"What did DeepSeek cost?\"", "title = \"\\\"><img src=x onerror=alert(1)>\""));
    REQUIRE(run("build --site " + s.path()).code == 0);
    const std::string home = fixture::read(s.dir / "public/index.html");
    CHECK(home.find("<script>alert(1)") == std::string::npos);
    CHECK(home.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);   // in the SVG chart
    CHECK(home.find("<img src=x") == std::string::npos);
    CHECK(home.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    const std::string model = fixture::read(s.dir / "public/models/llama-4-scout/index.html");
    CHECK(model.find("<script>alert") == std::string::npos);
}
