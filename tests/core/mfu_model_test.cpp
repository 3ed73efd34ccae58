// The default-MFU fit: it recovers a known model, leaves unexercised terms alone, holds a
// developer's runs out together, and on the published runs in data/runs/ it beats a flat default
// when judged on developers it has not seen, with a P10-P90 that contains about 80% of them.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "../fixture.h"
#include "compute/fit.h"
#include "costbook/estimate.h"
#include "costbook/format.h"
#include "costbook/mfu_model.h"

using namespace costbook;

namespace {
// Runs whose MFU follows known coefficients exactly, on a grid of the five terms.
std::vector<RunPoint> synthetic(const std::array<double, kMfuTerms>& b) {
    std::vector<RunPoint> runs;
    int n = 0;
    for (bool hopper : {false, true})
        for (double params : {7e9, 30e9, 70e9, 400e9})
            for (bool moe : {false, true})
                for (bool fp8 : {false, true}) {
                    const double s = std::log10(params / 1e10), h = hopper ? 1 : 0;
                    const double z = b[0] + b[1] * h + b[2] * s + b[3] * h * s + b[4] * (moe ? 1 : 0) + b[5] * (fp8 ? 1 : 0);
                    runs.push_back({"run-" + std::to_string(n++), {hopper, params, moe, fp8}, std::exp(z)});
                }
    return runs;
}
}  // namespace

TEST_CASE("the fit recovers the coefficients runs were made from, and predicts them exactly") {
    const std::array<double, kMfuTerms> b = {-0.9, -0.5, 0.1, 0.4, -0.2, 0.3};
    const auto runs = synthetic(b);
    const MfuFit fit = fit_mfu(runs);
    CHECK(fit.runs == 32);
    for (int i = 0; i < kMfuTerms; ++i) CHECK_MESSAGE(fit.coef[i] == doctest::Approx(b[i]).epsilon(0.01), mfu_term_name(i));
    const Accuracy loo = leave_one_out(runs);
    CHECK(loo.within_30 == 1.0);
    CHECK(loo.median_abs_error < 0.01);
    CHECK(fit.log_p90 - fit.log_p10 < 0.01);   // no scatter, no interval
    CHECK(predict_mfu(fit, {true, 37e9, true, true}) ==
          doctest::Approx(std::exp(b[0] + b[1] + (b[2] + b[3]) * std::log10(3.7) + b[4] + b[5])).epsilon(0.01));
}

TEST_CASE("a term no run exercises stays 0, and excluding a run changes the fit") {
    auto runs = synthetic({-0.9, -0.5, 0.1, 0.4, -0.2, 0.3});
    std::vector<RunPoint> dense_bf16;
    for (const RunPoint& r : runs)
        if (!r.q.moe && !r.q.fp8) dense_bf16.push_back(r);
    const MfuFit fit = fit_mfu(dense_bf16);
    CHECK(fit.coef[4] == doctest::Approx(0).epsilon(1e-9));
    CHECK(fit.coef[5] == doctest::Approx(0).epsilon(1e-9));
    CHECK(fit.coef[1] == doctest::Approx(-0.5).epsilon(0.01));
    runs[0].implied_mfu *= 3;   // one run far off the pattern
    CHECK(fit_mfu(runs).coef[0] != doctest::Approx(fit_mfu(runs, runs[0].id).coef[0]).epsilon(1e-6));
    CHECK(fit_mfu(runs, runs[0].id).runs == 31);
}

TEST_CASE("the interval contains the prediction and widens where runs are few") {
    const auto points = site::run_points(fixture::data());
    const MfuFit fit = fit_mfu(points);
    CHECK(fit.log_p10 < 0);
    CHECK(fit.log_p90 > 0);
    const MfuQuery typical = points.front().q, far = {true, 2e12, true, true};   // 2T active on Hopper: no run near it
    const Range r = predict_mfu_range(fit, typical);
    CHECK(r.low < r.likely);
    CHECK(r.likely < r.high);
    CHECK(runs_near(points, far) == 0);
    CHECK(runs_near(points, typical) >= 3);
    CHECK(mfu_interval_scale(fit, far) > mfu_interval_scale(fit, typical));
    const Range w = predict_mfu_range(fit, far);
    CHECK(std::log(w.high / w.low) > std::log(r.high / r.low));
}

