#include <doctest/doctest.h>

#include "../fixture.h"
#include "costbook/scenario.h"

using namespace costbook;

TEST_CASE("a scenario survives write then parse unchanged") {
    const Scenario base = fixture::scenario();
    const std::string q = write_scenario(base);
    const ParsedScenario back = parse_scenario(q, Scenario{});
    CHECK(back.errors.empty());
    CHECK(back.notes.empty());
    CHECK(back.scenario == base);
    SUBCASE("against a base, only changed keys are written") {
        Scenario changed = base;
        changed.set(Key::rate, 2.5);
        changed.rungs = LADDER_REPORTED;
        CHECK(write_scenario(changed, &base) == "count=rl,final&rate=2.5");
        CHECK(parse_scenario(write_scenario(changed, &base), base).scenario == changed);
    }
}

TEST_CASE("values read as numbers, suffixed numbers or ranges") {
    CHECK(*parse_number("2.5") == 2.5);
    CHECK(*parse_number("147K") == 147'000);
    CHECK(*parse_number("2.788M") == doctest::Approx(2'788'000));
    CHECK(*parse_number("2.573B") == doctest::Approx(2.573e9));
    CHECK(*parse_number("1e6") == 1e6);
    CHECK_FALSE(parse_number("abc"));
    CHECK_FALSE(parse_number("nan"));
    CHECK_FALSE(parse_number("inf"));
    CHECK_FALSE(parse_number("1e999"));
    CHECK_FALSE(parse_number(""));
    CHECK_FALSE(parse_number(" 2"));
    CHECK_FALSE(parse_number("0x10"));
    const ParsedScenario p = parse_scenario("#rate=1.5~2~3&research_mult=1~5", fixture::scenario());
    CHECK(p.errors.empty());
    CHECK(p.scenario.range(Key::rate) == Range{1.5, 2, 3});
    CHECK(p.scenario.range(Key::research_mult) == Range{1, 3, 5});
}

TEST_CASE("numbers write in the shortest form that reads back exactly") {
    CHECK(write_number(2) == "2");
    CHECK(write_number(0.1) == "0.1");
    CHECK(write_number(2.788e6) == "2.788e6");
    CHECK(write_number(2.573e9) == "2.573e9");
    CHECK(write_number(3.2856e24) == "3.2856e24");
    CHECK(write_number(1.0 / 3) == "0.3333333333333333");
}

TEST_CASE("out-of-range values are clamped and say so") {
    const ParsedScenario p = parse_scenario("mfu=7&rate=-1", fixture::scenario());
    CHECK(p.errors.empty());
    CHECK(p.scenario.get(Key::mfu) == 1);
    CHECK(p.scenario.get(Key::rate) == 0.1);
    REQUIRE(p.notes.size() == 2);
    CHECK(p.notes[0] == "`mfu` 7 is outside 0.01–1; clamped to 1");
}

TEST_CASE("unknown keys and bad numbers give messages, and the good keys still apply") {
    const Scenario base = fixture::scenario();
    const ParsedScenario p = parse_scenario("rate=abc&foo=1&mfu=0.3&count=rl,bogus&tab=nope&model=<x>", base);
    REQUIRE(p.errors.size() == 5);
    CHECK(p.errors[0].message == "`rate` is not a number: `abc`");
    CHECK(p.errors[1].message == "unknown scenario key `foo`");
    CHECK(p.errors[1].help.find("valid keys: rate, rl_gpu_hours") == 0);
    CHECK(p.errors[2].field == "count");
    CHECK(p.errors[3].message == "unknown tab `nope`");
    CHECK(p.errors[4].field == "model");
    CHECK(p.scenario.get(Key::mfu) == 0.3);
    CHECK(p.scenario.get(Key::rate) == base.get(Key::rate));
}

TEST_CASE("ranges must run low to high, and percent escapes decode") {
    const ParsedScenario p = parse_scenario("rate=3~2~1", fixture::scenario());
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message == "`rate` range must run low~likely~high, got `3~2~1`");
    const ParsedScenario q = parse_scenario("count=rl%2Cfinal", fixture::scenario());
    CHECK(q.errors.empty());
    CHECK(q.scenario.rungs == LADDER_REPORTED);
}

TEST_CASE("rungs read and write by name") {
    CHECK(rungs_to_text(LADDER_ALL) == "rl,final,research,people,fleet");
    CHECK(rungs_to_text(0) == "none");
    CHECK(parse_scenario("count=none", Scenario{}).scenario.rungs == 0);
    CHECK(parse_scenario("count=all", Scenario{}).scenario.rungs == LADDER_ALL);
}
