#include <doctest/doctest.h>

#include "../fixture.h"
#include "costbook/format.h"
#include "costbook/outputs.h"

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
            CHECK(not_counted_reason(s, "counted", fixture::rung(id)) == "not counted: \u201c" + fleet + "\u201d stands in for it");
            CHECK(rung_not_counted_reason(s, fixture::rung_index(id)) == "not counted: \u201c" + fleet + "\u201d stands in for it");
        }
        CHECK(not_counted_reason(s, "counted", Key::rate) ==
              "not counted: \u201c" + fleet + "\u201d stands in for every rung priced at this rate");
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