TEST_CASE("a developer's runs are held out together") {
    // Two developers: "clean" runs follow known coefficients exactly, "odd"'s four runs are 3x
    // off them. Held out by developer, an odd run is predicted from clean runs only, so exactly
    // on the pattern; held out alone, it is pulled toward its sibling odd runs.
    const std::array<double, kMfuTerms> b = {-0.9, -0.5, 0.1, 0.4, -0.2, 0.3};
    auto runs = synthetic(b);
    for (RunPoint& r : runs) r.group = "clean";
    std::vector<size_t> odd;
    for (size_t i = 0; i < runs.size(); ++i)
        if (!runs[i].q.moe && !runs[i].q.fp8 && runs[i].q.params_active < 50e9) {   // 4 dense BF16 runs
            runs[i].group = "odd";
            runs[i].implied_mfu *= 3;
            odd.push_back(i);
        }
    REQUIRE(odd.size() == 4);
    const Accuracy by_dev = leave_one_group_out(runs), by_run = leave_one_out(runs);
    const MfuFit without_odd = fit_mfu_without_group(runs, "odd");
    CHECK(without_odd.runs == static_cast<int>(runs.size() - odd.size()));
    CHECK(without_odd.groups == 1);
    for (size_t i : odd) {
        const double clean = runs[i].implied_mfu / 3;
        CHECK(by_dev.predicted_mfu[i] == doctest::Approx(clean).epsilon(1e-3));
        CHECK(by_dev.predicted_mfu[i] == doctest::Approx(predict_mfu(without_odd, runs[i].q)).epsilon(1e-12));
        CHECK(by_run.predicted_mfu[i] > clean * 1.1);                    // it saw the other odd runs
        CHECK(by_dev.errors[i] == doctest::Approx(2).epsilon(1e-3));    // 3x the clean pattern: +200%
    }
    SUBCASE("on the published runs, each developer's fit has none of its runs") {
        const auto points = site::run_points(fixture::data());
        for (const costbook::site::Developer& dev : fixture::data().developers) {
            int own = 0;
            for (const RunPoint& p : points) own += p.group == dev.id;
            CHECK_MESSAGE(fit_mfu_without_group(points, dev.id).runs == static_cast<int>(points.size()) - own, dev.id);
        }
    }
}

TEST_CASE("held out by developer, the fitted default beats a flat 40% and its P10-P90 is honest") {
    const auto& d = fixture::data();
    const auto points = site::run_points(d);
    REQUIRE(points.size() >= 24);
    std::vector<std::string> devs;
    for (const RunPoint& p : points) {
        CHECK_MESSAGE(!p.group.empty(), p.id);   // every run names its developer
        if (std::find(devs.begin(), devs.end(), p.group) == devs.end()) devs.push_back(p.group);
    }
    CHECK(devs.size() >= 8);
    const Accuracy fit = leave_one_group_out(points), flat = flat_baseline(points, kFlatBaselineMfu, true);
    MESSAGE("leave-one-developer-out over ", points.size(), " runs of ", devs.size(), " developers: fitted ",
            format_percent(fit.within_30), " within ±30%, median error ", format_percent(fit.median_abs_error),
            ", P10-P90 contains ", format_percent(fit.coverage), "; flat 40%: ", format_percent(flat.within_30),
            " within ±30%, median error ", format_percent(flat.median_abs_error), ", P10-P90 contains ",
            format_percent(flat.coverage));
    CHECK(fit.within_30 > flat.within_30);
    CHECK(fit.median_abs_error < flat.median_abs_error);
    // An honest 80% interval contains about 80% of runs from developers the fit never saw.
    CHECK(fit.coverage >= 0.70);
    CHECK(fit.coverage <= 0.90);
    // Coverage counts the runs whose implied MFU (so reported hours) lies in the printed P10-P90.
    int inside = 0;
    for (size_t i = 0; i < points.size(); ++i) {
        CHECK(fit.interval[i].low <= fit.interval[i].likely);
        CHECK(fit.interval[i].likely <= fit.interval[i].high);
        inside += points[i].implied_mfu >= fit.interval[i].low && points[i].implied_mfu <= fit.interval[i].high;
    }
    CHECK(fit.coverage == doctest::Approx(static_cast<double>(inside) / static_cast<double>(points.size())));
}

