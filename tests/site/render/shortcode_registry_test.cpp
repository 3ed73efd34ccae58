// site/render/shortcode_registry.h: every built-in shortcode's arguments, checked the same way for
// all of them, and the help that lists them.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "render/shortcode_registry.h"

using namespace costbook::site;

namespace {
Shortcode parsed(const std::string& text) {
    std::vector<Shortcode> found;
    Diagnostics d;
    extract_shortcodes(text, "content/a.md", 1, found, d, {"note"});
    REQUIRE_MESSAGE(d.empty(), (d.empty() ? "" : d.list()[0].message));
    REQUIRE(found.size() == 1);
    return found[0];
}
}  // namespace

TEST_CASE("an unknown argument is an error for every built-in shortcode, naming the valid ones") {
    std::string help;
    CHECK(check_arguments(*find_builtin_shortcode("chart"), parsed("{{< chart \"models\" only=\"x\" >}}"), help) ==
          "`chart` has no argument `only`");
    CHECK(help == "arguments of `chart`: ladder, rung, tab (see `costbook help shortcodes`)");
    CHECK(check_arguments(*find_builtin_shortcode("sources"), parsed("{{< sources \"all\" >}}"), help) ==
          "`sources` takes no quoted value, only key=\"value\" arguments");
    CHECK(help == "arguments of `sources`: none (see `costbook help shortcodes`)");
    CHECK(check_arguments(*find_builtin_shortcode("ledger"), parsed("{{< ledger >}}"), help) == "`ledger` needs a quoted value first");
    CHECK(check_arguments(*find_builtin_shortcode("calc"), parsed("{{< calc tab=\"counted\" tabz=\"x\" >}}"), help) ==
          "`calc` has no argument `tabz`");
    CHECK(help == "arguments of `calc`: tab, tabs, ladder, scenario (see `costbook help shortcodes`)");
    SUBCASE("the arguments a shortcode takes pass") {
        CHECK(check_arguments(*find_builtin_shortcode("figure"), parsed("{{< figure \"a.tokens\" unit=false >}}"), help).empty());
        CHECK(check_arguments(*find_builtin_shortcode("tasks"), parsed("{{< tasks date=\"2025-02\" >}}"), help).empty());
    }
    SUBCASE("an author shortcode takes the names its template reads") {
        const AuthorShortcode note{"note", {"kind", "text"}};
        CHECK(check_arguments(note, parsed("{{< note kind=\"warning\" >}}"), help).empty());
        CHECK(check_arguments(note, parsed("{{< note knd=\"warning\" >}}"), help) == "`note` has no argument `knd`");
        CHECK(help == "arguments of `note`: kind, text (see `costbook help shortcodes`)");
    }
}

TEST_CASE("help lists every built-in shortcode with each of its arguments, then the site's own") {
    const std::string h = shortcodes_help({{"note", {"kind"}}});
    for (const ShortcodeInfo& s : builtin_shortcodes()) {
        CHECK_MESSAGE(h.find("\n" + std::string(s.name) + "  " + s.meaning + "\n") != std::string::npos, s.name);
        for (const ShortcodeArg& a : s.args)
            if (*a.name) CHECK_MESSAGE(h.find("    " + std::string(a.name) + "=  " + a.meaning) != std::string::npos, a.name);
    }
    CHECK(h.find("\nnote  templates/shortcodes/note.mustache\n    arguments: kind\n") != std::string::npos);
    CHECK(h.find("renders through templates/partials/widgets/figure.mustache") != std::string::npos);
    CHECK(builtin_shortcode_names() == "figure, calc, chart, ledger, sources, models, assumptions, runs, tasks, prices");
}
