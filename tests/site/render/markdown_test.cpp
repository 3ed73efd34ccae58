// site/render/markdown.h: Markdown to HTML through md4c's callbacks — heading ids and anchors,
// links rewritten under the base path, shortcode markers swapped while parsing.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "render/markdown.h"

using fixture::repeat;
using fixture::run;
using fixture::SiteCopy;
using namespace costbook::site;

TEST_CASE("headings get ids from their text, unique on the page, with an anchor link") {
    const MarkdownResult r = render_markdown("## What is *counted*?\n\ntext\n\n## What is counted?\n\n### R1\n", {});
    REQUIRE(r.ok);
    REQUIRE(r.headings.size() == 3);
    CHECK(r.headings[0].id == "what-is-counted");
    CHECK(r.headings[0].text == "What is counted?");
    CHECK(r.headings[1].id == "what-is-counted-1");
    CHECK(r.headings[2].level == 3);
    CHECK(r.html.find("<h2 id=\"what-is-counted\">What is <em>counted</em>?<a class=\"anchor\" href=\"#what-is-counted\" "
                      "aria-label=\"Link to this section\">#</a></h2>") != std::string::npos);
}

TEST_CASE("every link and image is listed as written, and rewritten by the hook") {
    MarkdownHooks hooks;
    hooks.rewrite_url = [](const std::string& u) { return u[0] == '/' ? "/costs" + u : u; };
    const MarkdownResult r = render_markdown("See [V3](/models/deepseek-v3/) and ![a chart](/img/c.svg) or [out](https://x.org/?a=1&b=2).\n", hooks);
    CHECK(r.links == std::vector<std::string>{"/models/deepseek-v3/", "/img/c.svg", "https://x.org/?a=1&b=2"});
    CHECK(r.html.find("<a href=\"/costs/models/deepseek-v3/\">V3</a>") != std::string::npos);
    CHECK(r.html.find("src=\"/costs/img/c.svg\" alt=\"a chart\"") != std::string::npos);
    CHECK(r.html.find("href=\"https://x.org/?a=1&amp;b=2\"") != std::string::npos);
}

TEST_CASE("a link of several pieces (an entity, a NUL) is joined as written; only root-relative links reach the hook") {
    MarkdownHooks hooks;
    std::vector<std::string> asked;
    hooks.rewrite_url = [&](const std::string& u) { asked.push_back(u); return u[0] == '/' ? "/base" + u : u; };
    std::string md = "[a](/x?a&amp;b \"T &amp; ";
    md += '\0';
    md += "\") [b](rel/y) [c](<>)\n";
    const MarkdownResult r = render_markdown(md, hooks);
    CHECK(r.links == std::vector<std::string>{"/x?a&amp;b", "rel/y", ""});
    CHECK(asked == std::vector<std::string>{"/x?a&amp;b"});
    CHECK(r.html == "<p><a href=\"/base/x?a&amp;amp;b\" title=\"T &amp;amp; \xEF\xBF\xBD\">a</a> <a href=\"rel/y\">b</a> <a href=\"\">c</a></p>\n");
}

TEST_CASE("a shortcode marker becomes its HTML, but stays literal text in code") {
    MarkdownHooks hooks;
    hooks.shortcode_html = [](int i) { return "<b data-i=\"" + std::to_string(i) + "\">$5.576M</b>"; };
    hooks.shortcode_text = [](int) { return std::string("{{< figure \"x\" >}}"); };
    const MarkdownResult r = render_markdown("It cost " + inline_marker(0) + ".\n\n" + block_marker(1) + "\n\nIn code: `" +
                                                 inline_marker(2) + "`\n",
                                             hooks);
    CHECK(r.html.find("<p>It cost <b data-i=\"0\">$5.576M</b>.</p>") != std::string::npos);
    CHECK(r.html.find("<b data-i=\"1\">") != std::string::npos);
    CHECK(r.html.find("<p><b data-i=\"1\">") == std::string::npos);   // a block is not wrapped in a paragraph
    CHECK(r.html.find("<code>{{&lt; figure &quot;x&quot; &gt;}}</code>") != std::string::npos);
    CHECK(r.html.find("data-i=\"2\"") == std::string::npos);
}

TEST_CASE("deeply nested Markdown builds, in bounded time and without overflowing the stack") {
    SiteCopy s;
    fixture::write(s.dir / "content/quotes.md", "+++\ntitle = \"Quotes\"\n+++\n\n" + repeat(">", 100000) + " deep\n");
    fixture::write(s.dir / "content/lists.md", "+++\ntitle = \"Lists\"\n+++\n\n" + repeat("- ", 100000) + "deep\n");
    fixture::write(s.dir / "content/mixed.md", "+++\ntitle = \"Mixed\"\n+++\n\n" + repeat("> 1. ", 50000) + "deep\n");
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = run("build --site " + s.path());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK_MESSAGE(r.code == 0, r.err);
    CHECK(seconds < 10);   // ~0.1 s here
    for (const char* page : {"quotes", "lists", "mixed"}) {
        const std::string html = fixture::read(s.dir / "public" / page / "index.html");
        CHECK_MESSAGE(html.find("deep") != std::string::npos, page);
        CHECK_MESSAGE(html.find("</html>") != std::string::npos, page);
    }
}

TEST_CASE("20,000 headings of one text get 20,000 distinct ids, in order") {
    const MarkdownResult r = render_markdown(repeat("## Same\n\n", 20000), {});
    REQUIRE(r.headings.size() == 20000);
    CHECK(r.headings[0].id == "same");
    CHECK(r.headings[1].id == "same-1");
    CHECK(r.headings[19999].id == "same-19999");
}

TEST_CASE("a heading whose text is another's id with a suffix takes the next free id, and that text's own repeat a suffix of its own") {
    const MarkdownResult r = render_markdown("## A\n\n## A 1\n\n## A\n\n## A\n\n## A-1\n\n## A-2\n\n", {});
    std::vector<std::string> ids;
    for (const Heading& h : r.headings) ids.push_back(h.id);
    CHECK(ids == std::vector<std::string>{"a", "a-1", "a-2", "a-3", "a-1-1", "a-2-1"});
}
