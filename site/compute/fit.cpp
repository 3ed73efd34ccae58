#include "compute/fit.h"

#include "costbook/estimate.h"

namespace costbook::site {

MfuQuery mfu_query(const Gpu& g, double params_active, const std::string& architecture, const std::string& precision) {
    return {g.generation == "hopper", params_active, architecture == "moe", precision == "fp8"};
}

std::vector<RunPoint> run_points(const Data& data) {
    std::vector<RunPoint> out;
    for (const Run& r : data.runs) {
        if (r.gpu_bf16_flop_per_s <= 0) continue;
        // The GPU as the run's own data set describes it (a shipped run's GPU may not be in the site).
        const double flops = training_flops(r.params_active, r.tokens);
        const MfuQuery q{r.gpu_generation == "hopper", r.params_active, r.architecture == "moe", r.precision == "fp8"};
        out.push_back({r.id, q, implied_mfu(flops, r.gpu_hours, r.gpu_bf16_flop_per_s), r.developer});
    }
    return out;
}

MfuFit mfu_fit(const Data& data, const std::string& exclude_run) { return fit_mfu(run_points(data), exclude_run); }

Range default_mfu(const Data& data, const Gpu& g, double params_active, const std::string& architecture,
                  const std::string& precision, const std::string& exclude_run) {
    // The fit measures every run against BF16 peak; a slider on FP8 peak needs the same FLOP/s.
    return mfu_of_peak(predict_mfu_range(mfu_fit(data, exclude_run), mfu_query(g, params_active, architecture, precision)),
                       g.peak("bf16"), g.peak(precision));
}

}  // namespace costbook::site
