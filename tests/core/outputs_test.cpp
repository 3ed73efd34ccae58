#include <doctest/doctest.h>

#include "../fixture.h"
#include "costbook/format.h"
#include "costbook/outputs.h"

#include <algorithm>
#include <cmath>

using namespace costbook;

TEST_CASE("an input's value reads with its unit, formatted by format.h") {
    CHECK(input_value_text(Key::rate, 2) == "$2/GPU-hour");
    CHECK(input_value_text(Key::kwh, 0.08) == "$0.08/kWh");
    CHECK(input_value_text(Key::price_out, 2.19) == "$2.19/M tokens");
    const Scenario s = fixture::scenario();   // a rung's value reads in its kind's unit
    CHECK(input_value_text(s, fixture::rung("people"), 2e8) == "$200M");
    CHECK(input_value_text(Key::mfu, 0.175) == "17.5%");
    CHECK(input_value_text(Key::server_overhead, 0.5) == "50%");
    CHECK(input_value_text(s, fixture::rung("research"), 3) == "3×");
    CHECK(input_value_text(s, fixture::rung("rl"), 147'000) == "147K GPU-hours");
    CHECK(input_value_text(Key::tokens, 14.8e12) == "14.8T tokens");
    CHECK(input_value_text(Key::in_mtok, 1) == "1M tokens");
    CHECK(input_value_text(Key::params, 37e9) == "37B");
    CHECK(input_value_text(Key::peak, 989.4e12) == "989.4 TFLOP/s");
    CHECK(input_value_text(Key::pue, 1.3) == "1.3");
    SUBCASE("counts get thousands separators, and a single one its singular unit") {
        CHECK(input_value_text(Key::gpus, 2048) == "2,048 GPUs");
        CHECK(input_value_text(Key::gpus, 1) == "1 GPU");
        CHECK(input_value_text(Key::kv_layers, 61) == "61 layers");
        CHECK(input_value_text(Key::decline_years, 1) == "1 year");
        CHECK(input_value_text(Key::watts, 700) == "700 W");
        CHECK(input_value_text(Key::cny_per_usd, 7.27) == "7.27 CNY/USD");
    }
}

TEST_CASE("the inference headline follows the scenario's currency") {
    costbook::Scenario s = fixture::scenario();
    s.currency = "cny";
    const costbook::Outputs o = costbook::compute(s);
    CHECK(costbook::headline_text(s, o, "inference").rfind("Workload cost: ¥", 0) == 0);
    s.currency = "usd";
    CHECK(costbook::headline_text(s, o, "inference").rfind("Workload cost: $", 0) == 0);
}

TEST_CASE("the estimate's wall-clock row uses the model's GPU count, and is left out without one") {
    Scenario s = fixture::scenario();
    const auto wall_row = [&]() -> std::string {
        for (const Row& r : result_rows(s, compute(s), "estimate"))
            if (r.label.rfind("Wall-clock", 0) == 0) return r.label;
        return "";
    };
    CHECK(wall_row() == "Wall-clock on " + format_count(fixture::data().model(s.model)->gpus) + " GPUs");
    s.set(Key::gpus, 1);
    CHECK(wall_row() == "Wall-clock on 1 GPU");
    s.set(Key::gpus, 0);   // a model whose GPU count the data does not give
    CHECK(wall_row().empty());
    CHECK(fixture::scenario("llama-3.1-405b").get(Key::gpus) == 0);
}

TEST_CASE("every control on a tab's starting view moves its headline, or says why not") {
    const Scenario s = fixture::scenario();   // every rung of the default ladder on: the fleet stands in
    const std::string fleet = fixture::rung_label("fleet");
    SUBCASE("with the fleet counted, rented compute and its rate do not move the total, and say so") {
        for (const char* id : {"rl", "final", "research"}) {
            CHECK(not_counted_reason(s, "counted", fixture::rung(id)) == "does not move the total: \u201c" + fleet + "\u201d replaces it while it is counted");
            CHECK(rung_not_counted_reason(s, fixture::rung_index(id)) == "does not move the total: \u201c" + fleet + "\u201d replaces it while it is counted");
        }
        CHECK(not_counted_reason(s, "counted", Key::rate) ==
              "does not move the total: \u201c" + fleet + "\u201d replaces every rung priced at this rate while it is counted");
    }
    SUBCASE("what the fleet does not cover, and the fleet itself, move the total") {
        for (const char* id : {"people", "fleet"}) {
            CHECK(not_counted_reason(s, "counted", fixture::rung(id)).empty());
            CHECK(rung_not_counted_reason(s, fixture::rung_index(id)).empty());
        }
    }
    SUBCASE("without the fleet, the rate and the runs move the total; a rung switched off says so") {
        Scenario t = s;
        t.rungs = fixture::rungs({"rl", "final"});
        CHECK(not_counted_reason(t, "counted", Key::rate).empty());
        CHECK(not_counted_reason(t, "counted", fixture::rung("final")).empty());
        CHECK(not_counted_reason(t, "counted", fixture::rung("people")) == "not counted: switched off");
        CHECK(rung_not_counted_reason(t, fixture::rung_index("people")).empty());   // ticking it moves the total
    }
    SUBCASE("another tab's control that moves only another row names the row") {
        const std::string wall = result_rows(s, compute(s), "estimate")[2].label;
        CHECK(not_counted_reason(s, "estimate", Key::gpus) == "not in the headline: moves " + wall);
        CHECK(not_counted_reason(s, "estimate", Key::mfu).empty());
        CHECK(not_counted_reason(s, "own", Key::rate).find("not in the headline: moves ") == 0);
        CHECK(not_counted_reason(s, "inference", Key::cny_per_usd) == "not in the headline: moves Workload cost in yuan");
    }
}

TEST_CASE("a headline outside its own P10-P90 says why, where the band is shown") {
    const Scenario s = fixture::scenario();
    const Percentiles serve = simulate(s, Metric::serve_margin);
    const double margin = compute(s).serving.cost_profit_margin;
    // The billed share starts at the top of its range (every token billed): the band can only be lower.
    REQUIRE(margin > serve.p90);
    const Range billed = s.range(Key::billed);
    CHECK(billed.likely == billed.high);
    const std::string note = band_note(s, Metric::serve_margin, serve);
    CHECK(note == "The headline lies above this band because it takes " + std::string(key_info(Key::billed).label) + " at " +
                   input_value_text(Key::billed, billed.likely) + ", the top of its range (" +
                   format_span(input_value_text(Key::billed, billed.low), input_value_text(Key::billed, billed.high)) +
                   "); the band draws from the whole range");
    // Inside its band, nothing to explain.
    const Percentiles ladder = simulate(s, Metric::ladder_total_usd, 5000);
    CHECK(band_note(s, Metric::ladder_total_usd, ladder).empty());
}

TEST_CASE("the static table lists a tab's inputs with their values, ranges with their band") {
    Scenario s = fixture::scenario();
    s.set(Key::rate, 2);
    const std::vector<Row> rows = input_rows(s, "counted");
    REQUIRE(rows.size() == static_cast<size_t>(s.ladder.size()) + 1);   // each rung's value, then the rate
    CHECK(rows.back().label == "Rental rate (input)");
    CHECK(rows.back().value == input_value_text(Key::rate, 2));
    s.set_range(Key::rate, {1.5, 2, 3});
    CHECK(input_rows(s, "counted").back().value ==
          input_value_text(Key::rate, 2) + " (range " + input_value_text(Key::rate, 1.5) + "\xE2\x80\x93" + input_value_text(Key::rate, 3) + ")");
}

// ---- What drives the spread (spread()) ----
namespace {
// A triangular distribution's mean and variance, written out (the textbook forms).
double tri_mean(const Range& r) { return (r.low + r.likely + r.high) / 3; }
double tri_var(const Range& r) {
    const double a = r.low, c = r.likely, b = r.high;
    return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
}
Scenario at_likely(Scenario s) {
    for (Range& r : s.inputs) r = Range::point(r.likely);
    return s;
}
double total(const Scenario& s) { return compute(s).ladder.total_usd; }
}  // namespace

TEST_CASE("spread()'s band is simulate()'s band: the same seeded draws") {
    const Scenario s = fixture::scenario();
    for (Metric m : {Metric::ladder_total_usd, Metric::estimate_cost_usd, Metric::api_total_usd}) {
        const Spread sp = spread(s, m);
        const Percentiles p = simulate(s, m);
        CHECK(sp.band.p10 == p.p10);
        CHECK(sp.band.p50 == p.p50);
        CHECK(sp.band.p90 == p.p90);
    }
}

TEST_CASE("the tornado is the headline at each ranged input's low and high, the others at their likely values") {
    const Scenario s = fixture::scenario();
    REQUIRE(s.has_ranges());
    const Spread sp = spread(s, Metric::ladder_total_usd);
    CHECK(sp.at_likely == total(at_likely(s)));
    // Every ranged input that moves the total is there, and nothing else.
    size_t moving = 0;
    for (Key k : input_keys(s)) {
        if (!s.range(k).is_range()) continue;
        Scenario lo = at_likely(s), hi = at_likely(s);
        lo.set(k, s.range(k).low);
        hi.set(k, s.range(k).high);
        if (total(lo) == sp.at_likely && total(hi) == sp.at_likely) continue;
        ++moving;
        const auto it = std::find_if(sp.inputs.begin(), sp.inputs.end(), [&](const SpreadInput& in) { return in.key == k; });
        REQUIRE(it != sp.inputs.end());
        CHECK(it->at_low == total(lo));
        CHECK(it->at_high == total(hi));
    }
    CHECK(sp.inputs.size() == moving);
    REQUIRE(moving > 0);
    for (size_t i = 1; i < sp.inputs.size(); ++i) CHECK(sp.inputs[i - 1].share >= sp.inputs[i].share);
}

TEST_CASE("spread_ends() is spread() before the draws: the same inputs and ends, no share or band yet") {
    const Scenario s = fixture::scenario();
    for (Metric m : {Metric::ladder_total_usd, Metric::estimate_cost_usd, Metric::api_total_usd}) {
        const Spread full = spread(s, m), ends = spread_ends(s, m);
        CHECK(ends.at_likely == full.at_likely);
        CHECK(std::isnan(ends.band.p10));
        CHECK(std::isnan(ends.band.p90));
        REQUIRE(ends.inputs.size() == full.inputs.size());
        for (const SpreadInput& in : ends.inputs) {
            CHECK(std::isnan(in.share));
            const auto it = std::find_if(full.inputs.begin(), full.inputs.end(), [&](const SpreadInput& f) { return f.key == in.key; });
            REQUIRE(it != full.inputs.end());
            CHECK(it->at_low == in.at_low);
            CHECK(it->at_high == in.at_high);
        }
        for (size_t i = 1; i < ends.inputs.size(); ++i)
            CHECK(std::abs(ends.inputs[i - 1].at_high - ends.inputs[i - 1].at_low) >= std::abs(ends.inputs[i].at_high - ends.inputs[i].at_low));
        // Each line keeps its shape, the share not yet known.
        const std::vector<Row> rows = spread_rows(s, ends), drawn = spread_rows(s, full);
        for (const Row& r : rows) {
            CHECK(r.value.rfind("\xE2\x80\xA6% of the variance; ", 0) == 0);
            CHECK(std::any_of(drawn.begin(), drawn.end(), [&](const Row& d) {
                return d.label == r.label && d.value.substr(d.value.find("; ")) == r.value.substr(r.value.find("; "));
            }));
        }
    }
    CHECK(spread_ends(at_likely(s), Metric::ladder_total_usd).inputs.empty());
}

TEST_CASE("variance shares match the shares computed from the ranges: a sum, then a product") {
    // The default ladder's research multiple and data-and-people rungs, with their ranges from data/ladders/.
    Scenario s = fixture::scenario();
    const Key mult = fixture::rung("research"), people = fixture::rung("people");
    const Range rm = s.range(mult), rp = s.range(people);
    REQUIRE(rm.is_range());
    REQUIRE(rp.is_range());
    SUBCASE("rented hours + multiple x the final run + a fixed amount: shares are b^2 var(M) and var(P) over their sum") {
        s = at_likely(s);
        s.set_range(mult, rm);
        s.set_range(people, rp);
        s.rungs = fixture::rungs({"rl", "final", "research", "people"});
        // The total is linear in the multiple: b is what one more "x" adds.
        Scenario one = at_likely(s);
        one.set(mult, rm.likely + 1);
        const double b = total(one) - total(at_likely(s));
        const double vm = b * b * tri_var(rm), vp = tri_var(rp);
        const Spread sp = spread(s, Metric::ladder_total_usd);
        REQUIRE(sp.inputs.size() == 2);
        for (const SpreadInput& in : sp.inputs) {
            const double want = in.key == mult ? vm / (vm + vp) : vp / (vm + vp);
            CHECK(std::abs(in.share - want) < 0.02);
        }
    }
    SUBCASE("the rate x (1 + the multiple): first-order shares leave out what the two do together") {
        const Range rate = fixture::data().gpu(fixture::data().model(s.model)->gpu)->rental_usd_per_gpu_hour;
        REQUIRE(rate.is_range());
        s = at_likely(s);
        s.set_range(Key::rate, rate);
        s.set_range(mult, rm);
        s.rungs = fixture::rungs({"final", "research"});
        // total = c * rate * (1 + M), c the final run's GPU-hours.
        const double c = total(at_likely(s)) / (rate.likely * (1 + rm.likely));
        const double mr = tri_mean(rate), vr = tri_var(rate), m1 = 1 + tri_mean(rm), vm = tri_var(rm);
        const double var = c * c * ((vr + mr * mr) * (vm + m1 * m1) - mr * mr * m1 * m1);
        const double want_rate = c * c * m1 * m1 * vr / var, want_mult = c * c * mr * mr * vm / var;
        const Spread sp = spread(s, Metric::ladder_total_usd);
        REQUIRE(sp.inputs.size() == 2);
        for (const SpreadInput& in : sp.inputs) CHECK(std::abs(in.share - (in.key == Key::rate ? want_rate : want_mult)) < 0.02);
        CHECK(sp.inputs[0].share + sp.inputs[1].share < 1);
    }
}

TEST_CASE("spread_rows() and spread_summary() say each share and both ends in core's formatting") {
    const Scenario s = fixture::scenario();
    const Spread sp = spread(s, Metric::ladder_total_usd);
    const std::vector<Row> rows = spread_rows(s, sp);
    REQUIRE(rows.size() == sp.inputs.size());
    REQUIRE(!rows.empty());
    const SpreadInput& top = sp.inputs[0];
    const Range& r = s.range(top.key);
    CHECK(rows[0].label == input_info(s, top.key).label);
    CHECK(rows[0].value == format_percent(top.share) + " of the variance; " + metric_text(Metric::ladder_total_usd, top.at_low) +
                               " at " + input_value_text(s, top.key, r.low) + ", " + metric_text(Metric::ladder_total_usd, top.at_high) +
                               " at " + input_value_text(s, top.key, r.high));
    CHECK(spread_summary(s, sp).rfind("Spread from: " + rows[0].label + " " + format_percent(top.share), 0) == 0);
    Scenario flat = at_likely(s);
    CHECK(spread(flat, Metric::ladder_total_usd).inputs.empty());
    CHECK(spread_summary(flat, spread(flat, Metric::ladder_total_usd)).empty());
}

TEST_CASE("live_text() is the figure registry's text: a metric or an input, formatted by core") {
    const Scenario s = fixture::scenario();
    const Outputs o = compute(s);
    CHECK(live_text(s, o, "calc.ladder_total_usd") == metric_text(Metric::ladder_total_usd, o.ladder.total_usd));
    CHECK(live_text(s, o, "input.rate") == input_value_text(Key::rate, s.get(Key::rate)));
    CHECK(live_text(s, o, "input.people_usd") == input_value_text(s, fixture::rung("people"), s.get(fixture::rung("people"))));
    CHECK(live_text(s, o, "calc.nothing").empty());
    CHECK(live_text(s, o, "deepseek-v3.total_gpu_hours").empty());
    SUBCASE("a calculator follows its tabs' metrics and the inputs they show") {
        const std::vector<std::string> keys = live_keys(s, {"counted"});
        CHECK(std::find(keys.begin(), keys.end(), "calc.ladder_total_usd") != keys.end());
        CHECK(std::find(keys.begin(), keys.end(), "input.rate") != keys.end());
        CHECK(std::find(keys.begin(), keys.end(), "calc.grpo_gpu_hours") == keys.end());
        const std::vector<std::string> rl = live_keys(s, {"counted", "rl"});
        CHECK(std::find(rl.begin(), rl.end(), "calc.grpo_gpu_hours") != rl.end());
    }
}

TEST_CASE("a ladder rung's row says what it adds, then the running total, as the page's ladder chart does") {
    Scenario s = fixture::scenario();
    const Key final_run = fixture::rung("final"), rl = fixture::rung("rl");
    s.rungs = (1u << s.ladder.find("rl")) | (1u << s.ladder.find("final"));
    const std::vector<Row> rows = result_rows(s, compute(s), "counted");
    const auto row = [&](const std::string& id) { return rows[static_cast<size_t>(s.ladder.find(id))]; };
    // V3's final run adds its own GPU-hours at the rate (the data's 2.788M at $2: "$5.576M"), not the
    // sum with the RL stages before it, which is the running total.
    const double own = s.get(final_run) * s.get(Key::rate), before = s.get(rl) * s.get(Key::rate);
    CHECK(row("final").value == "+" + format_usd(own) + ", total " + format_usd(own + before));
    CHECK(row("rl").value == "+" + format_usd(before) + ", total " + format_usd(before));
    CHECK(row("research").value == "not counted");
    CHECK(rows.back().value == format_usd(own + before));   // "Total counted"
}
