// costbook build on the default site and on broken copies of it.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <vector>

#include "../fixture.h"
#include "site_fixture.h"

using fixture::run;
using fixture::SiteCopy;
namespace fs = std::filesystem;

TEST_CASE("the default site builds with its pages, feeds and figures") {
    SiteCopy s;
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(r.out.rfind("built ", 0) == 0);
    const fs::path out = s.dir / "public";
    for (const char* f : {"index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml", ".nojekyll",
                          "sources/index.html", "models/deepseek-v3/index.html", "models/deepseek-r1/index.html", "css/site.css"})
        CHECK_MESSAGE(fs::exists(out / f), f);
    const std::string home = fixture::read(out / "index.html");
    CHECK(home.find(">$294K</a>") != std::string::npos);
    CHECK(home.find(">$5.576M</a>") != std::string::npos);
    CHECK(home.find(">$2.573B</a>") != std::string::npos);
    CHECK(home.find("<meta property=\"og:title\"") != std::string::npos);
    CHECK(home.find("rel=\"canonical\" href=\"https://example.org/\"") != std::string::npos);
    const std::string v3 = fixture::read(out / "models/deepseek-v3/index.html");
    CHECK(v3.find("2.788M GPU-hours") != std::string::npos);
    CHECK(v3.find("34.6%") != std::string::npos);   // implied MFU, computed by core
    SUBCASE("every figure link points at a source that the sources page anchors") {
        const std::string sources = fixture::read(out / "sources/index.html");
        const std::regex link("href=\"/sources/#(src-[a-z0-9.-]+)\"");
        int n = 0;
        for (std::sregex_iterator it(home.begin(), home.end(), link), end; it != end; ++it, ++n)
            CHECK_MESSAGE(sources.find("id=\"" + (*it)[1].str() + "\"") != std::string::npos, (*it)[1].str());
        CHECK(n >= 5);
    }
    SUBCASE("check finds every link and anchor resolving") {
        const auto c = run("check --site " + s.path());
        CHECK_MESSAGE(c.code == 0, c.err);
    }
}

TEST_CASE("two builds of the same input are byte-identical, wherever they are written") {
    SiteCopy a, b;
    REQUIRE(run("build --site " + a.path()).code == 0);
    REQUIRE(run("build --site " + b.path() + " --out " + (b.dir / "elsewhere").string()).code == 0);
    CHECK(fixture::tree(a.dir / "public") == fixture::tree(b.dir / "elsewhere"));
}

