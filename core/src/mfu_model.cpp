#include "costbook/mfu_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace costbook {

namespace {
constexpr double kRidge = 1e-3;
constexpr double kMaxLeverage = 1e6;   // a term no run exercises: the interval is huge, not infinite

using Vec = std::array<double, kMfuTerms>;
using Mat = std::array<Vec, kMfuTerms>;

Vec features(const MfuQuery& q) {
    const double s = std::log10(q.params_active / 1e10);
    const double h = q.hopper ? 1 : 0;
    return {1, h, s, h * s, q.moe ? 1.0 : 0.0, q.fp8 ? 1.0 : 0.0};
}

struct Solved {
    Vec coef{};
    Mat inverse{};
};

// Solves (XᵀX + λI′) b = Xᵀy and inverts XᵀX + λI′ by Gauss-Jordan elimination with partial
// pivoting; I′ spares b0. No runs at all: every coefficient stays 0.
Solved least_squares(const std::vector<const RunPoint*>& runs) {
    constexpr int n = kMfuTerms;
    double a[n][2 * n + 1] = {};
    for (const RunPoint* r : runs) {
        const Vec x = features(r->q);
        const double y = std::log(r->implied_mfu);
        for (int i = 0; i < n; ++i) {
            for (int j = 0; j < n; ++j) a[i][j] += x[i] * x[j];
            a[i][n] += x[i] * y;
        }
    }
    for (int i = 1; i < n; ++i) a[i][i] += kRidge;
    for (int i = 0; i < n; ++i) a[i][n + 1 + i] = 1;
    for (int c = 0; c < n; ++c) {
        int p = c;
        for (int r = c + 1; r < n; ++r)
            if (std::fabs(a[r][c]) > std::fabs(a[p][c])) p = r;
        for (int j = 0; j <= 2 * n; ++j) std::swap(a[c][j], a[p][j]);
        if (a[c][c] == 0) continue;
        for (int r = 0; r < n; ++r) {
            if (r == c) continue;
            const double f = a[r][c] / a[c][c];
            for (int j = c; j <= 2 * n; ++j) a[r][j] -= f * a[c][j];
        }
    }
    Solved s;
    for (int i = 0; i < n; ++i) {
        if (a[i][i] == 0) continue;
        s.coef[i] = a[i][n] / a[i][i];
        for (int j = 0; j < n; ++j) s.inverse[i][j] = a[i][n + 1 + j] / a[i][i];
    }
    return s;
}

double predict(const Vec& b, const MfuQuery& q) {
    const Vec x = features(q);
    double z = 0;
    for (int i = 0; i < kMfuTerms; ++i) z += b[i] * x[i];
    return std::exp(z);
}

double leverage(const Mat& inv, const MfuQuery& q) {
    const Vec x = features(q);
    double h = 0;
    for (int i = 0; i < kMfuTerms; ++i)
        for (int j = 0; j < kMfuTerms; ++j) h += x[i] * inv[i][j] * x[j];
    return std::clamp(h, 0.0, kMaxLeverage);
}

// Linear interpolation between order statistics (R's type 7): smooth for a few dozen points.
double quantile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double h = p * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(h));
    const size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

// A run without a group is a group of its own.
std::string group_of(const RunPoint& r) { return r.group.empty() ? "\x01" + r.id : r.group; }

bool usable(const RunPoint& r) { return r.implied_mfu > 0 && r.q.params_active > 0; }

// Groups in order of first appearance.
std::vector<std::string> groups_of(const std::vector<const RunPoint*>& runs) {
    std::vector<std::string> out;
    for (const RunPoint* r : runs)
        if (std::find(out.begin(), out.end(), group_of(*r)) == out.end()) out.push_back(group_of(*r));
    return out;
}

MfuFit fit_on(const std::vector<const RunPoint*>& use) {
    MfuFit fit;
    const Solved all = least_squares(use);
    fit.coef = all.coef;
    fit.inverse = all.inverse;
    fit.runs = static_cast<int>(use.size());
    const auto groups = groups_of(use);
    fit.groups = static_cast<int>(groups.size());
    // Each group predicted by a fit without it, its miss divided by √(1 + its leverage there).
    std::vector<double> z;
    for (const std::string& g : groups) {
        std::vector<const RunPoint*> rest;
        for (const RunPoint* r : use)
            if (group_of(*r) != g) rest.push_back(r);
        if (rest.empty()) continue;
        const Solved s = least_squares(rest);
        for (const RunPoint* r : use)
            if (group_of(*r) == g)
                z.push_back(std::log(r->implied_mfu / predict(s.coef, r->q)) / std::sqrt(1 + leverage(s.inverse, r->q)));
    }
    fit.log_p10 = quantile(z, 0.1);
    fit.log_p90 = quantile(z, 0.9);
    return fit;
}

