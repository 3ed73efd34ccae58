#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "../fixture.h"
#include "costbook/compare.h"
#include "costbook/format.h"

using namespace costbook;

namespace {
Scenario with(const std::string& query, const Scenario& base = fixture::scenario()) {
    const ParsedScenario p = parse_scenario(query, base);
    REQUIRE(p.errors.empty());
    return p.scenario;
}
double sum(const Comparison& c) {
    double total = 0;
    for (const Contribution& p : c.parts) total += p.value;
    return total;
}
}  // namespace

TEST_CASE("DeepSeek's accounting against full accounting: both totals, the difference, and each rung's part") {
    const Scenario base = fixture::scenario();
    const Scenario a = with("count=rl");
    const Scenario b = with("count=rl,final,research,people,fleet&rate=2.5");
    const Comparison c = compare_scenarios(a, b, Metric::ladder_total_usd);
    CHECK(c.a == ladder_total_usd(ladder_inputs(a), a.rungs));
    CHECK(c.b == ladder_total_usd(ladder_inputs(b), b.rungs));
    CHECK(c.difference == c.b - c.a);
    CHECK(c.a_text == format_usd(c.a));
    CHECK(c.b_text == format_usd(c.b));
    CHECK(c.difference_text == "+" + format_usd(c.b - c.a));
    CHECK(sum(c) == doctest::Approx(c.difference).epsilon(1e-12));
    // Rungs first, in rung order, then inputs in Key order.
    REQUIRE(c.parts.size() == 5);
    CHECK(c.parts[0].id == "count.final");
    CHECK(c.parts[1].id == "count.research");
    CHECK(c.parts[2].id == "count.people");
    CHECK(c.parts[3].id == "count.fleet");
    CHECK(c.parts[4].id == "rate");
    // Switched on at A's rate: the final run adds its GPU-hours at $2; research a multiple of them.
    const double rate = base.get(Key::rate), final_h = base.get(fixture::rung("final"));
    CHECK(c.parts[0].value == doctest::Approx(final_h * rate));
    CHECK(c.parts[0].label == fixture::rung_label("final"));
    CHECK(c.parts[0].from == "not counted");
    CHECK(c.parts[0].to == "counted");
    CHECK(c.parts[1].value == doctest::Approx(base.get(fixture::rung("research")) * final_h * rate));
    CHECK(c.parts[2].value == doctest::Approx(base.get(fixture::rung("people"))));
    // With the fleet counted, its cost replaces rented compute: the rate then moves nothing.
    CHECK(c.parts[4].value == 0);
    CHECK(c.parts[4].text == "0");
    CHECK(c.parts[4].from == input_value_text(Key::rate, rate));
    CHECK(c.parts[4].to == input_value_text(Key::rate, 2.5));
    CHECK(c.parts[4].label == std::string(key_info(Key::rate).label));
}

TEST_CASE("identical scenarios give no difference and an empty breakdown") {
    const Scenario s = fixture::scenario();
    for (int i = 0; i < kMetricCount; ++i) {
        const Comparison c = compare_scenarios(s, s, static_cast<Metric>(i));
        CHECK(c.parts.empty());
        CHECK(c.difference == 0);
        CHECK(c.difference_text == "0");
        CHECK(c.a_text == c.b_text);
    }
    // Neither model, tab, currency nor a range around the same likely value is an input that differs.
    Scenario other = s;
    other.tab = "own";
    other.currency = "cny";
    other.set_range(Key::rate, {1, s.get(Key::rate), 4});
    CHECK(compare_scenarios(s, other, Metric::ladder_total_usd).parts.empty());
}

