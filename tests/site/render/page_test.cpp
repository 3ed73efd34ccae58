// site/render/page.h: each page's Markdown, then its template, with the navigation, the table
// of contents, links under the base path and serve's script before </body>.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "load/config.h"
#include "load/templates.h"
#include "render/page.h"

using namespace costbook::site;

namespace {
// The minimal fixture's config (under `base_url`, if given) and templates, and no data.
struct Minimal {
    fixture::SiteCopy s{fixture::kMinimal};
    Diagnostics d;
    SiteContext site;
    Templates templates;
    explicit Minimal(const std::string& base_url = "") {
        site.config = *load_config(s.path(), base_url, d);
        templates = *load_templates(s.path(), d);
    }
};
}  // namespace

TEST_CASE("pages render through their template with the navigation, the contents and the base path") {
    Minimal m("https://example.org/costs/");
    Diagnostics& d = m.d;
    std::vector<Page> pages;
    for (const auto& [rel, text] : {std::pair<const char*, const char*>{"index.md", "+++\ntitle = \"Home\"\ntoc = true\n+++\n\n"
                                                                                    "## First\n\nSee [the notes](/notes/).\n\n## Second\n"},
                                    {"notes.md", "+++\ntitle = \"Notes\"\nnav_title = \"N\"\n+++\n\nNotes.\n"},
                                    {"hidden.md", "+++\ntitle = \"Hidden\"\nnav = false\n+++\n\nHidden.\n"}})
        pages.push_back(*parse_page(text, rel, false, d));
    REQUIRE(d.empty());
    const std::vector<std::string> html = render_pages(m.site, m.templates, pages, "<script>reload()</script>", d);
    REQUIRE_MESSAGE(d.empty(), d.list()[0].message);
    REQUIRE(html.size() == 3);
    const std::string& home = html[0];
    CHECK(home.find("<title>Home</title>") != std::string::npos);
    CHECK(home.find("<a href=\"/costs/notes/\">the notes</a>") != std::string::npos);
    CHECK(home.find("<nav class=\"toc\"><ol><li><a href=\"#first\">First</a></li><li><a href=\"#second\">Second</a></li></ol></nav>") !=
          std::string::npos);
    CHECK(home.find("<nav><ul><li><a href=\"/costs/\">Home</a></li><li><a href=\"/costs/notes/\">N</a></li></ul></nav>") !=
          std::string::npos);
    CHECK(home.find("<script>reload()</script></body>") != std::string::npos);
    CHECK(html[1].find("<nav class=\"toc\">") == std::string::npos);   // no toc asked for
    CHECK(html[1].find("Built with costbook ") != std::string::npos);
    CHECK(pages[0].body.empty());   // freed once rendered
}

TEST_CASE("a shortcode that needs data, on a site without data/, is a diagnostic at its line") {
    Minimal m;
    Diagnostics& d = m.d;
    std::vector<Page> pages{*parse_page("+++\ntitle = \"T\"\n+++\n\n{{< ledger \"tiny\" >}}\n", "a.md", false, d)};
    const std::vector<std::string> html = render_pages(m.site, m.templates, pages, "", d);
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].path == "content/a.md");
    CHECK(d.list()[0].line == 5);
    CHECK(d.list()[0].message == "shortcode `ledger` needs data/, and this site has none");
    CHECK(html[0].empty());
}