Accuracy score(const std::vector<RunPoint>& runs, std::vector<Range> interval) {
    Accuracy a;
    a.interval = std::move(interval);
    std::vector<double> abs_err;
    for (size_t i = 0; i < runs.size(); ++i) {
        const Range& r = a.interval[i];
        const double m = runs[i].implied_mfu;
        const double e = m / r.likely - 1;
        a.predicted_mfu.push_back(r.likely);
        a.errors.push_back(e);
        abs_err.push_back(std::fabs(e));
        a.inside.push_back(m >= r.low * (1 - 1e-12) && m <= r.high * (1 + 1e-12));
        if (std::fabs(e) <= 0.3) a.within_30 += 1;
        if (a.inside.back()) a.coverage += 1;
    }
    if (!runs.empty()) {
        a.within_30 /= static_cast<double>(runs.size());
        a.coverage /= static_cast<double>(runs.size());
    }
    a.median_abs_error = quantile(abs_err, 0.5);
    return a;
}
}  // namespace

const char* mfu_term_name(int i) {
    static const char* const names[kMfuTerms] = {"intercept", "hopper", "size", "hopper x size", "moe", "fp8"};
    return i >= 0 && i < kMfuTerms ? names[i] : "";
}

MfuFit fit_mfu(const std::vector<RunPoint>& runs, std::string_view exclude) {
    std::vector<const RunPoint*> use;
    for (const RunPoint& r : runs)
        if (r.id != exclude && usable(r)) use.push_back(&r);
    return fit_on(use);
}

MfuFit fit_mfu_without_group(const std::vector<RunPoint>& runs, std::string_view group) {
    std::vector<const RunPoint*> use;
    for (const RunPoint& r : runs)
        if (group_of(r) != group && usable(r)) use.push_back(&r);
    return fit_on(use);
}

double predict_mfu(const MfuFit& fit, const MfuQuery& q) { return predict(fit.coef, q); }

double mfu_interval_scale(const MfuFit& fit, const MfuQuery& q) { return std::sqrt(1 + leverage(fit.inverse, q)); }

Range predict_mfu_range(const MfuFit& fit, const MfuQuery& q) {
    const double m = predict(fit.coef, q);
    const double k = mfu_interval_scale(fit, q);
    return {m * std::exp(fit.log_p10 * k), m, m * std::exp(fit.log_p90 * k)};
}

int runs_near(const std::vector<RunPoint>& runs, const MfuQuery& q) {
    int n = 0;
    for (const RunPoint& r : runs)
        if (usable(r) && q.params_active > 0 && r.q.hopper == q.hopper &&
            std::fabs(std::log10(r.q.params_active / q.params_active)) <= std::log10(3.0) + 1e-12)
            ++n;
    return n;
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
    std::vector<Range> interval;
    for (const RunPoint& r : runs) interval.push_back(predict_mfu_range(fit_mfu(runs, r.id), r.q));   // ids are unique
    return score(runs, std::move(interval));
}

Accuracy leave_one_group_out(const std::vector<RunPoint>& runs) {
    std::vector<Range> interval(runs.size());
    std::vector<std::string> done;
    for (const RunPoint& r : runs) {
        const std::string g = group_of(r);
        if (std::find(done.begin(), done.end(), g) != done.end()) continue;
        done.push_back(g);
        const MfuFit fit = fit_mfu_without_group(runs, g);   // every run of g held out together
        for (size_t i = 0; i < runs.size(); ++i)
            if (group_of(runs[i]) == g) interval[i] = predict_mfu_range(fit, runs[i].q);
    }
    return score(runs, std::move(interval));
}

Accuracy flat_baseline(const std::vector<RunPoint>& runs, double mfu, bool by_group) {
    std::vector<Range> interval;
    for (size_t i = 0; i < runs.size(); ++i) {
        std::vector<double> resid;
        for (size_t j = 0; j < runs.size(); ++j)
            if ((by_group ? group_of(runs[j]) != group_of(runs[i]) : j != i) && usable(runs[j]))
                resid.push_back(std::log(runs[j].implied_mfu / mfu));
        interval.push_back({mfu * std::exp(quantile(resid, 0.1)), mfu, mfu * std::exp(quantile(resid, 0.9))});
    }
    return score(runs, std::move(interval));
}

}  // namespace costbook
