#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "../fixture.h"
#include "costbook/scenario.h"

using namespace costbook;

TEST_CASE("a scenario survives write then parse unchanged") {
    const Scenario base = fixture::scenario();
    const std::string q = write_scenario(base);
    Scenario on_ladder;   // a rung's key is its ladder's: the page carries the ladder beside the query
    on_ladder.ladder = base.ladder;
    const ParsedScenario back = parse_scenario(q, on_ladder);
    CHECK(back.errors.empty());
    CHECK(back.notes.empty());
    CHECK(back.scenario == base);
    SUBCASE("against a base, only changed keys are written") {
        Scenario changed = base;
        changed.set(Key::rate, 2.5);
        changed.rungs = fixture::rungs({"rl", "final"});
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
    CHECK(p.scenario.range(fixture::rung("research")) == Range{1, 3, 5});
}

TEST_CASE("numbers write in the shortest form that reads back exactly") {
    CHECK(write_number(2) == "2");
    CHECK(write_number(0.1) == "0.1");
    CHECK(write_number(2.788e6) == "2.788e6");
    CHECK(write_number(2.573e9) == "2.573e9");
    CHECK(write_number(3.2856e24) == "3.2856e24");
    CHECK(write_number(1.0 / 3) == "0.3333333333333333");
}

TEST_CASE("numbers write as the search for the fewest %g digits from 6 up writes them") {
    // The search write_number's shortcut stands for: %.6g, %.7g, ... until strtod reads it back.
    const auto searched = [](double v) {
        char buf[40];
        for (int p = 6; p <= 17; ++p) {
            std::snprintf(buf, sizeof buf, "%.*g", p, v);
            if (std::strtod(buf, nullptr) == v) break;
        }
        std::string s = buf;
        const size_t e = s.find('e');
        return e == std::string::npos ? s : s.substr(0, e + 1) + std::to_string(std::stoi(s.substr(e + 1)));
    };
    std::uint64_t state = 42;
    const auto next = [&] {   // splitmix64
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    };
    std::vector<double> values = {0, -0.0, 1, -1, 0.1, 0.35, 2.788e6, 1200000, 123456, 1234567, 1e-5, 1e-4, 9.5e-5, 1e15, 1e16, 1e17,
                                  1e21, 1e22, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 9007199254740993.0, 0.3};
    for (int i = 0; i < 20000; ++i) {
        const std::uint64_t bits = next();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        if (std::isfinite(d)) values.push_back(d);
        // Decimals of 1 to 17 digits, as data and sliders give them.
        const int digits = 1 + static_cast<int>(next() % 17);
        std::uint64_t m = next() % 100000000000000000ull;
        for (int k = digits; k < 17; ++k) m /= 10;
        values.push_back(static_cast<double>(m) * std::pow(10.0, static_cast<int>(next() % 60) - 30));
    }
    for (double v : values) {
        CAPTURE(v);
        CHECK(write_number(v) == searched(v));
    }
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
    CHECK(p.errors[1].help.find("valid keys: rate, " + std::string(input_info(base, rung_key(0)).name) + ",") == 0);
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
    CHECK(q.scenario.rungs == fixture::rungs({"rl", "final"}));
}

TEST_CASE("rungs read and write by the ids of the scenario's ladder") {
    const Scenario base = fixture::scenario();
    std::string ids;
    for (const RungSpec& r : base.ladder.rungs) ids += (ids.empty() ? "" : ",") + r.id;
    CHECK(rungs_to_text(base.ladder, base.ladder.all()) == ids);
    CHECK(rungs_to_text(base.ladder, 0) == "none");
    CHECK(parse_scenario("count=none", base).scenario.rungs == 0);
    CHECK(parse_scenario("count=all", base).scenario.rungs == base.ladder.all());
    SUBCASE("a scenario without a ladder knows no rungs") {
        const ParsedScenario p = parse_scenario("count=rl", Scenario{});
        REQUIRE(p.errors.size() == 1);
        CHECK(p.errors[0].message == "`count` names rung `rl`, but this scenario has no ladder");
        CHECK(p.errors[0].help == "valid rungs: all, none");
    }
}

TEST_CASE("a rung's value reads and writes under the key its ladder gives it") {
    LadderSpec l;
    l.id = "mine";
    l.rungs = {{"train", "Training", "train_gpu_hours", RungKind::gpu_hours, 0, true},
               {"staff", "Staff", "staff_usd", RungKind::fixed, 0, false}};
    Scenario base;
    base.ladder = l;
    base.rungs = l.starting();
    const ParsedScenario p = parse_scenario("train_gpu_hours=30.84M&staff_usd=1e6~2e6~4e6&count=train,staff", base);
    CHECK(p.errors.empty());
    CHECK(p.scenario.get(rung_key(0)) == doctest::Approx(30.84e6));
    CHECK(p.scenario.range(rung_key(1)) == Range{1e6, 2e6, 4e6});
    CHECK(p.scenario.rungs == 0b11u);
    CHECK(write_scenario(p.scenario, &base) == "count=train,staff&train_gpu_hours=3.084e7&staff_usd=1e6~2e6~4e6");
    CHECK(find_input(base, "staff_usd") == rung_key(1));
    CHECK_FALSE(find_key("staff_usd"));   // not one of the fixed keys
    CHECK(std::string(input_info(base, rung_key(0)).unit) == "GPU-hours");
    CHECK(valid_keys(base).find("rate, train_gpu_hours, staff_usd, params") == 0);
    SUBCASE("another ladder's key is unknown here") {
        const ParsedScenario q = parse_scenario("final_gpu_hours=1", base);
        REQUIRE(q.errors.size() == 1);
        CHECK(q.errors[0].message == "unknown scenario key `final_gpu_hours`");
    }
}

TEST_CASE("a scenario written whole names its ladder, so the query alone says which ladder its keys are from") {
    const Scenario base = fixture::scenario();
    REQUIRE(!base.ladder.id.empty());
    const std::string q = write_scenario(base);
    CHECK(q.rfind("model=" + base.model + "&ladder=" + base.ladder.id + "&", 0) == 0);
    CHECK(write_scenario(base, &base).empty());   // relative to its page (a #hash): the ladder is the page's
    SUBCASE("read on that ladder, `ladder=` is no change") {
        const ParsedScenario p = parse_scenario(q, base);
        CHECK(p.errors.empty());
        CHECK(p.ladder == base.ladder.id);
        CHECK(p.scenario == base);
        CHECK(parse_scenario("rate=3", base).ladder.empty());   // a query that names none
    }
    SUBCASE("`ladder=` is read even where it is not the scenario's, for the site to seed that ladder first") {
        const ParsedScenario none = parse_scenario(q, Scenario{});
        CHECK(none.ladder == base.ladder.id);
        REQUIRE(!none.errors.empty());
        CHECK(none.errors[0].field == "ladder");
        CHECK(none.errors[0].message == "`ladder` names ladder `" + base.ladder.id + "`, but this scenario has no ladder");
        Scenario other;
        other.ladder.id = "llama";
        other.ladder.rungs = {{"run405", "The 405B run", "train_gpu_hours", RungKind::gpu_hours, 0, true}};
        const ParsedScenario p = parse_scenario("ladder=" + base.ladder.id + "&count=run405", other);
        REQUIRE(p.errors.size() == 1);
        CHECK(p.errors[0].message == "`ladder` names ladder `" + base.ladder.id + "`, but this scenario is on ladder `llama`");
        CHECK(p.errors[0].help == "a scenario's rung keys and `count=` rungs are its ladder's: read it on ladder `" + base.ladder.id + "`");
        CHECK(p.scenario.rungs == 1u);   // the good keys still apply
        CHECK(parse_scenario("ladder=Bad%20Id", base).errors[0].message == "`ladder` must be an id (a-z, 0-9, `-`, `_`, `.`), not `Bad Id`");
    }
    CHECK(valid_keys(base).find(", model, ladder, count, tab, currency") != std::string::npos);
}

TEST_CASE("`count=` with rungs its ladder does not have names them and the ladder") {
    const Scenario base = fixture::scenario();
    ParsedScenario p = parse_scenario("count=run405,family", base);
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].field == "count");
    CHECK(p.errors[0].message == "`count` names rungs `run405` and `family`, which ladder `" + base.ladder.id + "` does not have");
    CHECK(p.errors[0].help == "valid rungs: " + base.ladder.ids() + ", all, none");
    CHECK(p.scenario.rungs == base.rungs);   // skipped, as a bad key is
    p = parse_scenario("count=rl,run405", base);
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message == "`count` names rung `run405`, which ladder `" + base.ladder.id + "` does not have");
    // Not a list of rungs at all: that is what it says.
    p = parse_scenario("count=rl,,final", base);
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message == "`count` takes rungs separated by commas, not `rl,,final`");
    CHECK(parse_scenario("count=", base).errors[0].message == "`count` takes rungs separated by commas, not ``");
}

