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
//
// Runs come in groups (a developer's runs share its cluster, code and habits), so accuracy is
// judged on groups the fit never saw: leave-one-group-out holds all of a group's runs out
// together. The interval is calibrated the same way: it is the P10/P90 of the fit's
// leave-one-group-out log residuals, each divided by √(1 + h), h being the held-out run's
// leverage (how far its terms lie from the runs the fit had); at a query it is multiplied back
// by √(1 + h) of the query. So a query like many runs gets the typical miss for a developer
// the fit has not seen, and one far from the runs (few on its GPU generation, size or
// precision) a wider interval. Core knows no group by name: groups are strings from data.
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
    std::string group;          // who trained it (a developer id from data); a group is held out whole
};

constexpr int kMfuTerms = 6;
struct MfuFit {
    std::array<double, kMfuTerms> coef{};   // b0 … b5 in the order of the formula above
    std::array<std::array<double, kMfuTerms>, kMfuTerms> inverse{};   // (XᵀX + ridge)⁻¹, for leverage
    double log_p10 = 0, log_p90 = 0;        // leave-one-group-out quantiles of ln(actual / predicted) / √(1 + h)
    int runs = 0;                           // runs the coefficients were fitted on
    int groups = 0;                         // distinct groups among them
};
const char* mfu_term_name(int i);           // "intercept", "hopper", "size", "hopper x size", "moe", "fp8"

// ---- [SECTION] Fit ----
// Fits on every run whose id is not `exclude` (so a run's own estimate never saw it); the
// interval comes from leave-one-group-out over those runs.
MfuFit fit_mfu(const std::vector<RunPoint>& runs, std::string_view exclude = {});
// The same, without every run of `group`: what the fit knows of a developer it never saw.
MfuFit fit_mfu_without_group(const std::vector<RunPoint>& runs, std::string_view group);
double predict_mfu(const MfuFit& fit, const MfuQuery& q);        // fraction of dense BF16 peak
Range predict_mfu_range(const MfuFit& fit, const MfuQuery& q);   // P10, prediction, P90
double mfu_interval_scale(const MfuFit& fit, const MfuQuery& q); // √(1 + h): how much wider than at a run's own terms
// Runs on the query's GPU generation within 3× of its active parameters: the evidence near it.
int runs_near(const std::vector<RunPoint>& runs, const MfuQuery& q);
// An MFU of BF16 peak as a share of another peak (FP8's) that does the same FLOP/s.
Range mfu_of_peak(const Range& of_bf16_peak, double bf16_peak, double peak);
std::string mfu_formula(const MfuFit& fit);   // "ln MFU = −0.85 − 0.95·hopper − …"

// ---- [SECTION] Accuracy ----
// Error of a run = predicted GPU-hours / reported − 1 = implied MFU / predicted MFU − 1.
// A run is inside when its implied MFU lies in the P10-P90 printed for it (the same hours).
struct Accuracy {
    std::vector<double> predicted_mfu;   // per run, in input order
    std::vector<Range> interval;         // per run: the P10, prediction, P90 printed for it
    std::vector<double> errors;          // per run
    std::vector<bool> inside;            // per run: reported hours within the printed P10-P90
    double within_30 = 0;                // share of runs with |error| ≤ 30%
    double median_abs_error = 0;
    double coverage = 0;                 // share of runs inside their P10-P90 (80% if honest)
};
Accuracy leave_one_out(const std::vector<RunPoint>& runs);       // each run predicted by a fit without it
Accuracy leave_one_group_out(const std::vector<RunPoint>& runs); // each run by a fit without its whole group
// A flat MFU, its interval the P10-P90 of ln(implied / mfu) over the runs not held out: run by
// run, or (by_group) group by group.
Accuracy flat_baseline(const std::vector<RunPoint>& runs, double mfu, bool by_group = false);
// The flat default the fit is judged against: 40% of peak, a common calculator default.
constexpr double kFlatBaselineMfu = 0.40;

}  // namespace costbook
