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