TEST_CASE("a share link carries its version and the pinned scenario, and reads back") {
    const Scenario base = fixture::scenario();
    Scenario now = base, pin = base;
    now.set(Key::rate, 3);
    pin.set(Key::rate, 2.5);
    pin.rungs = fixture::rungs({"rl", "final"});
    CHECK(write_link(base, nullptr, base).empty());
    CHECK(write_link(now, nullptr, base) == "v=1&rate=3");
    const std::string link = write_link(now, &pin, base);
    CHECK(link == "v=1&rate=3&pin=count%3Drl,final%26rate%3D2.5");
    const ParsedLink back = parse_link("#" + link, base);
    CHECK(back.version == 1);
    CHECK(back.now.errors.empty());
    CHECK(back.now.scenario == now);
    REQUIRE(back.pinned);
    CHECK(back.pin.scenario == pin);
    SUBCASE("pinned at the page's own scenario") {
        const ParsedLink p = parse_link(write_link(base, &base, base), base);
        CHECK(p.pinned);
        CHECK(p.pin.scenario == base);
        CHECK(p.now.scenario == base);
    }
    SUBCASE("a link from before versions reads as version 1") {
        const ParsedLink old = parse_link("rate=3", base);
        CHECK(old.version == 1);
        CHECK_FALSE(old.pinned);
        CHECK(old.now.scenario == now);
    }
    SUBCASE("a newer version applies what it knows, with a note; a bad version or pin key says so") {
        const ParsedLink newer = parse_link("v=2&rate=3&colour=blue", base);
        CHECK(newer.version == 2);
        CHECK(newer.now.scenario == now);
        REQUIRE(!newer.now.notes.empty());
        CHECK(newer.now.notes[0].find("newer calculator") != std::string::npos);
        const ParsedLink bad = parse_link("v=x&pin=bogus%3D1", base);
        REQUIRE(bad.now.errors.size() == 1);
        CHECK(bad.now.errors[0].field == "v");
        REQUIRE(bad.pin.errors.size() == 1);
        CHECK(bad.pin.errors[0].message.rfind("pinned: unknown scenario key", 0) == 0);
    }
}

