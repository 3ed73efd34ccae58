// `costbook calc` as a user runs it: exit codes, JSON keys, the printed figures.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "compute/scenario.h"
#include "costbook/outputs.h"

using fixture::has;
using fixture::run;
using fixture::Run;
using costbook::site::Price;

namespace {
// The default site with a second ladder: examples/llama-3.1-405b's (rungs run405, herd, research and
// epoch; keys train_gpu_hours, herd_gpu_hours, research_mult and epoch_usd), with the 8B and 70B
// models it counts. The default ladder stays deepseek.
void add_llama_ladder(const fixture::SiteCopy& s) {
    const fixture::fs::path from = COSTBOOK_SOURCE_DIR "/examples/llama-3.1-405b";
    for (const char* f : {"data/ladders/llama.toml", "data/models/llama-3.1-8b.toml", "data/models/llama-3.1-70b.toml"})
        fixture::fs::copy_file(from / f, s.dir / f);
}
}  // namespace

TEST_CASE("calc --json prints V3's ledger with the keys scripts rely on") {
    const Run r = run("calc --model deepseek-v3 --json");
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["model"] == "deepseek-v3");
    REQUIRE(j["stages"].size() == 3);
    for (const char* key : {"name", "gpu", "gpu_hours", "cost_usd", "source"}) CHECK(j["stages"][0].contains(key));
    CHECK(j["total_gpu_hours"].get<double>() == doctest::Approx(2'788'000));
    CHECK(j["total_cost_usd"].get<double>() == doctest::Approx(5'576'000));
    CHECK(j["usd_per_gpu_hour"] == 2.0);
    CHECK(j["text"]["total_cost_usd"] == "$5.576M");
}

TEST_CASE("calc prints R1's ledger with the published GPUs x hours beside it") {
    const Run r = run("calc --model deepseek-r1");
    REQUIRE(r.code == 0);
    CHECK(r.out.find("147K GPU-hours") != std::string::npos);
    CHECK(r.out.find("$294K") != std::string::npos);
    CHECK(r.out.find("512 GPUs x 198 h = 101,376 GPU-hours") != std::string::npos);
    CHECK(r.out.find(" x 80 h") == std::string::npos);   // R1's ~80 h is derived (41K / 512), not published beside it
}

TEST_CASE("calc --tab task prints the compared prices in effect on the date asked, each with its period") {
    const auto& d = fixture::data();
    SUBCASE("by default the first date data/tasks.toml offers") {
        const Run r = run("calc --tab task");
        REQUIRE(r.code == 0);
        CHECK(r.out.find("Prices in effect on " + d.task_dates.front()) != std::string::npos);
        for (const std::string& id : d.task_prices) {
            const Price& p = *d.price(id);
            CHECK_MESSAGE((r.out.find(p.name + " ") != std::string::npos) == p.in_effect(d.task_dates.front()), id);
        }
    }
    SUBCASE("--prices picks another date, and JSON says which") {
        const std::string date = d.task_dates.back();
        const Run r = run("calc --tab task --json --prices " + date);
        REQUIRE(r.code == 0);
        const auto j = nlohmann::json::parse(r.out)["task"];
        CHECK(j["prices_on"] == date);
        REQUIRE(!j["compare"].empty());
        for (const auto& row : j["compare"]) {
            const Price& p = *d.price(row["price"].get<std::string>());
            CHECK(p.in_effect(date));
            CHECK(row["period"] == p.period_text());
            // yuan as published, or converted at the month's rate; with neither, none is guessed
            CHECK(row["cny"].is_null() == !(p.cny || d.rate_for_month(p.from.substr(0, 7))));
        }
    }
    SUBCASE("a month shows every price in effect at some time in it") {
        const Run r = run("calc --tab task --prices 2025-02");
        REQUIRE(r.code == 0);
        CHECK(r.out.find("Prices in effect in 2025-02") != std::string::npos);
    }
    SUBCASE("a date that is not one is a usage error") {
        const Run r = run("calc --tab task --prices february");
        CHECK(r.code == 2);
        CHECK(r.err.find("`--prices february` is not a date") != std::string::npos);
    }
}

TEST_CASE("a scenario's rate changes the cost") {
    const Run r = run("calc --model deepseek-v3 --json --scenario 'rate=2.5'");
    REQUIRE(r.code == 0);
    CHECK(nlohmann::json::parse(r.out)["text"]["total_cost_usd"] == "$6.97M");
}