TEST_CASE("a sub-path base URL reaches every internal link") {
    SiteCopy s;
    const auto r = run("build --site " + s.path() + " --base-url https://example.org/costs/");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    for (const auto& e : fs::recursive_directory_iterator(s.dir / "public")) {
        if (e.path().extension() != ".html") continue;
        const std::string html = fixture::read(e.path());
        const std::regex root_link("(href|src)=\"/([^\"]*)\"");
        for (std::sregex_iterator it(html.begin(), html.end(), root_link), end; it != end; ++it)
            CHECK_MESSAGE((*it)[2].str().rfind("costs/", 0) == 0, e.path().string() << ": " << (*it)[0].str());
    }
    CHECK(run("check --site " + s.path() + " --base-url https://example.org/costs/").code == 0);
    CHECK(fixture::read(s.dir / "public/sitemap.xml").find("<loc>https://example.org/costs/models/deepseek-v3/</loc>") != std::string::npos);
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

TEST_CASE("costbook new writes a starter site that builds and checks, from any folder") {
    const fs::path dir = fs::temp_directory_path() / ("costbook-new-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const auto r = run("new " + dir.string(), "/");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(run("build --site " + dir.string(), "/").code == 0);
    CHECK(fs::exists(dir / "public/index.html"));
    CHECK(run("check --site " + dir.string(), "/").code == 0);
    CHECK(run("new " + dir.string(), "/").code == 2);   // never over an existing site
    fs::remove_all(dir);
}

TEST_CASE("bad input: file:line:col, exit 1, and the previous output left exactly as it was") {
    struct Case { const char* name; const char* file; const char* find; const char* replace; const char* expected; };
    const Case cases[] = {
        {"front matter not closed", "content/index.md", "nav_title = \"Home\"\n+++", "nav_title = \"Home\"\n",
         "content/index.md:1:1: error: front matter is not closed"},
        {"no front matter", "content/index.md", "+++\ntitle", "title",
         "content/index.md:1:1: error: missing front matter"},
        {"unknown front-matter key", "content/index.md", "weight = 0", "wieght = 0",
         "content/index.md:4:1: error: unknown front-matter key `wieght`"},
        {"front matter TOML error", "content/index.md", "weight = 0", "weight = = 0",
         "content/index.md:4:10: error: Error while parsing value: could not determine value type"},
        {"weight not a whole number", "content/index.md", "weight = 0", "weight = \"first\"",
         "content/index.md:4:10: error: `weight` must be a whole number"},
        {"non-UTF-8 bytes", "content/index.md", "Three numbers", "Three \xff\xfe numbers",
         "content/index.md:8:7: error: this file is not valid UTF-8"},
        {"unknown shortcode", "content/index.md", "{{< chart \"ladder\" >}}", "{{< chrat \"ladder\" >}}",
         "content/index.md:25:1: error: unknown shortcode `chrat`"},
        {"unclosed shortcode", "content/index.md", "{{< chart \"ladder\" >}}", "{{< chart \"ladder\"",
         "content/index.md:25:1: error: shortcode is not closed"},
        {"unknown figure", "content/index.md", "deepseek-r1.total_cost_usd", "deepseek-r1.total_cost",
         "content/index.md:13:3: error: unknown figure `deepseek-r1.total_cost`"},
        {"unknown calculator tab", "content/index.md", "tab=\"counted\"", "tab=\"counting\"",
         "content/index.md:27:1: error: unknown calculator tab `counting`"},
        {"bad calculator scenario", "content/index.md", "{{< calc tab=\"counted\" >}}", "{{< calc tab=\"counted\" scenario=\"rate=cheap\" >}}",
         "content/index.md:27:1: error: `rate` is not a number: `cheap`"},
        {"unknown chart", "content/index.md", "{{< chart \"models\" >}}", "{{< chart \"pie\" >}}",
         "content/index.md:31:1: error: unknown chart `pie`"},
        {"unknown ledger", "content/index.md", "{{< chart \"models\" >}}", "{{< ledger \"gpt-5\" >}}",
         "content/index.md:31:1: error: no ledger for model `gpt-5`"},
        {"unclosed section", "templates/page.mustache", "{{/page.has_toc}}", "",
         "templates/page.mustache:12:1: error: section `page.has_toc` is never closed"},
        {"stray closing tag", "templates/partials/footer.mustache", "</footer>", "</footer>{{/nav}}",
         "templates/partials/footer.mustache:3:10: error: `{{/nav}}` closes a section that was never opened"},
        {"missing partial", "templates/page.mustache", "{{> footer}}", "{{> foot}}",
         "templates/page.mustache:18:1: error: missing partial `foot`"},
        {"unterminated tag", "templates/partials/header.mustache", "{{site.title}}</a>", "{{site.title</a>",
         "templates/partials/header.mustache:2:49: error: unterminated tag"},
        {"unknown template", "content/index.md", "weight = 0", "template = \"wide\"",
         "content/index.md:1:1: error: unknown template `wide`"},
        {"slug with ..", "content/index.md", "weight = 0", "slug = \"../../etc\"",
         "content/index.md:4:8: error: slug `../../etc` is not a safe path"},
        {"absolute slug", "content/index.md", "weight = 0", "slug = \"/tmp/x\"",
         "content/index.md:4:8: error: slug `/tmp/x` is not a safe path"},
        {"duplicate output path", "content/index/index.md", "", "+++\ntitle = \"Another home\"\n+++\nHi.\n",
         "content/index.md:1:1: error: two pages write index.html"},
        {"data: unknown source", "data/models/deepseek-v3.toml", "source = \"dsv3-report\"\ncounts", "source = \"dsv3\"\ncounts",
         "data/models/deepseek-v3.toml:12:10: error: unknown source id `dsv3`"},
        {"data: TOML syntax", "data/gpus/h800.toml", "watts = 700", "watts = 700 700",
         "data/gpus/h800.toml:9:13: error: Error while parsing key-value pair: expected a comment or whitespace, saw '7'"},
        {"data: negative GPU-hours", "data/models/deepseek-r1.toml", "gpu_hours = 41e3", "gpu_hours = -41e3",
         "data/models/deepseek-r1.toml:38:13: error: `gpu_hours` must be 0 or more in [[stages]]"},
        {"site.toml without a title", "site.toml", "title = \"What did DeepSeek cost?\"\n", "",
         "site.toml:1:1: error: missing `title`"},
        {"site.toml unknown key", "site.toml", "language", "lang",
         "site.toml:4:1: error: unknown key `lang`"},
    };
    static_assert(sizeof(cases) / sizeof(cases[0]) >= 20);
    for (const Case& c : cases) {
        SUBCASE(c.name) {
            SiteCopy s;
            REQUIRE(run("build --site " + s.path()).code == 0);
            const std::string before = fixture::tree(s.dir / "public");
            REQUIRE_MESSAGE(s.edit(c.file, c.find, c.replace), "fixture text not found in " << c.file);
            const auto r = run("build --site " + s.path());
            CHECK(r.code == 1);
            CHECK(fixture::first_line(r.err) == c.expected);
            CHECK(r.err.find("error: build failed;") != std::string::npos);
            CHECK(fixture::tree(s.dir / "public") == before);
        }
    }
}

TEST_CASE("a symlink in static/ pointing outside the site is refused") {
    SiteCopy s;
    REQUIRE(run("build --site " + s.path()).code == 0);
    const std::string before = fixture::tree(s.dir / "public");
    fs::create_symlink("/etc/passwd", s.dir / "static/passwd");
    const auto r = run("build --site " + s.path());
    CHECK(r.code == 1);
    CHECK(fixture::first_line(r.err) == "static/passwd:1:1: error: symlinks are not copied from static/");
    CHECK(fixture::tree(s.dir / "public") == before);
}

TEST_CASE("a read-only output parent fails cleanly and writes nothing") {
    if (::geteuid() == 0) return;  // root writes anywhere: nothing to test
    SiteCopy s;
    fs::create_directories(s.dir / "ro");
    fs::permissions(s.dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    const auto r = run("build --site " + s.path() + " --out " + (s.dir / "ro/public").string());
    CHECK(r.code == 1);
    fs::permissions(s.dir / "ro", fs::perms::owner_all);
}

TEST_CASE("the assumptions shortcode lists every assumption from data with its reason") {
    SiteCopy s;
    fixture::write(s.dir / "content/a.md", "+++\ntitle = \"A\"\n+++\n\n{{< assumptions >}}\n\n"
                                          "Research: {{< figure \"input.research_mult.range\" >}}.\n\n"
                                          "{{< calc tab=\"estimate\" scenario=\"model=llama-3.1-405b\" >}}\n");
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string html = fixture::read(s.dir / "public/a/index.html");
    CHECK(html.find("<table class=\"cb-assumptions\">") != std::string::npos);
    CHECK(html.find("3x the final run is illustrative") != std::string::npos);
    CHECK(html.find(">1×–10×<") != std::string::npos);
    CHECK(html.find("params=4.05e11") != std::string::npos);   // the embed starts from Llama's size
    for (const auto& t : fixture::data().tasks) CHECK_MESSAGE(html.find("Task: " + t.name) != std::string::npos, t.id);
}

TEST_CASE("CRLF line endings and a UTF-8 BOM build like any other file") {
    SiteCopy s;
    for (const char* f : {"content/index.md", "data/models/deepseek-v3.toml", "site.toml"}) {
        std::string text = fixture::read(s.dir / f), crlf = "\xEF\xBB\xBF";
        for (char c : text) { if (c == '\n') crlf += '\r'; crlf += c; }
        fixture::write(s.dir / f, crlf);
    }
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string home = fixture::read(s.dir / "public/index.html");
    CHECK(home.find(">$5.576M</a>") != std::string::npos);
    CHECK(home.find("<h2 id=\"the-ladder\">") != std::string::npos);
    CHECK(home.find('\r') == std::string::npos);
}
