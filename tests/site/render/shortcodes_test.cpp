// site/render/shortcodes.h: shortcodes found in a page's Markdown, each replaced by a marker,
// with its arguments and its position in the file.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "render/markdown.h"
#include "render/shortcodes.h"

using namespace costbook::site;

TEST_CASE("a shortcode's name, positional and named arguments, and where it is") {
    std::vector<Shortcode> found;
    Diagnostics d;
    const std::string body = "Cost: {{< figure \"deepseek-v3.total_cost_usd\" >}}.\n\n{{< calc tab=\"counted\" scenario=\"count=rl\" >}}\n";
    const std::string out = extract_shortcodes(body, "content/a.md", 7, found, d);
    CHECK(d.empty());
    REQUIRE(found.size() == 2);
    CHECK(found[0].name == "figure");
    CHECK(found[0].args == std::vector<std::string>{"deepseek-v3.total_cost_usd"});
    CHECK(found[0].line == 7);
    CHECK(found[0].col == 7);
    CHECK_FALSE(found[0].block);   // a figure is always inline
    CHECK(found[1].name == "calc");
    CHECK(found[1].named.at("tab") == "counted");
    CHECK(found[1].named.at("scenario") == "count=rl");
    CHECK(found[1].line == 9);
    CHECK(found[1].col == 1);
    CHECK(found[1].block);         // alone on its line
    CHECK(found[1].text == "{{< calc tab=\"counted\" scenario=\"count=rl\" >}}");
    CHECK(out == "Cost: " + inline_marker(0) + ".\n\n" + block_marker(1) + "\n\n");
}

TEST_CASE("a bad shortcode is a diagnostic at its position, the rest still found") {
    std::vector<Shortcode> found;
    Diagnostics d;
    extract_shortcodes("{{< chrat >}} {{< chart \"x\n{{< ledger \"a\" b=c >}}\n{{< models >}}\n", "content/a.md", 1, found, d);
    REQUIRE(d.size() == 3);
    CHECK(d.list()[0].message == "unknown shortcode `chrat`");
    CHECK(d.list()[0].help.rfind("known shortcodes: figure, calc, chart, ledger, sources, models, assumptions", 0) == 0);
    CHECK(d.list()[1].message == "shortcode is not closed");
    CHECK(d.list()[1].col == 15);
    CHECK(d.list()[2].message == "the value of `b` must be in double quotes (only true and false may go bare)");
    CHECK(d.list()[2].line == 2);
    REQUIRE(found.size() == 3);
    CHECK(found.back().name == "models");
}

TEST_CASE("100,000 shortcodes on one line are each found, inline, with their column") {
    std::string body;
    for (int i = 0; i < 100000; ++i) body += "{{< figure \"a.b\" >}} ";
    std::vector<Shortcode> out;
    Diagnostics d;
    extract_shortcodes(body, "content/x.md", 1, out, d);
    CHECK(d.empty());
    REQUIRE(out.size() == 100000);
    CHECK_FALSE(out.back().block);
    CHECK(out.back().col == 99999 * 21 + 1);   // each `{{< figure "a.b" >}} ` is 21 characters
}

TEST_CASE("a bare true or false is a value; an author shortcode's name is known when the site has its template") {
    std::vector<Shortcode> found;
    Diagnostics d;
    extract_shortcodes("{{< figure \"a.tokens\" unit=false >}} {{< note kind=\"tip\" >}} {{< nota >}}", "content/a.md", 1, found, d, {"note"});
    REQUIRE(found.size() == 3);
    CHECK(found[0].named.at("unit") == "false");
    CHECK(found[1].name == "note");
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].message == "unknown shortcode `nota`");
    CHECK(d.list()[0].help == "known shortcodes: figure, calc, chart, ledger, sources, models, assumptions, runs, tasks, prices, note; "
                              "add your own as templates/shortcodes/nota.mustache");
}

TEST_CASE("an escaped shortcode {{</* ... */>}} is literal, inline, with the shortcode it shows as its text, and is not checked") {
    std::vector<Shortcode> found;
    Diagnostics d;
    const std::string out = extract_shortcodes("{{</* figure \"a.b\" */>}}\n{{</*nota x=y*/>}} {{< models >}}", "content/a.md", 1, found, d);
    CHECK(d.empty());
    REQUIRE(found.size() == 3);
    CHECK(found[0].literal);
    CHECK(found[0].text == "{{< figure \"a.b\" >}}");
    CHECK_FALSE(found[0].block);
    CHECK(found[1].text == "{{<nota x=y>}}");
    CHECK_FALSE(found[2].literal);
    CHECK(found[2].line == 2);
    CHECK(out == inline_marker(0) + "\n" + inline_marker(1) + " " + inline_marker(2));
}
