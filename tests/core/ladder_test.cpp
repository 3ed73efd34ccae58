#include <doctest/doctest.h>

#include "../fixture.h"
#include "costbook/format.h"
#include "costbook/outputs.h"

using namespace costbook;

TEST_CASE("the ladder climbs from $294K through $5.87M to the fleet's $2.573B") {
    const LadderInputs in = ladder_inputs(fixture::scenario());

    SUBCASE("R1's RL stages alone: the $294K headline") {
        CHECK(format_usd(ladder_total_usd(in, LADDER_R1_HEADLINE)) == "$294K");
    }
    SUBCASE("V3's final run alone: the $5.576M headline") {
        CHECK(format_usd(ladder_total_usd(in, LADDER_V3_HEADLINE)) == "$5.576M");
    }
    SUBCASE("both of DeepSeek's reported figures: $5.87M, about 20x the headline") {
        const double both = ladder_total_usd(in, LADDER_REPORTED);
        CHECK(format_usd(both) == "$5.87M");
        CHECK(format_multiple(both / ladder_total_usd(in, LADDER_R1_HEADLINE)) == "20×");
    }
    SUBCASE("the fleet rung replaces rented compute with SemiAnalysis' four-year total") {
        CHECK(format_usd(in.fleet_tco_usd) == "$2.573B");
        const Ladder l = compute_ladder(in, LADDER_REPORTED | RUNG_FLEET_TCO);
        CHECK(format_usd(l.total_usd) == "$2.573B");
        CHECK(l.steps[4].add_usd == doctest::Approx(in.fleet_tco_usd - 5'870'000));
    }
    SUBCASE("every rung on: the fleet plus data and people") {
        const Ladder l = compute_ladder(in, LADDER_ALL);
        CHECK(l.total_usd == doctest::Approx(in.fleet_tco_usd + in.data_people_usd));
        for (const LadderStep& s : l.steps) CHECK(s.on);
    }
    SUBCASE("a rung switched off adds nothing and the running total carries over") {
        const Ladder l = compute_ladder(in, RUNG_RL_STAGES | RUNG_RESEARCH);
        CHECK_FALSE(l.steps[1].on);
        CHECK(l.steps[1].add_usd == 0);
        CHECK(l.steps[1].total_usd == l.steps[0].total_usd);
        CHECK(l.steps[2].add_usd == doctest::Approx(in.research_multiplier * in.final_run_gpu_hours * in.usd_per_gpu_hour));
    }
    SUBCASE("nothing counted is zero") {
        CHECK(ladder_total_usd(in, 0) == 0);
    }
}

TEST_CASE("the fleet estimate is SemiAnalysis' capex plus opex") {
    const auto& f = *fixture::data().fleet("deepseek");
    CHECK(format_usd(f.total_usd - f.opex_usd) == "$1.629B");  // implied capex
    CHECK(f.gpus == 50'000);
}
