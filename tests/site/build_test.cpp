// site/build.h: one build from a site folder to an output folder — the default site with its
// pages, feeds and figures; every bad input of tests/site/bad/ failing with its whole stderr and
// leaving the previous output and the rest of the site exactly as they were.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "../fixture.h"
#include "build.h"
#include "site_fixture.h"
#include <sys/stat.h>
#include <unistd.h>

using fixture::repeat;
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

TEST_CASE("raw HTML root links, in a page or a template, go under a sub-path base URL like Markdown ones") {
    SiteCopy s(fixture::kMinimal);
    REQUIRE(s.edit("content/about.md", "", fixture::read(fixture::kMinimal / "content/about.md") +
                                             "\n<a href=\"/about/\">raw</a> <a href='/#top'>single</a> <a href=\"//cdn.example.org/x\">cdn</a>\n"));
    REQUIRE(s.edit("templates/partials/footer.mustache", "", "<footer><a href=\"/sources/\">all sources</a> "
                                                            "<a href=\"{{site.base_path}}about/\">about</a></footer>\n"));
    const auto r = run("build --site " + s.path() + " --base-url https://example.org/costs/");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string about = fixture::read(s.dir / "public/about/index.html");
    CHECK(about.find("<a href=\"/costs/about/\">raw</a>") != std::string::npos);
    CHECK(about.find("<a href='/costs/#top'>single</a>") != std::string::npos);
    CHECK(about.find("<a href=\"//cdn.example.org/x\">cdn</a>") != std::string::npos);   // another host: as written
    CHECK(about.find("<a href=\"/costs/sources/\">all sources</a>") != std::string::npos);
    CHECK(about.find("<a href=\"/costs/about/\">about</a>") != std::string::npos);       // already under it: once
    CHECK(about.find("/costs/costs/") == std::string::npos);
    CHECK(run("check --site " + s.path() + " --base-url https://example.org/costs/").code == 0);
    // At the root nothing changes.
    REQUIRE(run("build --site " + s.path()).code == 0);
    CHECK(fixture::read(s.dir / "public/about/index.html").find("<a href=\"/about/\">raw</a>") != std::string::npos);
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

TEST_CASE("the minimal fixture site builds, and checks") {
    SiteCopy s(fixture::kMinimal);
    const auto r = run("build", s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(r.err.empty());
    CHECK(run("check", s.path()).code == 0);
}

// Zola's test_sites_invalid/ way: each folder of tests/site/bad/ holds the files that differ from
// tests/site/ok/minimal/ and expected.txt, the whole stderr of `costbook build` run in the site
// (so every path in it is relative). Adding a folder adds a case. COSTBOOK_UPDATE_EXPECTED=1
// rewrites each expected.txt from what the build printed, for a change that meant to alter them.
TEST_CASE("bad input: each tests/site/bad/ case prints its expected.txt, exits 1 and leaves the site as it was") {
    const std::vector<std::string> cases = fixture::bad_cases();
    REQUIRE(cases.size() >= 60);
    const bool update = std::getenv("COSTBOOK_UPDATE_EXPECTED") != nullptr;
    for (const std::string& name : cases) {
        SUBCASE(name.c_str()) {
            const fs::path bad = fixture::kFixtures / "bad" / name;
            REQUIRE_MESSAGE((update || fs::exists(bad / "expected.txt")), name << " has no expected.txt");
            SiteCopy s(fixture::kMinimal);
            REQUIRE(run("build", s.path()).code == 0);
            const std::string before = fixture::tree(s.dir / "public");
            const std::string minimal = fixture::tree(s.dir);
            s.add(bad);
            REQUIRE_MESSAGE(fixture::tree(s.dir) != minimal, name << " changes nothing in the minimal site");
            const std::string outside = fixture::entries(s.dir);
            const auto r = run("build", s.path());
            if (update) fixture::write(bad / "expected.txt", r.err);
            CHECK(r.code == 1);
            CHECK(r.err == fixture::read(bad / "expected.txt"));
            CHECK(fixture::tree(s.dir / "public") == before);
            CHECK(fixture::entries(s.dir) == outside);   // nothing written beside the output either
        }
    }
}

// Generated, not a fixture: 1.8 MB of tags. 100,000 nested sections took minutes to render (every
// name is looked up through them all); the engine stops at the 101st.
// Pages are written into the staging tree as they are rendered (write/write.h's OutputWriter):
// a page that fails after others were written still swaps nothing in.
TEST_CASE("a page that fails to render after others were written leaves the output as it was, and the next build is whole") {
    SiteCopy s(fixture::kMinimal);
    REQUIRE(run("build", s.path()).code == 0);
    const std::string first = fixture::tree(s.dir / "public");
    REQUIRE(s.edit("content/about.md", "", fixture::read(s.dir / "content/about.md") + "\nA sentence the output must not get.\n"));
    REQUIRE(s.edit("content/zz-broken.md", "", "+++\ntitle = \"Broken\"\n+++\n\n{{< no-such-shortcode >}}\n"));
    const std::string outside = fixture::entries(s.dir);
    SUBCASE("the staging tree made by this build is removed") {
        const auto r = run("build", s.path());
        CHECK(r.code == 1);
        CHECK(r.err.find("content/zz-broken.md:5:1: error: unknown shortcode `no-such-shortcode`") != std::string::npos);
        CHECK(fixture::tree(s.dir / "public") == first);
        CHECK(fixture::entries(s.dir) == outside);
    }
    SUBCASE("a recycled staging tree: the next good build equals a fresh one") {
        REQUIRE(run("build", s.path()).code == 1);
        fs::remove(s.dir / "content/zz-broken.md");
        REQUIRE(run("build", s.path()).code == 0);   // into public/, recycling the staging tree
        const std::string second = fixture::tree(s.dir / "public");
        REQUIRE(s.edit("content/zz-broken.md", "", "+++\ntitle = \"Broken\"\n+++\n\n{{< no-such-shortcode >}}\n"));
        REQUIRE(s.edit("content/about.md", "must not", "still must not"));
        CHECK(run("build", s.path()).code == 1);
        CHECK(fixture::tree(s.dir / "public") == second);
        CHECK(second.find("A sentence the output must not get.") != std::string::npos);
        fs::remove(s.dir / "content/zz-broken.md");
        REQUIRE(run("build", s.path()).code == 0);
        REQUIRE(run("build --out " + (s.dir / "fresh").string(), s.path()).code == 0);
        CHECK(fixture::tree(s.dir / "public") == fixture::tree(s.dir / "fresh"));
        CHECK(fixture::tree(s.dir / "public").find("A sentence the output still must not get.") != std::string::npos);
    }
}

TEST_CASE("a template with 100,000 nested sections fails at once, and the output is left as it was") {
    SiteCopy s(fixture::kMinimal);
    REQUIRE(run("build", s.path()).code == 0);
    const std::string before = fixture::tree(s.dir / "public");
    REQUIRE(s.edit("templates/partials/footer.mustache", "</footer>",
                   "</footer>" + repeat("{{#site}}", 100000) + repeat("{{/site}}", 100000)));
    const std::string outside = fixture::entries(s.dir);
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = run("build", s.path());
    CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 10);
    CHECK(r.code == 1);
    const std::string footer = fixture::read(s.dir / "templates/partials/footer.mustache");
    const size_t line = static_cast<size_t>(std::count(footer.begin(), footer.begin() + footer.find("</footer>"), '\n')) + 1;
    // The 101st `{{#site}}`: after `</footer>` and 100 others, 9 bytes each.
    const size_t col = footer.find("</footer>") - footer.rfind('\n', footer.find("</footer>")) + 9 + 100 * 9;
    CHECK(fixture::first_line(r.err) == "templates/partials/footer.mustache:" + std::to_string(line) + ":" + std::to_string(col) +
                                            ": error: `{{#site}}` opens a section inside 100 others: sections nest at most 100 deep");
    CHECK(r.err.find("error: build failed;") != std::string::npos);
    CHECK(fixture::tree(s.dir / "public") == before);
    CHECK(fixture::entries(s.dir) == outside);
}

// Made here, not a fixture folder: a repository should not carry a link to /etc/passwd.
TEST_CASE("a symlink in static/ or content/ pointing outside the site is refused") {
    struct Case { const char* link; const char* expected; };
    for (const Case& c : {Case{"static/passwd", "static/passwd:1:1: error: symlinks are not copied from static/"},
                          Case{"content/x.md", "content/x.md:1:1: error: symlinks are not followed in content/"}}) {
        SUBCASE(c.link) {
            SiteCopy s(fixture::kMinimal);
            REQUIRE(run("build --site " + s.path()).code == 0);
            const std::string before = fixture::tree(s.dir / "public");
            fs::create_symlink("/etc/passwd", s.dir / c.link);
            const std::string outside = fixture::entries(s.dir);
            const auto r = run("build --site " + s.path());
            CHECK(r.code == 1);
            CHECK(fixture::first_line(r.err) == c.expected);
            CHECK(fixture::tree(s.dir / "public") == before);
            CHECK(fixture::entries(s.dir) == outside);
        }
    }
}

TEST_CASE("SOURCE_DATE_EPOCH is a whole number of seconds since 1970, up to the year 9999") {
    using costbook::site::parse_source_date_epoch;
    CHECK(parse_source_date_epoch("0") == 0);
    CHECK(parse_source_date_epoch("1700000000") == 1700000000);
    CHECK(parse_source_date_epoch("253402300799") == 253402300799);   // 9999-12-31T23:59:59Z
    for (const char* bad : {"", "x", "-1", "+1", "1.5", " 1700000000", "1700000000 ", "1e9", "253402300800", "99999999999999999999"})
        CHECK_FALSE_MESSAGE(parse_source_date_epoch(bad).has_value(), bad);
}

namespace {
// Every file of an output folder with its inode and modification time: a file rewritten (in
// place or by rename) shows up as changed.
std::map<std::string, std::string> stamps(const fs::path& root) {
    std::map<std::string, std::string> m;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file()) continue;
        struct stat st {};
        ::stat(e.path().c_str(), &st);
        m[fs::relative(e.path(), root).generic_string()] =
            std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
    }
    return m;
}