TEST_CASE("a link written before a rung's key was renamed opens the same scenario through the rung's aliases") {
    Scenario base = fixture::scenario();
    const int people = base.ladder.find("people");
    REQUIRE(people >= 0);
    const std::string key = base.ladder.rungs[static_cast<size_t>(people)].key;
    base.ladder.rungs[static_cast<size_t>(people)].key = "staff_usd";   // renamed; the old key stays an alias
    base.ladder.rungs[static_cast<size_t>(people)].aliases = {key};
    REQUIRE(check_ladder(base.ladder));
    const ParsedLink old = parse_link("v=1&" + key + "=3e8&pin=" + key + "%3D1e8", base);
    CHECK(old.now.errors.empty());
    CHECK(old.now.scenario.get(rung_key(people)) == 3e8);
    REQUIRE(old.pinned);
    CHECK(old.pin.errors.empty());
    CHECK(old.pin.scenario.get(rung_key(people)) == 1e8);
    // It reads as the new key does, and is written back under the new key.
    CHECK(old.now.scenario == parse_link("v=1&staff_usd=3e8", base).now.scenario);
    CHECK(write_link(old.now.scenario, nullptr, base) == "v=1&staff_usd=3e8");
    // Without the alias the old key is unknown, and says which keys are valid.
    base.ladder.rungs[static_cast<size_t>(people)].aliases.clear();
    const ParsedLink broken = parse_link("v=1&" + key + "=3e8", base);
    REQUIRE(broken.now.errors.size() == 1);
    CHECK(broken.now.errors[0].message == "unknown scenario key `" + key + "`");
}

TEST_CASE("split_query() gives a query's `&`-separated parts in order, keeping empty ones but no trailing one") {
    using V = std::vector<std::string_view>;
    CHECK(split_query("") == V{});
    CHECK(split_query("a=1") == V{"a=1"});
    CHECK(split_query("a=1&&b=2") == V{"a=1", "", "b=2"});
    CHECK(split_query("a=1&") == V{"a=1"});
    CHECK(split_query("&a") == V{"", "a"});
}
