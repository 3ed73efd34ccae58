#include <doctest/doctest.h>

#include "costbook/rl.h"

using namespace costbook;

TEST_CASE("GRPO drops the value model's forward and update, and nothing else") {
    RlInputs in;
    in.policy_params_active = 37e9;
    in.prompts = 1000;
    in.group_size = 16;
    in.tokens_per_sample = 1000;
    in.gen_mfu_fraction = 0.05;
    in.train_mfu_fraction = 0.35;
    in.peak_flop_per_s = 1e15;
    in.value_params_ratio = 1;
    in.usd_per_gpu_hour = 2;
    const RlComparison r = compare_grpo_ppo(in);
    const double tokens = 1000.0 * 16 * 1000;
    CHECK(r.rollout_tokens == tokens);
    // generate 2NT at 5%; reference 2NT, policy 6NT at 35%
    const double gen = 2 * 37e9 * tokens / (1e15 * 0.05) / 3600;
    const double train = 8 * 37e9 * tokens / (1e15 * 0.35) / 3600;
    CHECK(r.grpo.total_gpu_hours == doctest::Approx(gen + train));
    CHECK(r.grpo.gpu_hours[RL_VALUE_FORWARD] == 0);
    CHECK(r.ppo.gpu_hours[RL_GENERATE] == doctest::Approx(r.grpo.gpu_hours[RL_GENERATE]));
    CHECK(r.ppo.gpu_hours[RL_VALUE_TRAIN] == doctest::Approx(r.grpo.gpu_hours[RL_POLICY]));
    CHECK(r.saved_gpu_hours == doctest::Approx(train));
    CHECK(r.saved_fraction == doctest::Approx(train / (gen + 2 * train)));
    CHECK(r.grpo.cost_usd == doctest::Approx(r.grpo.total_gpu_hours * 2));
    SUBCASE("a smaller critic saves less") {
        in.value_params_ratio = 0.5;
        CHECK(compare_grpo_ppo(in).saved_gpu_hours == doctest::Approx(train / 2));
    }
}