TEST_CASE("a folder with an _index.md is a section: its page lists its pages, every page lists all, [nav] orders the menu") {
    fixture::SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "content/posts/_index.md", "+++\ntitle = \"Posts\"\ndescription = \"Notes on tiny.\"\n+++\n\nAll the posts.\n");
    fixture::write(s.dir / "content/posts/old.md", "+++\ntitle = \"Old\"\ndate = 2025-01-02\ndescription = \"The first.\"\n+++\n\nOld.\n");
    fixture::write(s.dir / "content/posts/new.md", "+++\ntitle = \"New\"\ndate = 2025-03-04\n+++\n\nNew.\n");
    fixture::write(s.dir / "content/posts/pinned.md", "+++\ntitle = \"Pinned\"\nweight = -1\n+++\n\nPinned.\n");
    fixture::write(s.dir / "templates/page.mustache", fixture::read(s.dir / "templates/page.mustache") +
                   "{{#section}}<p class=\"in\">{{title}} at {{href}}: {{#pages}}[{{title}}]{{/pages}}</p>{{/section}}\n"
                   "<p class=\"all\">{{#pages}}({{title}}){{/pages}}</p>\n");
    auto r = fixture::run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string list = fixture::read(s.dir / "public/posts/index.html");
    CHECK(list.find("<p class=\"in\">Posts at /posts/: [Pinned][New][Old]</p>") != std::string::npos);   // weight, then newest
    CHECK(fixture::read(s.dir / "public/posts/old/index.html").find("<p class=\"in\">Posts at /posts/: [Pinned][New][Old]</p>") !=
          std::string::npos);   // a page in a section sees its section
    const std::string home = fixture::read(s.dir / "public/index.html");
    CHECK(home.find("<p class=\"in\">") == std::string::npos);   // not in a section
    CHECK(home.find("<p class=\"all\">(Pinned)(Posts)(New)(Old)(About)</p>") != std::string::npos);
    CHECK(fixture::read(s.dir / "public/about/index.html").find("<p class=\"all\">(Pinned)(Posts)") != std::string::npos);
    // The menu: the section, not the pages in it.
    CHECK(home.find("<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/posts/\">Posts</a></li><li><a href=\"/about/\">About</a></li></ul></nav>") !=
          std::string::npos);
    // The sitemap dates the list by its newest page; the feed has the pages, not the list.
    const std::string sitemap = fixture::read(s.dir / "public/sitemap.xml");
    CHECK(sitemap.find("<loc>https://example.org/posts/</loc><lastmod>2025-03-04</lastmod>") != std::string::npos);
    const std::string feed = fixture::read(s.dir / "public/feed.xml");
    CHECK(feed.find("<title>New</title>") != std::string::npos);
    CHECK(feed.find("<title>Posts</title>") == std::string::npos);
    SUBCASE("[nav] in site.toml gives the menu and its order") {
        fixture::write(s.dir / "site.toml", fixture::read(s.dir / "site.toml") + "\n[nav]\npages = [\"/about/\", \"/posts/old/\", \"/\"]\n");
        r = fixture::run("build --site " + s.path());
        REQUIRE_MESSAGE(r.code == 0, r.err);
        CHECK(fixture::read(s.dir / "public/posts/index.html")
                  .find("<nav><ul><li><a href=\"/about/\">About</a></li><li><a href=\"/posts/old/\">Old</a></li><li><a href=\"/\">Home</a></li></ul></nav>") !=
              std::string::npos);
    }
}

TEST_CASE("the default page template lists a section's pages with their dates and descriptions") {
    fixture::SiteCopy s;
    fixture::write(s.dir / "content/notes/_index.md", "+++\ntitle = \"Notes\"\n+++\n\nShort notes.\n");
    fixture::write(s.dir / "content/notes/one.md", "+++\ntitle = \"One\"\ndate = 2025-05-06\ndescription = \"The first note.\"\n+++\n\nOne.\n");
    const auto r = fixture::run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(fixture::read(s.dir / "public/notes/index.html")
              .find("<ul class=\"section-pages\">\n<li><a href=\"/notes/one/\">One</a> <time datetime=\"2025-05-06\">2025-05-06</time><br>The first note.</li>\n</ul>") !=
          std::string::npos);
    CHECK(fixture::run("check --site " + s.path()).code == 0);
}

TEST_CASE("Hugo's escape {{</* name */>}} shows the shortcode as text, in prose and in code, and never runs it") {
    Minimal m;   // no data/: a ledger that ran would be an error
    Diagnostics& d = m.d;
    std::vector<Page> pages{*parse_page("+++\ntitle = \"T\"\n+++\n\nWrite {{</* ledger \"tiny\" */>}} for a table, "
                                        "`{{</* figure \"a.b\" unit=false */>}}` in code, and {{</*nota*/>}}.\n\n"
                                        "{{</* calc tab=\"counted\" */>}}\n",
                                        "a.md", false, d)};
    const std::vector<std::string> html = render_pages(m.site, m.templates, pages, "", d);
    REQUIRE_MESSAGE(d.empty(), d.list()[0].message);
    CHECK(html[0].find("<p>Write {{&lt; ledger &quot;tiny&quot; &gt;}} for a table, <code>{{&lt; figure &quot;a.b&quot; unit=false &gt;}}</code> in code, "
                       "and {{&lt;nota&gt;}}.</p>") != std::string::npos);
    CHECK(html[0].find("<p>{{&lt; calc tab=&quot;counted&quot; &gt;}}</p>") != std::string::npos);   // alone on its line: still text
    CHECK(html[0].find("cb-ledger") == std::string::npos);
}
