#include <doctest/doctest.h>

#include "../fixture.h"
#include "costbook/format.h"
#include "costbook/outputs.h"

using namespace costbook;

namespace {
// A ladder that is nobody's: one rung of each kind, to check the arithmetic of the kinds alone.
LadderSpec toy() {
    LadderSpec l;
    l.id = "toy";
    l.rungs = {{"run", "The run", "run_gpu_hours", RungKind::gpu_hours, 0, true},
               {"staff", "Staff", "staff_usd", RungKind::fixed, 0, true},
               {"extra", "Everything else, as a multiple", "extra_mult", RungKind::multiple, 0b011, false},
               {"owned", "Owning the cluster", "owned_usd", RungKind::stands_in, 0b101, true}};
    return l;
}

LadderInputs toy_inputs(const LadderSpec& l) {
    LadderInputs in;
    in.spec = &l;
    in.usd_per_gpu_hour = 2.5;
    in.values = {1000, 500, 2, 7000};
    return in;
}
}  // namespace

TEST_CASE("the default ladder climbs from R1's RL stages through V3's final run to the fleet") {
    const Scenario s = fixture::scenario();
    const LadderInputs in = ladder_inputs(s);
    const double rate = s.get(Key::rate);
    const double r1 = total_gpu_hours(fixture::ledger("deepseek-r1")) * rate;
    const double v3 = total_gpu_hours(fixture::ledger("deepseek-v3")) * rate;
    const double fleet = fixture::data().fleet("deepseek")->total_usd;

    SUBCASE("R1's RL stages alone: the $294K headline, R1's ledger at its rate") {
        CHECK(ladder_total_usd(in, fixture::rungs({"rl"})) == r1);
        CHECK(format_usd(ladder_total_usd(in, fixture::rungs({"rl"}))) == "$294K");
    }
    SUBCASE("V3's final run alone: the $5.576M headline") {
        CHECK(ladder_total_usd(in, fixture::rungs({"final"})) == v3);
        CHECK(format_usd(ladder_total_usd(in, fixture::rungs({"final"}))) == "$5.576M");
    }
    SUBCASE("both reported figures: about 20x the headline") {
        const double both = ladder_total_usd(in, fixture::rungs({"rl", "final"}));
        CHECK(both == doctest::Approx(r1 + v3));
        CHECK(format_multiple(both / r1) == "20×");
    }
    SUBCASE("the fleet rung stands in for rented compute: the reported rungs plus it is the fleet's cost") {
        const Ladder l = compute_ladder(in, fixture::rungs({"rl", "final", "fleet"}));
        CHECK(l.total_usd == doctest::Approx(fleet));
        CHECK(l.steps[static_cast<size_t>(fixture::rung_index("fleet"))].add_usd == doctest::Approx(fleet - r1 - v3));
        CHECK(l.steps[0].stood_in_by == fixture::rung_index("fleet"));
    }
    SUBCASE("every rung on: the fleet plus data and people, which the fleet does not cover") {
        const Ladder l = compute_ladder(in, s.ladder.all());
        CHECK(l.total_usd == doctest::Approx(fleet + s.get(fixture::rung("people"))));
        for (int i = 0; i < l.size; ++i) CHECK(l.steps[static_cast<size_t>(i)].on);
        CHECK(l.steps[static_cast<size_t>(fixture::rung_index("people"))].stood_in_by == -1);
    }
    SUBCASE("research is a multiple of the final run, counted or not") {
        const Ladder l = compute_ladder(in, fixture::rungs({"rl", "research"}));
        CHECK_FALSE(l.steps[1].on);
        CHECK(l.steps[1].add_usd == 0);
        CHECK(l.steps[1].total_usd == l.steps[0].total_usd);
        CHECK(l.steps[2].add_usd == doctest::Approx(s.get(fixture::rung("research")) * v3));
    }
    SUBCASE("nothing counted is zero") { CHECK(ladder_total_usd(in, 0) == 0); }
}

TEST_CASE("each kind of rung keeps its own arithmetic, whatever the ladder") {
    const LadderSpec l = toy();
    REQUIRE(check_ladder(l));
    const LadderInputs in = toy_inputs(l);
    SUBCASE("GPU-hours at the rate, an amount as it is") {
        const Ladder r = compute_ladder(in, 0b0011);
        CHECK(r.steps[0].add_usd == 1000 * 2.5);
        CHECK(r.steps[0].gpu_hours == 1000);
        CHECK(r.steps[1].add_usd == 500);
        CHECK(r.total_usd == 3000);
    }
    SUBCASE("a multiple of earlier rungs: of their GPU-hours at the rate and of their amounts") {
        const Ladder r = compute_ladder(in, 0b0100);
        CHECK(r.steps[2].gpu_hours == 2 * 1000);
        CHECK(r.steps[2].cost_usd == 2 * (1000 * 2.5) + 2 * 500);
        CHECK(r.total_usd == r.steps[2].cost_usd);
    }
    SUBCASE("a stand-in replaces only the counted rungs it names") {
        const Ladder r = compute_ladder(in, 0b1011);   // the run and staff counted; `owned` names the run and `extra`
        CHECK(r.steps[3].add_usd == 7000 - 1000 * 2.5);
        CHECK(r.total_usd == 7000 + 500);
        CHECK(r.steps[0].stood_in_by == 3);
        CHECK(r.steps[1].stood_in_by == -1);
        CHECK(r.steps[2].stood_in_by == -1);   // not counted: nothing to replace
    }
    SUBCASE("a stand-in with nothing counted to replace adds its whole amount") {
        CHECK(compute_ladder(in, 0b1000).total_usd == 7000);
    }
    SUBCASE("the steps past the ladder's size stay empty") {
        const Ladder r = compute_ladder(in, ~0u);
        CHECK(r.size == 4);
        CHECK(r.steps[4].on == false);
        CHECK(r.steps[4].total_usd == 0);
    }
}

