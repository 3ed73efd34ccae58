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

// A run as the fits see it: its terms, ln MFU and group worked out once. A build refits some
// 800 times (every leave-one-out and leave-one-developer-out fit refits once per group left), so
// each refit only sums what is already here: the same values in the same order as computing
// them on the spot, so the same results to the last bit.
struct Point {
    const RunPoint* run;
    Vec x;          // features(run->q)
    double y;       // ln implied MFU
    int group;      // index of group_of(*run), in order of first appearance among the runs
    bool usable;
};
using Points = std::vector<const Point*>;

// A run without a group is a group of its own.
std::string group_of(const RunPoint& r) { return r.group.empty() ? "\x01" + r.id : r.group; }

bool usable(const RunPoint& r) { return r.implied_mfu > 0 && r.q.params_active > 0; }

struct Prepared {
    std::vector<Point> points;        // one per run, in input order
    std::vector<std::string> groups;  // Point::group indexes this
    int group_index(std::string_view g) const {
        const auto it = std::find(groups.begin(), groups.end(), g);
        return it == groups.end() ? -1 : static_cast<int>(it - groups.begin());
    }
};

Prepared prepare(const std::vector<RunPoint>& runs) {
    Prepared p;
    p.points.reserve(runs.size());
    for (const RunPoint& r : runs) {
        const std::string g = group_of(r);
        int gi = p.group_index(g);
        if (gi < 0) {
            gi = static_cast<int>(p.groups.size());
            p.groups.push_back(g);
        }
        const bool ok = usable(r);
        p.points.push_back({&r, ok ? features(r.q) : Vec{}, ok ? std::log(r.implied_mfu) : 0.0, gi, ok});
    }
    return p;
}

// Solves (XᵀX + λI′) b = Xᵀy and inverts XᵀX + λI′ by Gauss-Jordan elimination with partial
// pivoting; I′ spares b0. No runs at all: every coefficient stays 0.
Solved least_squares(const Points& runs) {
    constexpr int n = kMfuTerms;
    double a[n][2 * n + 1] = {};
    for (const Point* r : runs) {   // XᵀX is symmetric: the upper triangle, mirrored below
        const Vec& x = r->x;
        const double y = r->y;
        for (int i = 0; i < n; ++i) {
            for (int j = i; j < n; ++j) a[i][j] += x[i] * x[j];
            a[i][n] += x[i] * y;
        }
    }
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < i; ++j) a[i][j] = a[j][i];
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

double predict(const Vec& b, const Vec& x) {
    double z = 0;
    for (int i = 0; i < kMfuTerms; ++i) z += b[i] * x[i];
    return std::exp(z);
}

double leverage(const Mat& inv, const Vec& x) {
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

// Groups in order of first appearance.
std::vector<int> groups_of(const Points& runs) {
    std::vector<int> out;
    for (const Point* r : runs)
        if (std::find(out.begin(), out.end(), r->group) == out.end()) out.push_back(r->group);
    return out;
}

MfuFit fit_on(const Points& use) {
    MfuFit fit;
    const Solved all = least_squares(use);
    fit.coef = all.coef;
    fit.inverse = all.inverse;
    fit.runs = static_cast<int>(use.size());
    const auto groups = groups_of(use);
    fit.groups = static_cast<int>(groups.size());
    // Each group predicted by a fit without it, its miss divided by √(1 + its leverage there).
    std::vector<double> z;
    Points rest;
    rest.reserve(use.size());
    for (const int g : groups) {
        rest.clear();
        for (const Point* r : use)
            if (r->group != g) rest.push_back(r);
        if (rest.empty()) continue;
        const Solved s = least_squares(rest);
        for (const Point* r : use)
            if (r->group == g)
                z.push_back(std::log(r->run->implied_mfu / predict(s.coef, r->x)) / std::sqrt(1 + leverage(s.inverse, r->x)));
    }
    fit.log_p10 = quantile(z, 0.1);
    fit.log_p90 = quantile(z, 0.9);
    return fit;
}

// The usable points other than those `drop` says to leave out.
template <class Drop>
Points points_without(const Prepared& p, Drop drop) {
    Points use;
    use.reserve(p.points.size());
    for (const Point& r : p.points)
        if (r.usable && !drop(r)) use.push_back(&r);
    return use;
}

MfuFit fit_without_run(const Prepared& p, std::string_view exclude) {
    return fit_on(points_without(p, [&](const Point& r) { return r.run->id == exclude; }));
}

MfuFit fit_without_group(const Prepared& p, int group) {
    return fit_on(points_without(p, [&](const Point& r) { return r.group == group; }));
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
    return fit_without_run(prepare(runs), exclude);
}

MfuFit fit_mfu_without_group(const std::vector<RunPoint>& runs, std::string_view group) {
    const Prepared p = prepare(runs);
    return fit_without_group(p, p.group_index(group));   // a group no run has leaves none out
}

double predict_mfu(const MfuFit& fit, const MfuQuery& q) { return predict(fit.coef, features(q)); }

double mfu_interval_scale(const MfuFit& fit, const MfuQuery& q) { return std::sqrt(1 + leverage(fit.inverse, features(q))); }

Range predict_mfu_range(const MfuFit& fit, const MfuQuery& q) {
    const double m = predict_mfu(fit, q);
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
    const Prepared p = prepare(runs);
    std::vector<Range> interval;
    for (const RunPoint& r : runs) interval.push_back(predict_mfu_range(fit_without_run(p, r.id), r.q));   // ids are unique
    return score(runs, std::move(interval));
}

Accuracy leave_one_group_out(const std::vector<RunPoint>& runs) {
    const Prepared p = prepare(runs);
    std::vector<Range> interval(runs.size());
    for (int g = 0; g < static_cast<int>(p.groups.size()); ++g) {   // groups in order of first appearance
        const MfuFit fit = fit_without_group(p, g);   // every run of g held out together
        for (size_t i = 0; i < runs.size(); ++i)
            if (p.points[i].group == g) interval[i] = predict_mfu_range(fit, runs[i].q);
    }
    return score(runs, std::move(interval));
}

Accuracy flat_baseline(const std::vector<RunPoint>& runs, double mfu, bool by_group) {
    const Prepared p = prepare(runs);
    std::vector<Range> interval;
    for (size_t i = 0; i < runs.size(); ++i) {
        std::vector<double> resid;
        for (size_t j = 0; j < runs.size(); ++j)
            if ((by_group ? p.points[j].group != p.points[i].group : j != i) && p.points[j].usable)
                resid.push_back(std::log(runs[j].implied_mfu / mfu));
        interval.push_back({mfu * std::exp(quantile(resid, 0.1)), mfu, mfu * std::exp(quantile(resid, 0.9))});
    }
    return score(runs, std::move(interval));
}

}  // namespace costbook