TEST_CASE("a run reported as GPUs x days has the hours of its phases") {
    int checked = 0;
    for (const costbook::site::Run& r : fixture::data().runs) {
        if (r.reported != "gpus x days") continue;
        REQUIRE(r.gpus.size() == r.days.size());
        double hours = 0;
        for (size_t i = 0; i < r.gpus.size(); ++i) hours += r.gpus[i] * r.days[i] * 24;
        CHECK_MESSAGE(r.gpu_hours == doctest::Approx(hours), r.id);
        ++checked;
    }
    CHECK(checked >= 1);
    CHECK(gpu_hours_of_phases({512, 1024}, {9.5, 35}) == doctest::Approx(512 * 9.5 * 24 + 1024 * 35 * 24));
}

TEST_CASE("on the published runs, the fitted default beats a flat 40% on runs it has not seen") {
    const auto& d = fixture::data();
    const auto points = site::run_points(d);
    REQUIRE(points.size() >= 12);
    int hopper = 0, moe = 0, fp8 = 0;
    for (const RunPoint& p : points) { hopper += p.q.hopper; moe += p.q.moe; fp8 += p.q.fp8; }
    CHECK(hopper >= 4);
    CHECK(points.size() - hopper >= 4);   // Ampere
    CHECK(moe >= 3);
    CHECK(fp8 >= 1);
    // V3's run is read from its model file: 6·37B·14.8T over 2,664K H800-hours at BF16 peak.
    const costbook::site::Model* v3 = d.model("deepseek-v3");
    for (const RunPoint& p : points)
        if (p.id == "deepseek-v3")
            CHECK(p.implied_mfu == doctest::Approx(implied_mfu(training_flops(v3->params_active, v3->tokens),
                                                               v3->ledger.stages[0].gpu_hours, d.gpu("h800")->peak("bf16"))));
    const Accuracy fit = leave_one_out(points), flat = flat_baseline(points, kFlatBaselineMfu);
    MESSAGE("leave-one-out over ", points.size(), " runs: fitted ", format_percent(fit.within_30), " within ±30%, median error ",
            format_percent(fit.median_abs_error), "; flat 40%: ", format_percent(flat.within_30), " within ±30%, median error ",
            format_percent(flat.median_abs_error));
    CHECK(fit.within_30 > flat.within_30);
    CHECK(fit.median_abs_error < flat.median_abs_error);
}

TEST_CASE("the formula names every term with its sign") {
    MfuFit fit;
    fit.coef = {-0.85, -0.95, -0.04, 0.6, 0.03, 0.29};
    CHECK(mfu_formula(fit) == "ln MFU = −0.85 − 0.95·hopper − 0.04·s + 0.60·hopper·s + 0.03·moe + 0.29·fp8");
}

TEST_CASE("a span says a shared unit once") {
    CHECK(format_span("2.492M GPU-hours", "4.082M GPU-hours") == "2.492M–4.082M GPU-hours");
    CHECK(format_span("11.3%", "18.5%") == "11.3%–18.5%");
    CHECK(format_span("$1.70", "$2.99") == "$1.70–$2.99");
    CHECK(format_span("900 GPU-hours", "1 days") == "900 GPU-hours–1 days");
}