TEST_CASE("a rung switched off is attributed to that rung") {
    const Scenario a = fixture::scenario();
    const Scenario b = with("count=rl,final,research,fleet", a);
    const Comparison c = compare_scenarios(a, b, Metric::ladder_total_usd);
    REQUIRE(c.parts.size() == 1);
    CHECK(c.parts[0].id == "count.people");
    CHECK(c.parts[0].from == "counted");
    CHECK(c.parts[0].to == "not counted");
    CHECK(c.parts[0].value == -a.get(fixture::rung("people")));
    CHECK(c.parts[0].text == "-" + format_usd(a.get(fixture::rung("people"))));
    CHECK(c.parts[0].value == c.difference);
}

TEST_CASE("for every metric the parts add up to the difference, whatever interacts") {
    const Scenario a = fixture::scenario();
    const Scenario b = with("count=rl,final&rate=2.5&mfu=0.35&gpus=1&params=4.05e11&tokens=1.5e13&util=0.5&kwh=0.2&"
                            "rl_group=4&value_ratio=0.5&hit=0.1&currency=cny&decline=0.5&decline_years=3", a);
    for (int i = 0; i < kMetricCount; ++i) {
        const Metric m = static_cast<Metric>(i);
        const Comparison c = compare_scenarios(a, b, m);
        CAPTURE(metric_id(m));
        REQUIRE(std::isfinite(c.difference));
        CHECK(c.b == metric_value(compute(b), m));
        CHECK(sum(c) == doctest::Approx(c.difference).epsilon(1e-12));
        CHECK(c.parts.size() == 3 + 12);   // three rungs and twelve inputs differ, whether or not m uses them
    }
}

TEST_CASE("differences read in the metric's unit, percentages in points") {
    CHECK(difference_text(Metric::ladder_total_usd, 2.479e9) == "+$2.479B");
    CHECK(difference_text(Metric::ladder_total_usd, -1.5e6) == "-$1.5M");
    CHECK(difference_text(Metric::grpo_gpu_hours, 1.2e6) == "+1.2M GPU-hours");
    CHECK(difference_text(Metric::rl_saved_fraction, 0.042) == "+4.2 pts");
    CHECK(difference_text(Metric::break_even_utilisation, -0.25) == "-25 pts");
    CHECK(difference_text(Metric::api_total_cny, 16) == "+¥16");
    CHECK(difference_text(Metric::ladder_total_usd, 0) == "0");
    CHECK(difference_text(Metric::ladder_total_usd, std::nan("")) == "n/a");
}

TEST_CASE("the pinned comparison as table rows and one sentence") {
    const Scenario a = with("count=rl");
    const Scenario b = with("count=rl,final,research,people,fleet&rate=2.5");
    const Comparison c = compare_scenarios(a, b, Metric::ladder_total_usd);
    const std::vector<Row> rows = comparison_rows(c);
    REQUIRE(rows.size() == 3 + 4 + 1);   // pinned, now, difference; four rungs; the rate, which moved nothing
    CHECK(rows[0].label == "Total counted, pinned");
    CHECK(rows[0].value == c.a_text);
    CHECK(rows[1].value == c.b_text);
    CHECK(rows[2].label == "Difference");
    CHECK(rows[2].value == c.difference_text);
    CHECK(rows[3].label == fixture::rung_label("final") + ": not counted → counted");
    CHECK(rows[3].value == c.parts[0].text);
    CHECK(rows.back().label == "Also changed, no effect on Total counted");
    CHECK(rows.back().value == key_info(Key::rate).label);
    CHECK(comparison_summary(c) == "Total counted: " + c.b_text + "; pinned " + c.a_text + "; difference " + c.difference_text);
}

TEST_CASE("the headline metric follows the tab and, for inference and task, the currency") {
    Scenario s = fixture::scenario();
    for (const char* tab : kTabs) CHECK(headline_metric_of(s, tab) == tab_metric(tab));
    s.currency = "cny";
    CHECK(headline_metric_of(s, "inference") == Metric::api_total_cny);
    CHECK(headline_metric_of(s, "task") == Metric::task_cny);
    CHECK(headline_metric_of(s, "counted") == Metric::ladder_total_usd);
}
