#include "costbook/mfu_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace costbook {

namespace {
constexpr double kRidge = 1e-3;

std::array<double, kMfuTerms> features(const MfuQuery& q) {
    const double s = std::log10(q.params_active / 1e10);
    const double h = q.hopper ? 1 : 0;
    return {1, h, s, h * s, q.moe ? 1.0 : 0.0, q.fp8 ? 1.0 : 0.0};
}

// Solves (XᵀX + λI′) b = Xᵀy by Gaussian elimination with partial pivoting; I′ spares b0.
std::array<double, kMfuTerms> least_squares(const std::vector<const RunPoint*>& runs) {
    constexpr int n = kMfuTerms;
    double a[n][n + 1] = {};
    for (const RunPoint* r : runs) {
        const auto x = features(r->q);
        const double y = std::log(r->implied_mfu);
        for (int i = 0; i < n; ++i) {
            for (int j = 0; j < n; ++j) a[i][j] += x[i] * x[j];
            a[i][n] += x[i] * y;
        }
    }
    for (int i = 1; i < n; ++i) a[i][i] += kRidge;
    for (int c = 0; c < n; ++c) {
        int p = c;
        for (int r = c + 1; r < n; ++r)
            if (std::fabs(a[r][c]) > std::fabs(a[p][c])) p = r;
        for (int j = 0; j <= n; ++j) std::swap(a[c][j], a[p][j]);
        if (a[c][c] == 0) continue;   // no runs at all: every coefficient stays 0
        for (int r = 0; r < n; ++r) {
            if (r == c) continue;
            const double f = a[r][c] / a[c][c];
            for (int j = c; j <= n; ++j) a[r][j] -= f * a[c][j];
        }
    }
    std::array<double, n> b{};
    for (int i = 0; i < n; ++i) b[i] = a[i][i] != 0 ? a[i][n] / a[i][i] : 0;
    return b;
}

double predict(const std::array<double, kMfuTerms>& b, const MfuQuery& q) {
    const auto x = features(q);
    double z = 0;
    for (int i = 0; i < kMfuTerms; ++i) z += b[i] * x[i];
    return std::exp(z);
}

// Linear interpolation between order statistics (R's type 7): smooth for 20 points.
double quantile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double h = p * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(h));
    const size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

std::vector<const RunPoint*> usable(const std::vector<RunPoint>& runs, std::string_view exclude) {
    std::vector<const RunPoint*> out;
    for (const RunPoint& r : runs)
        if (r.id != exclude && r.implied_mfu > 0 && r.q.params_active > 0) out.push_back(&r);
    return out;
}

Accuracy score(const std::vector<RunPoint>& runs, std::vector<double> predicted) {
    Accuracy a;
    a.predicted_mfu = std::move(predicted);
    std::vector<double> abs_err;
    for (size_t i = 0; i < runs.size(); ++i) {
        const double e = runs[i].implied_mfu / a.predicted_mfu[i] - 1;
        a.errors.push_back(e);
        abs_err.push_back(std::fabs(e));
        if (std::fabs(e) <= 0.3) a.within_30 += 1;
    }
    if (!runs.empty()) a.within_30 /= static_cast<double>(runs.size());
    a.median_abs_error = quantile(abs_err, 0.5);
    return a;
}
}  // namespace

const char* mfu_term_name(int i) {
    static const char* const names[kMfuTerms] = {"intercept", "hopper", "size", "hopper x size", "moe", "fp8"};
    return i >= 0 && i < kMfuTerms ? names[i] : "";
}

MfuFit fit_mfu(const std::vector<RunPoint>& runs, std::string_view exclude) {
    const auto use = usable(runs, exclude);
    MfuFit fit;
    fit.runs = static_cast<int>(use.size());
    fit.coef = least_squares(use);
    std::vector<double> resid;
    for (size_t i = 0; i < use.size(); ++i) {
        std::vector<const RunPoint*> rest = use;
        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
        resid.push_back(std::log(use[i]->implied_mfu / predict(least_squares(rest), use[i]->q)));
    }
    fit.log_p10 = quantile(resid, 0.1);
    fit.log_p90 = quantile(resid, 0.9);
    return fit;
}

double predict_mfu(const MfuFit& fit, const MfuQuery& q) { return predict(fit.coef, q); }

Range predict_mfu_range(const MfuFit& fit, const MfuQuery& q) {
    const double m = predict(fit.coef, q);
    return {m * std::exp(fit.log_p10), m, m * std::exp(fit.log_p90)};
}

Range mfu_of_peak(const Range& of_bf16_peak, double bf16_peak, double peak) {
    return of_bf16_peak.scaled(peak > 0 ? bf16_peak / peak : 0);
}

std::string mfu_formula(const MfuFit& fit) {
    static const char* const vars[kMfuTerms] = {"", "hopper", "s", "hopper·s", "moe", "fp8"};
    std::string f = "ln MFU = ";
    char buf[32];
    for (int i = 0; i < kMfuTerms; ++i) {
        const double b = fit.coef[i];
        std::snprintf(buf, sizeof buf, "%.2f", std::fabs(b));
        f += i == 0 ? (b < 0 ? "−" : "") : (b < 0 ? " − " : " + ");
        f += buf;
        if (vars[i][0]) f += std::string("·") + vars[i];
    }
    return f;
}

Accuracy leave_one_out(const std::vector<RunPoint>& runs) {
    std::vector<double> predicted;
    for (const RunPoint& r : runs) predicted.push_back(predict(least_squares(usable(runs, r.id)), r.q));  // ids are unique
    return score(runs, std::move(predicted));
}

Accuracy flat_baseline(const std::vector<RunPoint>& runs, double mfu) {
    return score(runs, std::vector<double>(runs.size(), mfu));
}

}  // namespace costbook