std::set<std::string> changed_files(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
    std::set<std::string> out;
    for (const auto& [k, v] : b) if (!a.count(k) || a.at(k) != v) out.insert(k);
    for (const auto& [k, v] : a) if (!b.count(k)) out.insert(k);
    return out;
}
}  // namespace

TEST_CASE("serve's incremental rebuild rewrites only the files an edit reaches, and equals a full build") {
    using namespace costbook::site;
    SiteCopy s(fixture::kMinimal);
    // The home page lists every page, as a home page with a list template does. The template reads
    // `pages` on every page (render/page.h lists_pages), so a title change renders them all again;
    // only the files whose bytes change are rewritten.
    // It names each page's card, so the cards are drawn (and redrawn when a title changes).
    REQUIRE(s.edit("templates/page.mustache", "</body>", "{{#page.is_home}}<ul>{{#pages}}<li>{{title}} {{date}}</li>{{/pages}}</ul>{{/page.is_home}}\n"
                                                        "{{#page.image}}<img src=\"{{page.image}}\" alt=\"\">{{/page.image}}\n</body>"));
    fixture::write(s.dir / "content/notes/b.md", "+++\ntitle = \"Notes\"\ndate = 2025-03-04\nnav = false\n+++\n\nSome notes.\n");
    BuildOptions o;
    o.site = s.path();
    o.out = (s.dir / "public").string();
    BuildCache cache;
    Diagnostics d;
    BuildStats st;
    REQUIRE(build_site(o, d, st, &cache));
    // The same input built whole into another folder, for comparison.
    const auto full = [&] {
        BuildOptions f = o;
        f.out = (s.dir / "full").string();
        Diagnostics fd;
        BuildStats fs_;
        REQUIRE(build_site(f, fd, fs_));
        return fixture::tree(s.dir / "full");
    };
    const auto rebuild = [&](const std::vector<std::string>& changed) {
        const auto before = stamps(s.dir / "public");
        ::usleep(20 * 1000);   // a rewrite within the same clock tick still changes the inode (rename)
        Diagnostics rd;
        REQUIRE_MESSAGE(rebuild_site(o, changed, cache, rd, st), rd.size());
        return changed_files(before, stamps(s.dir / "public"));
    };

    SUBCASE("a page's text: that page only") {
        REQUIRE(s.edit("content/notes/b.md", "Some notes.", "Some other notes."));
        CHECK(rebuild({"content/notes/b.md"}) == std::set<std::string>{"notes/b/index.html"});
        CHECK(st.incremental);
        CHECK(st.rendered == 1);
        CHECK(fixture::read(s.dir / "public/notes/b/index.html").find("Some other notes.") != std::string::npos);
        CHECK(fixture::tree(s.dir / "public") == full());
    }
    SUBCASE("a page's title: it, the pages that list it, the sitemap and the feed") {
        REQUIRE(s.edit("content/notes/b.md", "title = \"Notes\"", "title = \"Field notes\""));
        REQUIRE(s.edit("content/notes/b.md", "date = 2025-03-04", "date = 2025-03-05"));
        // Only the home page shows the list; about.md, the model and sources pages keep their files.
        // The page's social card shows its title: it is drawn again.
        CHECK(rebuild({"content/notes/b.md"}) ==
              std::set<std::string>{"notes/b/index.html", "notes/b/card.png", "index.html", "sitemap.xml", "feed.xml"});
        CHECK(fixture::read(s.dir / "public/index.html").find("<li>Field notes 2025-03-05</li>") != std::string::npos);
        CHECK(fixture::tree(s.dir / "public") == full());
    }
    SUBCASE("a page's calculator: the page and its calculator's embed") {
        REQUIRE(s.edit("content/index.md", "{{< calc tab=\"counted\" >}}", "{{< calc tab=\"estimate\" >}}"));
        CHECK(rebuild({"content/index.md"}) == std::set<std::string>{"index.html", "embed/calc-0/index.html"});
        CHECK(fixture::read(s.dir / "public/embed/calc-0/index.html").find("data-tab=\"estimate\"") != std::string::npos);
        CHECK(fixture::tree(s.dir / "public") == full());
    }
    SUBCASE("an editor's temporary file beside the pages: nothing") {
        CHECK(rebuild({"content/notes/.b.md.swp"}).empty());
        CHECK(st.rendered == 0);
    }
    SUBCASE("a template: a full build") {
        REQUIRE(s.edit("templates/page.mustache", "<ul>", "<ul class=\"all\">"));
        rebuild({"templates/page.mustache"});
        CHECK_FALSE(st.incremental);
        CHECK(fixture::tree(s.dir / "public") == full());
    }
    SUBCASE("a page that fails: an error, and the output as it was") {
        const std::string before = fixture::tree(s.dir / "public");
        REQUIRE(s.edit("content/notes/b.md", "title = \"Notes\"", "title = 5"));
        Diagnostics rd;
        CHECK_FALSE(rebuild_site(o, {"content/notes/b.md"}, cache, rd, st));
        CHECK_FALSE(rd.empty());
        CHECK(fixture::tree(s.dir / "public") == before);
        REQUIRE(s.edit("content/notes/b.md", "title = 5", "title = \"Notes again\""));
        CHECK(rebuild({"content/notes/b.md"}).count("notes/b/index.html") == 1);
        CHECK(fixture::tree(s.dir / "public") == full());
    }
}