TEST_CASE("calc --ladder climbs from the headline to the fleet") {
    const Run r = run("calc --ladder --json");
    REQUIRE(r.code == 0);
    const auto l = nlohmann::json::parse(r.out)["ladder"];
    CHECK(l["rungs"][0]["text"]["total_usd"] == "$294K");
    CHECK(l["rungs"][1]["text"]["total_usd"] == "$5.87M");
    CHECK(l["rungs"][1]["text"]["times_headline"] == "20×");
    CHECK(l["rungs"][2]["assumption"] == true);
    CHECK(l["text"]["fleet_usd"] == "$2.573B");
    const Run off = run("calc --ladder --json --scenario 'count=rl,final,fleet'");
    CHECK(nlohmann::json::parse(off.out)["ladder"]["text"]["total_usd"] == "$2.573B");
}

TEST_CASE("calc: an unknown model, flag or scenario key is one error naming the valid ones, exit 2") {
    Run r = run("calc --model gpt-5");
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown model `gpt-5`") != std::string::npos);
    CHECK(r.err.find("deepseek-v3") != std::string::npos);
    r = run("calc --frobnicate");
    CHECK(r.code == 2);
    r = run("calc --scenario 'raet=2'");
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown scenario key `raet`") != std::string::npos);
}

TEST_CASE("calc: a bad number is an error, an out-of-range one a clamp that says so, never nan") {
    Run r = run("calc --scenario 'rate=abc'");
    CHECK(r.code == 2);
    CHECK(r.err.find("`rate` is not a number: `abc`") != std::string::npos);
    r = run("calc --all --scenario 'mfu=7'");
    CHECK(r.code == 0);
    CHECK(r.err.find("warning: `mfu` 7 is outside 0.01–1; clamped to 1") != std::string::npos);
    CHECK(r.out.find("nan") == std::string::npos);
}

TEST_CASE("calc --uncertainty prints what drives each band: core's spread() lines, and drivers in the JSON") {
    const std::string scenario = "count=rl,final,research,people";
    const costbook::ParsedScenario q = costbook::parse_scenario(scenario, fixture::scenario());
    const costbook::Spread sp = costbook::spread(q.scenario, costbook::Metric::ladder_total_usd);
    const std::vector<costbook::Row> rows = costbook::spread_rows(q.scenario, sp);
    REQUIRE(rows.size() >= 2);   // data and people, and the research multiple
    const Run r = run("calc --ladder --uncertainty --scenario '" + scenario + "'");
    REQUIRE(r.code == 0);
    CHECK(r.out.find("what drives the spread") != std::string::npos);
    for (const costbook::Row& row : rows) CHECK(r.out.find("    " + row.label + ": " + row.value + "\n") != std::string::npos);
    const Run j = run("calc --ladder --uncertainty --json --scenario '" + scenario + "'");
    REQUIRE(j.code == 0);
    const auto drivers = nlohmann::json::parse(j.out)["uncertainty"]["metrics"]["ladder_total_usd"]["drivers"];
    REQUIRE(drivers.size() == sp.inputs.size());
    for (size_t i = 0; i < sp.inputs.size(); ++i) {
        CHECK(drivers[i]["key"] == costbook::input_info(q.scenario, sp.inputs[i].key).name);
        CHECK(drivers[i]["share"].get<double>() == sp.inputs[i].share);
        CHECK(drivers[i]["at_low"].get<double>() == sp.inputs[i].at_low);
        CHECK(drivers[i]["at_high"].get<double>() == sp.inputs[i].at_high);
    }
}

