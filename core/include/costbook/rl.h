// costbook core: RL cost, GRPO against PPO for the same rollouts
// Index: [SECTION] Types  [SECTION] Formulas
//
// Both generate the same rollouts (prompts × group size × tokens per sample) and update the
// policy. PPO also trains a value model (the critic) of similar size: its forward pass over
// every rollout token and its own update. GRPO drops it and takes the baseline from the
// normalised rewards of the group (dsmath-grpo).
#pragma once
#include <array>

namespace costbook {

// ---- [SECTION] Types ----
struct RlInputs {
    double policy_params_active = 0;   // N: active parameters of the policy
    double prompts = 0;                // prompts in the run
    double group_size = 0;             // G: samples per prompt
    double tokens_per_sample = 0;      // mean tokens per sampled completion
    double gen_mfu_fraction = 0;       // utilisation while generating (decode is memory-bound)
    double train_mfu_fraction = 0;     // utilisation while training
    double peak_flop_per_s = 0;        // dense peak of one GPU
    double value_params_ratio = 1;     // PPO critic size as a share of the policy
    double usd_per_gpu_hour = 0;       // rental rate
};

enum RlPhase : int { RL_GENERATE, RL_REFERENCE, RL_POLICY, RL_VALUE_FORWARD, RL_VALUE_TRAIN, kRlPhaseCount };
const char* rl_phase_label(int phase);  // "rollout generation", ...

struct RlCost {
    std::array<double, kRlPhaseCount> gpu_hours{};  // per phase; value phases 0 for GRPO
    double flops = 0;
    double total_gpu_hours = 0;
    double cost_usd = 0;
};

struct RlComparison {
    double rollout_tokens = 0;     // prompts × G × tokens per sample
    RlCost grpo, ppo;
    double saved_gpu_hours = 0;    // PPO − GRPO
    double saved_fraction = 0;     // saved / PPO
};

// ---- [SECTION] Formulas ----
RlCost rl_cost(const RlInputs& in, bool with_value_model);  // false: GRPO, true: PPO
RlComparison compare_grpo_ppo(const RlInputs& in);

}  // namespace costbook
