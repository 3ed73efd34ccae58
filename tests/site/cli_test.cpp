// The costbook command as a user runs it: exit codes, JSON keys, the printed figures.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../fixture.h"
#include "compute/fit.h"
#include "site_fixture.h"

using fixture::run;
using fixture::Run;
using costbook::Range;

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
    CHECK(r.out.find("512 GPUs x 80 h = 40,960 GPU-hours") != std::string::npos);
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

TEST_CASE("estimate checks V3 from first principles with the fitted default MFU, V3's own run held out") {
    const Run r = run("estimate --model deepseek-v3 --json");
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"flops", "gpu_hours", "mfu", "cost_usd", "interval", "fit"}) CHECK(j.contains(key));
    CHECK(j["text"]["flops"] == "3.29e24 FLOP");
    CHECK(j["text"]["implied_mfu"] == "17.3%");
    CHECK(j["fit"]["held_out"] == "deepseek-v3");
    const auto& d = fixture::data();
    const Range mfu = costbook::site::default_mfu(d, *d.gpu("h800"), 37e9, "moe", "fp8", "deepseek-v3");
    CHECK(j["mfu"].get<double>() == doctest::Approx(mfu.likely));
    CHECK(j["interval"]["mfu"][0].get<double>() == doctest::Approx(mfu.low));
    // The published 2,664K GPU-hours fall inside the P10-P90 the fit gives without them.
    const double reported = d.model("deepseek-v3")->ledger.stages[0].gpu_hours;
    CHECK(j["interval"]["gpu_hours"][0].get<double>() < reported);
    CHECK(j["interval"]["gpu_hours"][1].get<double>() > reported);
    CHECK(j["interval"]["gpu_hours"][0].get<double>() < j["gpu_hours"].get<double>());
}

TEST_CASE("estimate --runs prints every run, its developer, and the fit's accuracy by developer and by run against a flat 40%") {
    const Run r = run("estimate --runs");
    REQUIRE(r.code == 0);
    for (const auto& run_ : fixture::data().runs) {
        CHECK_MESSAGE(r.out.find(run_.id) != std::string::npos, run_.id);
        CHECK_MESSAGE(r.out.find(run_.developer) != std::string::npos, run_.id);
    }
    CHECK(r.out.find("ln MFU = ") != std::string::npos);
    CHECK(r.out.find("by developer") != std::string::npos);
    CHECK(r.out.find("by run") != std::string::npos);
    CHECK(r.out.find("P10-P90 contains") != std::string::npos);
    const auto j = nlohmann::json::parse(run("estimate --runs --json").out);
    CHECK(j["runs"].size() == fixture::data().runs.size());
    CHECK(j["loo"]["within_30"].get<double>() > j["flat"]["within_30"].get<double>());
    CHECK(j["lodo"]["within_30"].get<double>() > j["flat"]["lodo"]["within_30"].get<double>());
    CHECK(j["lodo"]["coverage"].get<double>() >= 0.7);
    CHECK(j["lodo"]["coverage"].get<double>() <= 0.9);
    for (const auto& jr : j["runs"]) {
        CHECK(jr["lodo_mfu_p10"].get<double>() <= jr["lodo_mfu"].get<double>());
        CHECK(jr["lodo_mfu"].get<double>() <= jr["lodo_mfu_p90"].get<double>());
        CHECK(!jr["reported"].get<std::string>().empty());
    }
}

TEST_CASE("estimate without a model uses the fit for the architecture asked") {
    const auto dense = nlohmann::json::parse(run("estimate --params-active 37e9 --tokens 14.8e12 --gpu h800 --json").out);
    const auto moe = nlohmann::json::parse(run("estimate --params-active 37e9 --tokens 14.8e12 --gpu h800 --architecture moe --json").out);
    const auto& d = fixture::data();
    CHECK(dense["mfu"].get<double>() == doctest::Approx(costbook::site::default_mfu(d, *d.gpu("h800"), 37e9, "dense", "bf16").likely));
    CHECK(moe["mfu"].get<double>() == doctest::Approx(costbook::site::default_mfu(d, *d.gpu("h800"), 37e9, "moe", "bf16").likely));
    CHECK(dense["mfu"] != moe["mfu"]);
    CHECK(run("estimate --params-active 37e9 --tokens 14.8e12 --architecture sparse").code == 2);
}

TEST_CASE("unknown model, GPU, flag or key: one error naming the valid ones, exit 2") {
    Run r = run("calc --model gpt-5");
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown model `gpt-5`") != std::string::npos);
    CHECK(r.err.find("deepseek-v3") != std::string::npos);
    r = run("estimate --params-active 1e9 --tokens 1e12 --gpu b200");
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown GPU `b200`; valid GPUs: a100-80gb, h100-sxm, h20, h800") != std::string::npos);
    r = run("calc --frobnicate");
    CHECK(r.code == 2);
    r = run("calc --scenario 'raet=2'");
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown scenario key `raet`") != std::string::npos);
    r = run("estimate --params-active 1e9 --tokens 1e12 --gpu a100-80gb --precision fp8");
    CHECK(r.code == 2);
}

TEST_CASE("bad numbers give an error or a clamp that says so, never nan") {
    Run r = run("calc --scenario 'rate=abc'");
    CHECK(r.code == 2);
    CHECK(r.err.find("`rate` is not a number: `abc`") != std::string::npos);
    r = run("calc --all --scenario 'mfu=7'");
    CHECK(r.code == 0);
    CHECK(r.err.find("warning: `mfu` 7 is outside 0.01–1; clamped to 1") != std::string::npos);
    CHECK(r.out.find("nan") == std::string::npos);
    // Flags are read as the scenario keys they stand for: clamped into range with a warning, as mfu=7 is above.
    r = run("estimate --params-active 1e9 --tokens 1e12 --mfu 7");
    CHECK(r.code == 0);
    CHECK(r.err.find("warning: --mfu 7 is outside 0.01–1; clamped to 1") != std::string::npos);
    for (const char* flag : {"--rate -1", "--rate 0", "--gpus 0", "--params-active -5"}) {
        CAPTURE(flag);
        r = run(std::string("estimate --model deepseek-v3 ") + flag);
        CHECK(r.code == 2);
        CHECK(r.err.find("must be above 0") != std::string::npos);
    }
    r = run("estimate --model deepseek-v3 --gpus 0.5");
    CHECK(r.code == 0);
    CHECK(r.out.find("on 1 GPU\n") != std::string::npos);   // rounded to a whole GPU, and said so
    CHECK(r.err.find("clamped to 1") != std::string::npos);
    r = run("estimate --params-active 1e300 --tokens 1e300");
    CHECK(r.code == 0);
    CHECK(r.out.size() < 2000);   // no 300-digit numbers: clamped into the keys' ranges
}

TEST_CASE("a site with broken data exits 1 with file:line:col") {
    const Run r = run("calc --site /nonexistent-costbook-site");
    CHECK(r.code == 1);
    CHECK(r.err.find("error: no data folder here") != std::string::npos);
}

TEST_CASE("estimate --model fills size, tokens, GPU and reported hours from data") {
    const Run r = run("estimate --model llama-3.1-405b --json");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["gpu"] == "h100-sxm");
    CHECK(j["text"]["implied_mfu"] == "33.2%");
    CHECK(run("estimate --model grok-3").code == 2);   // reports no size or tokens
    CHECK(run("estimate").code == 2);
}
