#include "costbook/estimate.h"

#include <cmath>

namespace costbook {

double training_flops(double params_active, double tokens) { return 6.0 * params_active * tokens; }

double attention_flops(double layers, double seq_len, double attn_dim, double tokens) {
    return 6.0 * layers * seq_len * attn_dim * tokens;
}

double gpu_hours_for(double flops, double peak_flop_per_s, double mfu_fraction) {
    return flops / (peak_flop_per_s * mfu_fraction) / 3600.0;
}

double gpu_hours_of_phases(const std::vector<double>& gpus, const std::vector<double>& days) {
    double h = 0;
    for (size_t i = 0; i < gpus.size() && i < days.size(); ++i) h += gpus[i] * days[i] * 24;
    return h;
}

double implied_mfu(double flops, double gpu_hours, double peak_flop_per_s) {
    return flops / (gpu_hours * 3600.0 * peak_flop_per_s);
}

Estimate estimate_training(const EstimateInputs& in) {
    Estimate e;
    e.flops = training_flops(in.params_active, in.tokens);
    if (in.attn_layers > 0 && in.attn_seq_len > 0 && in.attn_dim > 0)
        e.flops += attention_flops(in.attn_layers, in.attn_seq_len, in.attn_dim, in.tokens);
    e.gpu_hours = gpu_hours_for(e.flops, in.peak_flop_per_s, in.mfu_fraction);
    e.wall_hours = in.gpus > 0 ? e.gpu_hours / in.gpus : 0;
    e.cost_usd = e.gpu_hours * in.usd_per_gpu_hour;
    return e;
}

Result<Estimate> checked_estimate(const EstimateInputs& in) {
    const struct { const char* field; double v; bool positive; } checks[] = {
        {"params_active", in.params_active, true}, {"tokens", in.tokens, true},
        {"peak_flop_per_s", in.peak_flop_per_s, true}, {"mfu", in.mfu_fraction, true},
        {"gpus", in.gpus, false}, {"rate", in.usd_per_gpu_hour, false}};
    for (const auto& c : checks) {
        if (!std::isfinite(c.v) || c.v < 0 || (c.positive && c.v == 0))
            return Result<Estimate>::fail(std::string("`") + c.field + "` must be a finite number" +
                                          (c.positive ? " above 0" : ", 0 or more"), {}, c.field);
    }
    if (in.mfu_fraction > 1)
        return Result<Estimate>::fail("`mfu` is a fraction of peak and must be at most 1",
                                      "write 35% as 0.35", "mfu");
    return Result<Estimate>::ok(estimate_training(in));
}

Range gpu_hours_range(double flops, double peak_flop_per_s, const Range& mfu) {
    return {gpu_hours_for(flops, peak_flop_per_s, mfu.high), gpu_hours_for(flops, peak_flop_per_s, mfu.likely),
            gpu_hours_for(flops, peak_flop_per_s, mfu.low)};
}

}  // namespace costbook
