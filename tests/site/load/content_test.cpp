// site/load/content.h: front matter between +++ lines, where each page goes, and the pages
// no Markdown file gives.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "load/content.h"

using namespace costbook::site;

namespace {
std::optional<Page> parse(const std::string& text, const std::string& rel = "a.md", bool drafts = false) {
    Diagnostics d;
    auto pg = parse_page(text, rel, drafts, d);
    CHECK_MESSAGE((pg.has_value() || !d.empty()), "no page and no error");
    return pg;
}
}  // namespace

TEST_CASE("a page's front matter, its body and where in the file the body starts") {
    const auto pg = parse("+++\ntitle = \"Costs\"\ndescription = \"d\"\ndate = 2025-01-20\nweight = 3\ntoc = true\n"
                          "nav_title = \"C\"\n+++\n\nBody *here*.\n",
                          "notes/costs.md");
    REQUIRE(pg);
    CHECK(pg->src == "content/notes/costs.md");
    CHECK(pg->title == "Costs");
    CHECK(pg->date == "2025-01-20");
    CHECK(pg->weight == 3);
    CHECK(pg->toc);
    CHECK(pg->in_nav);
    CHECK(pg->nav_title == "C");
    CHECK(pg->url_path == "notes/costs/");
    CHECK(pg->out_path == "notes/costs/index.html");
    CHECK(pg->body == "\nBody *here*.\n");
    CHECK(pg->body_line == 9);
}

TEST_CASE("a page's path: index.md is its folder, a slug replaces the path, 404.md is the 404 page") {
    const std::string fm = "+++\ntitle = \"T\"\n+++\n";
    CHECK(parse(fm, "index.md")->out_path == "index.html");
    CHECK(parse(fm, "index.md")->url_path == "");
    CHECK(parse(fm, "guide/index.md")->out_path == "guide/index.html");
    CHECK(parse(fm, "two words.md")->url_path == "two-words/");
    CHECK(parse("+++\ntitle = \"T\"\nslug = \"costs/v3\"\n+++\n", "x.md")->out_path == "costs/v3/index.html");
    const auto nf = parse(fm, "404.md");
    CHECK(nf->kind == "404");
    CHECK(nf->out_path == "404.html");
}

TEST_CASE("a draft is left out unless drafts are asked for; nav = false keeps a page out of the navigation") {
    const std::string draft = "+++\ntitle = \"T\"\ndraft = true\n+++\n";
    Diagnostics d;
    CHECK_FALSE(parse_page(draft, "a.md", false, d));
    CHECK(d.empty());   // left out, not an error
    CHECK(parse(draft, "a.md", true)->draft);
    CHECK_FALSE(parse("+++\ntitle = \"T\"\nnav = false\n+++\n")->in_nav);
}

TEST_CASE("a BOM and CRLF fences are front matter like any other") {
    const auto pg = parse("\xEF\xBB\xBF+++\r\ntitle = \"T\"\r\n+++\r\nBody\r\n");
    REQUIRE(pg);
    CHECK(pg->title == "T");
    CHECK(pg->body == "Body\r\n");
}

TEST_CASE("every front-matter problem in a page is reported at once, naming the known keys") {
    Diagnostics d;
    CHECK_FALSE(parse_page("+++\ntitle = 1\nwieght = 2\nslug = \"../x\"\n+++\n", "a.md", false, d));
    REQUIRE(d.size() == 3);
    CHECK(d.list()[0].message == "unknown front-matter key `wieght`");
    CHECK(d.list()[0].line == 3);
    CHECK(d.list()[0].help == "known keys: title, description, date, draft, template, weight, slug, toc, nav, nav_title, card, card_figure");
    CHECK(d.list()[1].message == "`title` must be a string in front matter");
    CHECK(d.list()[2].message == "slug `../x` is not a safe path");
}

TEST_CASE("a Markdown page at a model's path is that model's page; at the sources index's it goes after the generated one") {
    const auto& data = fixture::data();
    std::vector<std::string> ids;   // two whose ids a slug can name (no `.`)
    for (const auto& m : data.models) if (m.id.find('.') == std::string::npos) ids.push_back(m.id);
    REQUIRE(ids.size() >= 2);
    const auto mine = parse("+++\ntitle = \"Mine\"\n+++\nhello\n", "models/" + ids[0] + ".md");
    const auto by_slug = parse("+++\ntitle = \"By slug\"\nslug = \"models/" + ids[1] + "\"\n+++\n", "x.md");
    const auto sources_md = parse("+++\ntitle = \"Sources\"\n+++\n", "sources.md");
    REQUIRE((mine && by_slug && sources_md));
    std::vector<Page> pages{*mine, *by_slug, *sources_md};
    add_generated_pages(pages, &data, false);
    REQUIRE(pages.size() == data.models.size() + 3);   // two models' pages are Markdown, the sources index is both
    for (const Page& pg : pages) CHECK(pg.model_id != ids[0]);
    for (const Page& pg : pages) CHECK(pg.model_id != ids[1]);
    CHECK(pages[0].title == "Mine");
    CHECK(pages[1].title == "By slug");
    // The build's owner check reports the later of two pages of one path: the Markdown one.
    const auto sources = std::find_if(pages.begin(), pages.end(), [](const Page& p) { return p.out_path == "sources/index.html"; });
    REQUIRE(sources != pages.end());
    CHECK(sources->kind == "sources");
    CHECK(sources->src == "the sources index (generated from data/sources.toml)");
    CHECK((sources + 1)->src == "content/sources.md");
}

