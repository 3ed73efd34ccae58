#include "costbook/rl.h"

#include "costbook/estimate.h"

namespace costbook {

const char* rl_phase_label(int phase) {
    static const char* const labels[kRlPhaseCount] = {
        "Rollout generation", "Reference-model forward", "Policy update",
        "Value-model forward", "Value-model update"};
    return phase >= 0 && phase < kRlPhaseCount ? labels[phase] : "";
}

RlCost rl_cost(const RlInputs& in, bool with_value_model) {
    const double tokens = in.prompts * in.group_size * in.tokens_per_sample;
    const double n = in.policy_params_active;
    const double nv = n * in.value_params_ratio;
    double flops[kRlPhaseCount] = {
        2.0 * n * tokens,   // generate: a forward pass per token
        2.0 * n * tokens,   // reference model scores every token for the KL term
        6.0 * n * tokens,   // policy: forward + backward
        with_value_model ? 2.0 * nv * tokens : 0.0,
        with_value_model ? 6.0 * nv * tokens : 0.0,
    };
    RlCost c;
    for (int p = 0; p < kRlPhaseCount; ++p) {
        const double mfu = p == RL_GENERATE ? in.gen_mfu_fraction : in.train_mfu_fraction;
        c.gpu_hours[p] = flops[p] > 0 ? gpu_hours_for(flops[p], in.peak_flop_per_s, mfu) : 0;
        c.flops += flops[p];
        c.total_gpu_hours += c.gpu_hours[p];
    }
    c.cost_usd = c.total_gpu_hours * in.usd_per_gpu_hour;
    return c;
}

RlComparison compare_grpo_ppo(const RlInputs& in) {
    RlComparison r;
    r.rollout_tokens = in.prompts * in.group_size * in.tokens_per_sample;
    r.grpo = rl_cost(in, false);
    r.ppo = rl_cost(in, true);
    r.saved_gpu_hours = r.ppo.total_gpu_hours - r.grpo.total_gpu_hours;
    r.saved_fraction = r.ppo.total_gpu_hours > 0 ? r.saved_gpu_hours / r.ppo.total_gpu_hours : 0;
    return r;
}

}  // namespace costbook