TEST_CASE("calc --ladder ID reads that ladder of data/ladders/; --ladder alone the default one; an unknown id names the known ones") {
    fixture::SiteCopy s;
    add_llama_ladder(s);
    const std::string site = " --site '" + s.path() + "'";
    Run r = run("calc --ladder llama --model llama-3.1-405b --json" + site);
    REQUIRE_MESSAGE(r.code == 0, r.err);
    auto l = nlohmann::json::parse(r.out)["ladder"];
    CHECK(l["ladder"] == "llama");
    REQUIRE(l["rungs"].size() == 4);
    CHECK(l["rungs"][0]["id"] == "run405");
    CHECK(l["rungs"][0]["key"] == "train_gpu_hours");
    CHECK(l["rungs"][0]["value"].get<double>() == fixture::ledger("llama-3.1-405b").stages[0].gpu_hours);
    CHECK(l["counted"] == "run405,herd");   // research and epoch start off
    // The ladder's own keys and rungs, in --scenario, with the flag or with the scenario's ladder=.
    for (const std::string how : {"--ladder llama --scenario 'count=run405&train_gpu_hours=40M'",
                                  "--tab counted --scenario 'ladder=llama&count=run405&train_gpu_hours=40M'"}) {
        r = run("calc --json " + how + site);
        REQUIRE_MESSAGE(r.code == 0, r.err);
        l = nlohmann::json::parse(r.out)["ladder"];
        CHECK(l["ladder"] == "llama");
        CHECK(l["counted"] == "run405");
        CHECK(l["rungs"][0]["value"].get<double>() == 40e6);
    }
    r = run("calc --ladder --json" + site);
    REQUIRE(r.code == 0);
    CHECK(nlohmann::json::parse(r.out)["ladder"]["ladder"] == "deepseek");
    r = run("calc --ladder nope" + site);
    CHECK(r.code == 2);
    CHECK(fixture::first_line(r.err) == "error: unknown ladder `nope`");
    CHECK(has(r.err, "deepseek"));
    CHECK(has(r.err, "llama"));
    r = run("calc --ladder llama --scenario 'ladder=deepseek'" + site);
    CHECK(r.code == 2);
    CHECK(fixture::first_line(r.err) == "error: the scenario's `ladder=deepseek` is not the ladder asked for, `llama`");
}

TEST_CASE("calc: a key or rung of another ladder is an error that says which ladder has it") {
    fixture::SiteCopy s;
    add_llama_ladder(s);
    const std::string site = " --site '" + s.path() + "'";
    Run r = run("calc --scenario 'train_gpu_hours=40M'" + site);
    CHECK(r.code == 2);
    CHECK(has(r.err, "error: unknown scenario key `train_gpu_hours`\n"
                     "  = help: `train_gpu_hours` is ladder `llama`'s: add `ladder=llama` to the scenario; valid keys: rate, rl_gpu_hours,"));
    r = run("calc --scenario 'count=rl,run405,herd'" + site);
    CHECK(r.code == 2);
    CHECK(r.err == "error: `count` names rungs `run405` and `herd`, which ladder `deepseek` does not have\n"
                   "  = help: `run405` and `herd` are ladder `llama`'s: add `ladder=llama` to the scenario; rungs by ladder: "
                   "deepseek (this scenario's): rl, final, research, people, fleet; llama: run405, herd, research, epoch; or all, none\n");
    // A rung no ladder has: the rungs of each.
    r = run("calc --scenario 'count=v4'" + site);
    CHECK(r.code == 2);
    CHECK(has(r.err, "  = help: rungs by ladder: deepseek (this scenario's): rl, final, research, people, fleet; llama: run405, herd, research, epoch; or all, none\n"));
}

TEST_CASE("calc --json names the rate's source: the developer's published rate, or the GPU's rental range") {
    const auto& d = fixture::data();
    auto j = nlohmann::json::parse(run("calc --model deepseek-v3 --json").out);
    CHECK(j["rate_source"] == fixture::sources("deepseek-v3")[static_cast<size_t>(costbook::Key::rate)]);
    CHECK(j["rate_source"] != "");
    // Meta published no rate: the H100's likely rental rate, with the source `costbook estimate` names for it.
    const costbook::site::Model& llama = *d.model("llama-3.1-405b");
    REQUIRE(llama.ledger.rate_source.empty());
    j = nlohmann::json::parse(run("calc --model llama-3.1-405b --json").out);
    CHECK(j["rate_source"] == costbook::site::model_rate(d, llama).source);
    CHECK(j["rate_source"] == d.gpu(llama.gpu)->rental.source);
    CHECK(j["rate_source"] == nlohmann::json::parse(run("estimate --model llama-3.1-405b --json").out)["rate_source"]);
    // A rate the scenario changed has no source, as the downloads say.
    j = nlohmann::json::parse(run("calc --model llama-3.1-405b --json --scenario 'rate=3'").out);
    CHECK(j["rate_source"] == "");
}
