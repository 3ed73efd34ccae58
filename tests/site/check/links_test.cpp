// site/check/links.h: every internal link and #anchor of the rendered output resolves, under
// the base path, and every calculator embed carries a scenario that parses.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "check/links.h"

using namespace costbook::site;

namespace {
std::vector<std::string> messages(const LinkCheck& c) {
    std::vector<std::string> out;
    for (const LinkProblem& p : c.problems) out.push_back(p.diag.path + ": " + p.diag.message + " [" + p.needle + "]");
    return out;
}
}  // namespace

TEST_CASE("links, anchors and sources that resolve pass; the others name their page and target") {
    const std::vector<OutFile> files{
        {"index.html",
         "<link rel=\"stylesheet\" href=\"/costs/css/site.css\"><h2 id=\"the-ladder\">L</h2>"
         "<a href=\"/costs/a/\">a</a> <a href=\"#the-ladder\">up</a> <a href=\"/costs/a/#deep\">deep</a> <img src=\"/costs/css/site.css\">"
         "<a href=\"https://example.org/x\">out</a> <a href=\"mailto:a@b.c\">mail</a>",
         {}},
        {"a/index.html",
         "<h3 id=\"deep\">D</h3><a href=\"/costs/gone/\">gone</a> <a href=\"#nope\">nope</a> <a href=\"/elsewhere/\">root</a> "
         "<a href=\"index.html#deep\">here</a> <div data-scenario=\"rate=cheap\"></div> <div data-scenario=\"\"></div>",
         {}},
        {"css/site.css", "", "/somewhere/site.css"},
    };
    const LinkCheck c = check_links(files, {"content/index.md", "content/a.md", "static/css/site.css"});
    CHECK(c.links == 9);
    CHECK(messages(c) == std::vector<std::string>{
                             "content/a.md: link `/costs/gone/` goes nowhere: no gone/index.html in the output [/costs/gone/]",
                             "content/a.md: link `#nope`: no `#nope` on a/index.html [#nope]",
                             "content/a.md: link `/elsewhere/` leaves the site's base path `/costs/` [/elsewhere/]",
                             "content/a.md: a calculator embed's scenario does not parse: `rate` is not a number: `cheap` []",
                             "content/a.md: a calculator embed has no scenario []",
                         });
}
