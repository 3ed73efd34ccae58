// site/render/live.h: a figure bound to the page's calculator prints the calculator's starting value
// and carries its binding; and {{< chart "spread" >}} draws core's spread() of the starting scenario.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "costbook/format.h"
#include "costbook/outputs.h"
#include "render/html.h"

using fixture::has;
using fixture::run;
using fixture::SiteCopy;
using namespace costbook;


TEST_CASE("a live figure, before or after its calculator, prints the value at the calculator's scenario") {
    SiteCopy s;
    fixture::write(s.dir / "content/a.md",
                   "+++\ntitle = \"A\"\n+++\n\nAt {{< figure \"input.rate\" live=true >}} it counts "
                   "{{< figure \"calc.ladder_total_usd\" live=true >}}, or {{< figure \"calc.ladder_total_usd\" live=true unit=false >}}.\n\n"
                   "{{< calc tab=\"counted\" scenario=\"rate=3&count=rl,final\" >}}\n");
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string html = fixture::read(s.dir / "public/a/index.html");
    const ParsedScenario q = parse_scenario("rate=3&count=rl,final", fixture::scenario());
    const std::string total = live_text(q.scenario, compute(q.scenario), "calc.ladder_total_usd");
    const std::string rate = live_text(q.scenario, compute(q.scenario), "input.rate");
    REQUIRE(total != live_text(fixture::scenario(), compute(fixture::scenario()), "calc.ladder_total_usd"));   // not the data's
    CHECK(has(html, "<span class=\"cb-live\" data-live=\"calc.ladder_total_usd\" data-calc=\"calc-0\" data-page=\"" +
                        costbook::site::escape(total) + "\">"));
    CHECK(has(html, "data-live=\"input.rate\" data-calc=\"calc-0\" data-page=\"" + costbook::site::escape(rate) + "\">"));
    CHECK(has(html, "data-page=\"" + costbook::site::escape(format_without_unit(total)) + "\" data-bare=\"1\">"));
    CHECK(has(html, ">" + costbook::site::escape(total) + "<"));   // the static text a reader without JavaScript sees
}

TEST_CASE("live=\"calc-1\" binds to the page's second calculator") {
    SiteCopy s;
    fixture::write(s.dir / "content/a.md",
                   "+++\ntitle = \"A\"\n+++\n\n{{< calc tab=\"counted\" >}}\n\n{{< calc tab=\"counted\" scenario=\"rate=3\" >}}\n\n"
                   "It counts {{< figure \"calc.ladder_total_usd\" live=\"calc-1\" >}}.\n");
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const ParsedScenario q = parse_scenario("rate=3", fixture::scenario());
    CHECK(has(fixture::read(s.dir / "public/a/index.html"),
              "data-calc=\"calc-1\" data-page=\"" + costbook::site::escape(live_text(q.scenario, compute(q.scenario), "calc.ladder_total_usd")) + "\""));
}

TEST_CASE("the spread chart draws core's spread() of the site's starting scenario on the tab named") {
    SiteCopy s;
    fixture::write(s.dir / "content/a.md", "+++\ntitle = \"A\"\n+++\n\n{{< chart \"spread\" tab=\"estimate\" >}}\n");
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string html = fixture::read(s.dir / "public/a/index.html");
    Scenario base = fixture::scenario();
    base.tab = "estimate";
    const Metric m = headline_metric_of(base, "estimate");
    const Spread sp = spread(base, m);
    REQUIRE(!sp.inputs.empty());
    CHECK(has(html, "class=\"cb-chart cb-tornado\""));
    for (const SpreadInput& in : sp.inputs) {
        CAPTURE(input_info(base, in.key).name);
        CHECK(has(html, costbook::site::escape(std::string(input_info(base, in.key).label) + " (" + format_percent(in.share) +
                                               " of the variance): " + metric_text(m, in.at_low))));
    }
    SUBCASE("a tab the site does not support is an error at the shortcode") {
        fixture::write(s.dir / "content/a.md", "+++\ntitle = \"A\"\n+++\n\n{{< chart \"spread\" tab=\"nope\" >}}\n");
        const auto bad = run("build --site " + s.path());
        CHECK(bad.code == 1);
        CHECK(has(bad.err, "content/a.md:5:1: error: chart `spread` has no tab `nope` on this site"));
    }
}

TEST_CASE("a rung key of any ladder is a figure, static or live, labelled as its rung is; the assumptions table lists it") {
    SiteCopy s;
    // A second ladder: the default one's rungs under keys of their own, its research multiple its own assumption.
    std::string other = fixture::read(s.dir / "data/ladders/deepseek.toml");
    const auto swap = [&](const std::string& from, const std::string& to) {
        for (size_t at = other.find(from); at != std::string::npos; at = other.find(from, at + to.size())) other.replace(at, from.size(), to);
    };
    swap("id = \"deepseek\"", "id = \"other\"");
    swap("key = \"", "key = \"other_");
    swap("aliases = [\"", "aliases = [\"other_");
    swap("likely = 3\n", "likely = 4\n");
    swap("3x the final run is illustrative", "4x on the other ladder");
    fixture::write(s.dir / "data/ladders/other.toml", other);
    fixture::write(s.dir / "content/a.md",
                   "+++\ntitle = \"A\"\n+++\n\n{{< calc ladder=\"other\" tab=\"counted\" >}}\n\n"
                   "Static {{< figure \"input.other_research_mult\" >}}, live {{< figure \"input.other_research_mult\" live=true >}}, "
                   "the range {{< figure \"input.other_research_mult.range\" >}}.\n\n{{< assumptions >}}\n");
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string html = fixture::read(s.dir / "public/a/index.html");
    const std::string title = "title=\"Assumption: DeepSeek disclosed no research, ablation or failed-run compute (the V3 report excludes it); 4x on the other ladder\"";
    const std::string fig = "<span class=\"cb-fig cb-assumption\" tabindex=\"0\" " + title;
    CHECK(has(html, "Static " + fig));
    CHECK(has(html, "data-live=\"input.other_research_mult\" data-calc=\"calc-0\" data-page=\"4×\">" + fig));   // the same figure, live
    CHECK(has(html, ">1×–10×<sup>"));
    CHECK(has(html, "Research, ablations and failed runs (the other ladder)"));
}
