#include <doctest/doctest.h>

#include "../fixture.h"
#include "costbook/estimate.h"
#include "costbook/format.h"

using namespace costbook;

TEST_CASE("V3's 6 x N x D is 3.29e24 FLOP") {
    const auto& v3 = *fixture::data().model("deepseek-v3");
    const double flops = training_flops(v3.params_active, v3.tokens);
    CHECK(flops == doctest::Approx(6 * 37e9 * 14.8e12));
    CHECK(format_flop(flops) == "3.29e24 FLOP");

    SUBCASE("against 2,664K H800 hours it implies 34.6% of BF16 peak, 17.3% of FP8") {
        const auto& h800 = *fixture::data().gpu("h800");
        const double pretrain = v3.ledger.stages[0].gpu_hours;
        CHECK(format_percent(implied_mfu(flops, pretrain, h800.peak("bf16"))) == "34.6%");
        CHECK(format_percent(implied_mfu(flops, pretrain, h800.peak("fp8"))) == "17.3%");
    }
}

TEST_CASE("Llama 3.1 405B's GPU-hours imply 33.2% of H100 BF16 peak") {
    const auto& m = *fixture::data().model("llama-3.1-405b");
    const auto& h100 = *fixture::data().gpu("h100-sxm");
    const double mfu = implied_mfu(training_flops(m.params_active, m.tokens), m.ledger.stages[0].gpu_hours, h100.peak("bf16"));
    CHECK(format_percent(mfu) == "33.2%");
}

TEST_CASE("an estimate turns FLOPs into GPU-hours, wall-clock and cost") {
    EstimateInputs in;
    in.params_active = 1e9;
    in.tokens = 1e12;
    in.peak_flop_per_s = 1e15;
    in.mfu_fraction = 0.5;
    in.gpus = 100;
    in.usd_per_gpu_hour = 2;
    const Estimate e = estimate_training(in);
    CHECK(e.flops == doctest::Approx(6e21));
    CHECK(e.gpu_hours == doctest::Approx(6e21 / 5e14 / 3600));   // 3,333.3 h
    CHECK(e.wall_hours == doctest::Approx(e.gpu_hours / 100));
    CHECK(e.cost_usd == doctest::Approx(e.gpu_hours * 2));
    SUBCASE("the attention term adds 6 · L · S · d · D") {
        in.attn_layers = 10;
        in.attn_seq_len = 4096;
        in.attn_dim = 1024;
        CHECK(estimate_training(in).flops == doctest::Approx(6e21 + 6.0 * 10 * 4096 * 1024 * 1e12));
    }
}

TEST_CASE("a checked estimate names a bad field instead of returning inf") {
    EstimateInputs in;
    in.params_active = 37e9;
    in.tokens = 14.8e12;
    in.peak_flop_per_s = 989.4e12;
    in.mfu_fraction = 7;
    auto r = checked_estimate(in);
    CHECK_FALSE(r);
    CHECK(r.error.field == "mfu");
    in.mfu_fraction = 0;
    CHECK(checked_estimate(in).error.message == "`mfu` must be a finite number above 0");
    in.mfu_fraction = 0.35;
    CHECK(checked_estimate(in));
}
