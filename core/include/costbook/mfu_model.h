// costbook core: a default MFU fitted on published training runs, and how wrong it is
// Index: [SECTION] Types  [SECTION] Fit  [SECTION] Accuracy
//
// A flat default MFU is off by 2-3x for many published runs. The model here is a log-linear
// fit on runs whose developers reported GPU-hours (data/runs/), with five interpretable terms:
//
//   ln MFU = b0 + b1·hopper + b2·s + b3·hopper·s + b4·moe + b5·fp8,   s = log10(N_active / 10B)
//
// MFU is measured against the GPU's dense BF16 peak for every run, FP8 ones included, so the
// fp8 term is what FP8 buys over BF16 in practice. Coefficients are least squares with a tiny
// ridge (1e-3) on the non-intercept terms, so a term no training run exercises stays at 0.
// The interval is the P10/P90 of the leave-one-out log residuals: how far off the fit was for
// runs it had not seen.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "costbook/uncertainty.h"

namespace costbook {

// ---- [SECTION] Types ----
struct MfuQuery {
    bool hopper = false;        // GPU generation: Hopper (H100, H800, H20) or Ampere (A100)
    double params_active = 0;   // parameters active per token
    bool moe = false;           // mixture of experts
    bool fp8 = false;           // trained in FP8
};

struct RunPoint {
    std::string id;
    MfuQuery q;
    double implied_mfu = 0;     // 6·N·D / (reported GPU-hours × BF16 peak)
};

constexpr int kMfuTerms = 6;
struct MfuFit {
    std::array<double, kMfuTerms> coef{};   // b0 … b5 in the order of the formula above
    double log_p10 = 0, log_p90 = 0;        // leave-one-out residual quantiles, ln(actual / predicted)
    int runs = 0;                           // runs the coefficients were fitted on
};
const char* mfu_term_name(int i);           // "intercept", "hopper", "size", "hopper x size", "moe", "fp8"

// ---- [SECTION] Fit ----
// Fits on every run whose id is not `exclude` (so a run's own estimate never saw it).
MfuFit fit_mfu(const std::vector<RunPoint>& runs, std::string_view exclude = {});
double predict_mfu(const MfuFit& fit, const MfuQuery& q);        // fraction of dense BF16 peak
Range predict_mfu_range(const MfuFit& fit, const MfuQuery& q);   // P10, prediction, P90
// An MFU of BF16 peak as a share of another peak (FP8's) that does the same FLOP/s.
Range mfu_of_peak(const Range& of_bf16_peak, double bf16_peak, double peak);
std::string mfu_formula(const MfuFit& fit);   // "ln MFU = −0.85 − 0.95·hopper − …"

// ---- [SECTION] Accuracy ----
// Error of a run = predicted GPU-hours / reported − 1 = implied MFU / predicted MFU − 1.
struct Accuracy {
    std::vector<double> predicted_mfu;   // per run, in input order
    std::vector<double> errors;          // per run
    double within_30 = 0;                // share of runs with |error| ≤ 30%
    double median_abs_error = 0;
};
Accuracy leave_one_out(const std::vector<RunPoint>& runs);     // each run predicted by a fit without it
Accuracy flat_baseline(const std::vector<RunPoint>& runs, double mfu);
// The flat default the fit is judged against: 40% of peak, a common calculator default.
constexpr double kFlatBaselineMfu = 0.40;

}  // namespace costbook