TEST_CASE("a ladder's spec is checked: kinds, earlier rungs only, unique ids and keys, at most kMaxRungs") {
    LadderSpec l = toy();
    SUBCASE("a rung that names a later rung") {
        l.rungs[2].refs = 0b1000;
        CHECK(check_ladder(l).error.message == "rung `extra` names a rung that is not before it");
    }
    SUBCASE("a multiple that names nothing") {
        l.rungs[2].refs = 0;
        CHECK(check_ladder(l).error.message == "rung `extra` names no earlier rung");
    }
    SUBCASE("an amount that names rungs") {
        l.rungs[1].refs = 1;
        CHECK(check_ladder(l).error.message == "rung `staff` of kind `fixed` takes no earlier rungs");
    }
    SUBCASE("two rungs with one key") {
        l.rungs[3].key = "staff_usd";
        CHECK(check_ladder(l).error.message == "scenario key `staff_usd` belongs to two rungs");
    }
    SUBCASE("too many rungs") {
        while (l.size() <= kMaxRungs) l.rungs.push_back({"r" + std::to_string(l.size()), "R", "k" + std::to_string(l.size()), RungKind::fixed, 0, true});
        CHECK(check_ladder(l).error.message.find("more than " + std::to_string(kMaxRungs)) != std::string::npos);
    }
    SUBCASE("an alias that is another rung's key, or listed twice") {
        l.rungs[1].aliases = {"owned_usd"};
        CHECK(check_ladder(l).error.message == "scenario key `owned_usd` is an alias of rung `staff` and also another key or alias");
        l.rungs[1].aliases = {"people_usd", "people_usd"};
        CHECK(check_ladder(l).error.field == "rungs.1.aliases");
        l.rungs[1].aliases = {"people_usd"};
        CHECK(check_ladder(l));
    }
    SUBCASE("kinds by name") {
        CHECK(rung_kind_ids() == "gpu_hours, multiple, fixed, stands_in");
        CHECK(find_rung_kind("stands_in") == RungKind::stands_in);
        CHECK_FALSE(find_rung_kind("replaces"));
    }
}

TEST_CASE("a ladder travels as one line of text and reads back the same") {
    LadderSpec l = toy();
    l.rungs[1].label = "Staff: 50% of 100; more";   // the separators, escaped
    const std::string text = write_ladder(l);
    CHECK(text.find("Staff%3A 50%25 of 100%3B more") != std::string::npos);
    const Result<LadderSpec> back = parse_ladder(text);
    REQUIRE(back);
    CHECK(*back == l);
    SUBCASE("with the keys a rung had before, after its key") {
        l.rungs[1].aliases = {"people_usd", "team_usd"};
        const std::string with = write_ladder(l);
        CHECK(with.find(";staff:fixed:staff_usd,people_usd,team_usd::on:") != std::string::npos);
        const Result<LadderSpec> b = parse_ladder(with);
        REQUIRE(b);
        CHECK(*b == l);
        CHECK(b->find_key("team_usd") == 1);
        CHECK(b->find_key("staff_usd") == 1);
    }
    SUBCASE("the default ladder round-trips too") {
        const LadderSpec& d = fixture::scenario().ladder;
        CHECK(*parse_ladder(write_ladder(d)) == d);
    }
    SUBCASE("bad text is an error, never a crash") {
        CHECK(parse_ladder("toy;run:gpu_hours:k").error.message == "ladder rung 1 is not `id:kind:key:refs:on:label`");
        CHECK(parse_ladder("toy;run:bogus:k::on:R").error.help == "rung kinds: gpu_hours, multiple, fixed, stands_in");
        CHECK(parse_ladder("toy;run:multiple:k:later:on:R").error.message == "rung `run` names `later`, not an earlier rung");
        CHECK(parse_ladder("toy;run:fixed:k::maybe:R").error.message == "rung `run` starts `on` or `off`");
        CHECK(parse_ladder("").value->rungs.empty());   // a page without a ladder
    }
}

TEST_CASE("the fleet estimate is SemiAnalysis' capex plus opex") {
    const auto& f = *fixture::data().fleet("deepseek");
    CHECK(format_usd(f.total_usd - f.opex_usd) == "$1.629B");  // implied capex
    CHECK(f.gpus == 50'000);
}
