// `costbook estimate` as a user runs it: first principles with the fitted default MFU, its
// runs and leave-one-out accuracy, and its usage errors.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "compute/fit.h"

using fixture::run;
using fixture::Run;
using costbook::Range;

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

TEST_CASE("estimate --model fills size, tokens, GPU and reported hours from data") {
    const Run r = run("estimate --model llama-3.1-405b --json");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["gpu"] == "h100-sxm");
    CHECK(j["text"]["implied_mfu"] == "33.2%");
    CHECK(run("estimate --model grok-3").code == 2);   // reports no size or tokens
    CHECK(run("estimate").code == 2);
}

TEST_CASE("estimate: an unknown GPU, or a precision the GPU lacks, is one error naming the valid ones, exit 2") {
    Run r = run("estimate --params-active 1e9 --tokens 1e12 --gpu b200");
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown GPU `b200`; valid GPUs: a100-80gb, h100-sxm, h20, h800") != std::string::npos);
    r = run("estimate --params-active 1e9 --tokens 1e12 --gpu a100-80gb --precision fp8");
    CHECK(r.code == 2);
}

TEST_CASE("estimate: number flags are read as the scenario keys they stand for: above 0, clamped into range") {
    Run r = run("estimate --params-active 1e9 --tokens 1e12 --mfu 7");
    CHECK(r.code == 0);
    CHECK(r.err.find("warning: --mfu 7 is outside 0.01–1; clamped to 1") != std::string::npos);   // as mfu=7 in a scenario
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