TEST_CASE("two pages of one path: the error is at the slug that made it, naming the other page") {
    fixture::SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "content/dup.md", "+++\ntitle = \"Dup\"\n\nslug = \"about\"\n+++\n");
    Diagnostics d;
    load_content(s.path(), false, d);
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].path == "content/dup.md");
    CHECK(d.list()[0].line == 4);
    CHECK(d.list()[0].col == 8);
    CHECK(d.list()[0].len == 7);
    CHECK(d.list()[0].message == "this slug puts the page at /about/, where content/about.md already is");
    CHECK(d.list()[0].help == "change the slug, or rename content/about.md");
    SUBCASE("the earlier file's slug, when it is that one's") {
        fixture::write(s.dir / "content/dup.md", "+++\ntitle = \"Dup\"\n+++\n");
        fixture::write(s.dir / "content/about.md", "+++\ntitle = \"About\"\nslug = \"dup\"\n+++\n");
        Diagnostics e;
        load_content(s.path(), false, e);
        REQUIRE(e.size() == 1);
        CHECK(e.list()[0].path == "content/about.md");
        CHECK(e.list()[0].line == 3);
        CHECK(e.list()[0].message == "this slug puts the page at /dup/, where content/dup.md already is");
    }
    SUBCASE("both slugs: the later page's, naming the other's line") {
        fixture::write(s.dir / "content/about.md", "+++\ntitle = \"About\"\nslug = \"x\"\n+++\n");
        fixture::write(s.dir / "content/dup.md", "+++\ntitle = \"Dup\"\nslug = \"x/\"\n+++\n");
        Diagnostics e;
        load_content(s.path(), false, e);
        REQUIRE(e.size() == 1);
        CHECK(e.list()[0].path == "content/dup.md");
        CHECK(e.list()[0].note == "content/about.md's slug (line 3) puts it there");
        CHECK(e.list()[0].help == "change one of the two slugs");
    }
}

TEST_CASE("a page at /sources/ in a site with data/ is an error at it: the sources index is generated there") {
    fixture::SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "content/sources.md", "+++\ntitle = \"Mine\"\n+++\nhello\n");
    Diagnostics d;
    load_content(s.path(), false, d);
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].path == "content/sources.md");
    CHECK(d.list()[0].line == 1);
    CHECK(d.list()[0].message == "this page is at /sources/, where costbook writes the sources index (from data/sources.toml)");
    CHECK(d.list()[0].help == "rename the file, or give it a `slug`; a page of your own shows the same table with {{< sources >}}");
    fixture::fs::remove(s.dir / "content/sources.md");
    fixture::write(s.dir / "content/refs.md", "+++\ntitle = \"Refs\"\nslug = \"sources\"\n+++\n");
    Diagnostics e;
    load_content(s.path(), false, e);
    REQUIRE(e.size() == 1);
    CHECK(e.list()[0].line == 3);
    CHECK(e.list()[0].message == "this slug puts the page at /sources/, where costbook writes the sources index (from data/sources.toml)");
    fixture::fs::remove_all(s.dir / "data");   // no data: no sources index, the page is the site's own
    Diagnostics f;
    CHECK(load_content(s.path(), false, f).size() == 3);
    CHECK(f.empty());
}

TEST_CASE("the generated pages: one per model, the sources index and the 404 page, unless Markdown gives one") {
    const auto& data = fixture::data();
    std::vector<Page> pages;
    add_generated_pages(pages, &data, false);
    REQUIRE(pages.size() == data.models.size() + 2);
    for (size_t i = 0; i < data.models.size(); ++i) {
        CHECK(pages[i].kind == "model");
        CHECK(pages[i].model_id == data.models[i].id);
        CHECK(pages[i].out_path == "models/" + data.models[i].id + "/index.html");
        CHECK(pages[i].template_name == "page");
        CHECK_FALSE(pages[i].in_nav);
    }
    CHECK(pages[data.models.size()].out_path == "sources/index.html");
    CHECK(pages.back().out_path == "404.html");

    std::vector<Page> own{*parse("+++\ntitle = \"Lost\"\n+++\n", "404.md")};
    add_generated_pages(own, nullptr, true);   // no data: no model or sources pages
    REQUIRE(own.size() == 1);
    CHECK(own[0].title == "Lost");
}

TEST_CASE("load_content reads every page under content/, sorted by path") {
    fixture::SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "content/notes/deep/a.md", "+++\ntitle = \"Deep\"\n+++\n");
    fixture::write(s.dir / "content/notes/readme.txt", "not a page");
    Diagnostics d;
    const std::vector<Page> pages = load_content(s.path(), false, d);
    CHECK(d.empty());
    REQUIRE(pages.size() == 3);
    CHECK(pages[0].src == "content/about.md");
    CHECK(pages[1].src == "content/index.md");
    CHECK(pages[2].src == "content/notes/deep/a.md");
}
