// costbook estimate: training compute from first principles, with the MFU it assumed.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cmd/cli.h"
#include "cmd/report.h"
#include "compute/fit.h"
#include "compute/scenario.h"
#include "costbook/estimate.h"
#include "costbook/format.h"
#include "costbook/mfu_model.h"
#include "load/data.h"

namespace costbook::site {


namespace {
// The evidence behind the default MFU: each run, who trained it and how its hours were
// reported, what the fit predicts for it without its developer's runs (and the P10-P90 it
// printed), and the fit's accuracy by developer and by run against a flat default.
int print_runs(const Data& data, bool json) {
    const auto points = run_points(data);
    const MfuFit fit = mfu_fit(data);
    const Accuracy dev = leave_one_group_out(points), run = leave_one_out(points);
    const Accuracy flat_dev = flat_baseline(points, kFlatBaselineMfu, true), flat_run = flat_baseline(points, kFlatBaselineMfu);
    const auto summary = [](const Accuracy& a) {
        return nlohmann::ordered_json{{"within_30", a.within_30}, {"median_abs_error", a.median_abs_error}, {"coverage", a.coverage}};
    };
    if (json) {
        nlohmann::ordered_json j = {{"formula", mfu_formula(fit)}, {"coefficients", nlohmann::ordered_json::object()}};
        for (int i = 0; i < kMfuTerms; ++i) j["coefficients"][mfu_term_name(i)] = fit.coef[i];
        j["interval"] = {{"log_p10", fit.log_p10}, {"log_p90", fit.log_p90},
                         {"what", "P10-P90 of leave-one-developer-out log errors, each over sqrt(1 + leverage)"}};
        j["developers"] = fit.groups;
        j["runs"] = nlohmann::ordered_json::array();
        for (size_t i = 0; i < points.size(); ++i) {
            const Run& r = *data.run(points[i].id);
            j["runs"].push_back({{"id", r.id}, {"developer", r.developer}, {"reported", r.reported}, {"gpu", r.gpu},
                                 {"precision", r.precision}, {"architecture", r.architecture},
                                 {"params_active", r.params_active}, {"tokens", r.tokens}, {"gpu_hours", r.gpu_hours},
                                 {"source", r.cite.source}, {"implied_mfu", points[i].implied_mfu},
                                 {"loo_mfu", run.predicted_mfu[i]}, {"loo_error", run.errors[i]},
                                 {"lodo_mfu", dev.predicted_mfu[i]}, {"lodo_error", dev.errors[i]},
                                 {"lodo_mfu_p10", dev.interval[i].low}, {"lodo_mfu_p90", dev.interval[i].high},
                                 {"lodo_inside", static_cast<bool>(dev.inside[i])}});
        }
        j["lodo"] = summary(dev);
        j["loo"] = summary(run);
        j["flat"] = {{"mfu", kFlatBaselineMfu}, {"within_30", flat_run.within_30}, {"median_abs_error", flat_run.median_abs_error},
                     {"coverage", flat_run.coverage}, {"lodo", summary(flat_dev)}};
        std::cout << j.dump(2) << "\n";
        return kExitOk;
    }
    std::printf("%-16s %-11s %-11s %-9s %-4s %-5s %6s %7s %12s %7s %8s %8s %7s %13s %s\n", "run", "developer", "reported", "gpu",
                "prec", "arch", "active", "tokens", "GPU-hours", "implied", "run out", "dev out", "error", "P10-P90", "in");
    for (size_t i = 0; i < points.size(); ++i) {
        const Run& r = *data.run(points[i].id);
        const std::string reported = r.reported == "gpus x days" ? "GPUs x days" : r.reported == "gpu-hours" ? "GPU-hours" : "per 1T tok";
        std::printf("%-16s %-11s %-11s %-9s %-4s %-5s %6s %7s %12s %7s %8s %8s %7s %13s %s\n", r.id.c_str(), r.developer.c_str(),
                    reported.c_str(), r.gpu.c_str(), r.precision.c_str(), r.architecture.c_str(), format_params(r.params_active).c_str(),
                    format_sig(r.tokens, 3).c_str(), format_gpu_hours(r.gpu_hours).c_str(),
                    format_percent(points[i].implied_mfu).c_str(), format_percent(run.predicted_mfu[i]).c_str(),
                    format_percent(dev.predicted_mfu[i]).c_str(), format_signed_percent(dev.errors[i]).c_str(),
                    format_span(format_percent(dev.interval[i].low), format_percent(dev.interval[i].high)).c_str(),
                    dev.inside[i] ? "yes" : "no");
    }
    const auto line = [](const char* what, const Accuracy& a, size_t n) {
        std::cout << "  " << what << format_percent(a.within_30) << " of " << n << " runs within ±30%, median error "
                  << format_percent(a.median_abs_error) << ", P10-P90 contains " << format_percent(a.coverage) << "\n";
    };
    std::cout << "\n" << mfu_formula(fit) << "   (s = log10(active parameters / 10B); MFU of dense BF16 peak)\n"
              << "by developer (all of a developer's runs held out together; " << fit.groups << " developers):\n";
    line("fitted default: ", dev, points.size());
    line(("flat " + format_percent(kFlatBaselineMfu) + ":      ").c_str(), flat_dev, points.size());
    std::cout << "by run (each run held out alone; it knows the run's developer from its other runs):\n";
    line("fitted default: ", run, points.size());
    line(("flat " + format_percent(kFlatBaselineMfu) + ":      ").c_str(), flat_run, points.size());
    std::cout << "error = predicted GPU-hours / reported − 1, predicted without the run's developer; P10-P90: the interval\n"
                 "printed for it then (an honest one contains 80% of runs); flat 40%'s interval is the spread of the\n"
                 "other developers' runs around 40%. Sources: data/runs/, data/developers.toml\n";
    return kExitOk;
}
}  // namespace

int cmd_estimate(const EstimateOptions& given) {
    const auto data = load_or_report(given.site);
    if (!data) return kExitBadInput;
    if (given.runs) return print_runs(*data, given.json);
    EstimateOptions o = given;
    if (!o.model.empty()) {
        const Model* m = data->model(o.model);
        if (!m) {
            print_error("unknown model `" + o.model + "`; valid models: " + data->model_ids());
            return kExitUsage;
        }
        if (o.params_active <= 0) o.params_active = m->params_active;
        if (o.tokens <= 0) o.tokens = m->tokens;
        if (o.gpu.empty()) o.gpu = m->gpu;
        if (o.precision.empty()) o.precision = m->precision;
        if (o.architecture.empty()) o.architecture = m->architecture;
        if (o.gpus <= 0) o.gpus = m->gpus;
        // The first stage is the pre-training run the tokens describe.
        if (o.reported_gpu_hours <= 0 && !m->ledger.stages.empty()) o.reported_gpu_hours = m->ledger.stages[0].gpu_hours;
        if (o.params_active <= 0 || o.tokens <= 0) {
            print_error("`" + o.model + "` does not report its active parameters and tokens", "give --params-active and --tokens");
            return kExitUsage;
        }
    }
    if (o.gpu.empty()) o.gpu = "h800";
    if (o.precision.empty()) o.precision = "bf16";
    if (o.architecture.empty()) o.architecture = "dense";
    if (o.params_active <= 0 || o.tokens <= 0) {
        print_error("give --params-active and --tokens, or --model");
        return kExitUsage;
    }
    const Gpu* gpu = data->gpu(o.gpu);
    if (!gpu) {
        print_error("unknown GPU `" + o.gpu + "`; valid GPUs: " + data->gpu_ids());
        return kExitUsage;
    }
    if (o.precision != "bf16" && o.precision != "fp8") {
        print_error("unknown precision `" + o.precision + "`; valid precisions: bf16, fp8");
        return kExitUsage;
    }
    if (gpu->peak(o.precision) <= 0) {
        print_error(gpu->name + " has no " + o.precision + " peak in data", "use --precision bf16");
        return kExitUsage;
    }
    EstimateInputs in;
    in.params_active = o.params_active;
    in.tokens = o.tokens;
    in.peak_flop_per_s = gpu->peak(o.precision);
    const bool fitted = o.mfu <= 0;
    // A model that is one of data/runs/ is estimated by a fit that never saw its run.
    const std::string held_out = data->run(o.model) ? o.model : "";
    const MfuFit fit = mfu_fit(*data, held_out);
    const Range mfu = fitted ? default_mfu(*data, *gpu, o.params_active, o.architecture, o.precision, held_out)
                                  : Range::point(o.mfu);
    in.mfu_fraction = mfu.likely;
    in.gpus = o.gpus;
    // The one rate rule (compute/scenario.h), as the model's page and the comparisons use it.
    const Model* model = o.model.empty() ? nullptr : data->model(o.model);
    ModelRate rate;
    if (o.rate > 0) rate = {o.rate, "", false, "given", false, ""};
    else if (model) rate = model_rate(*data, *model, gpu);
    else rate = {gpu->rental_usd_per_gpu_hour.likely, gpu->rental.assumption ? "assumption" : gpu->rental.source, false,
                 "the " + gpu->name + "'s likely rental rate", gpu->rental.assumption, gpu->rental.reason};
    in.usd_per_gpu_hour = rate.usd_per_gpu_hour;
    const Result<Estimate> e = checked_estimate(in);
    if (!e) {
        print_error(e.error.message, e.error.help);
        return kExitUsage;
    }
    const Range hours = gpu_hours_range(e->flops, in.peak_flop_per_s, mfu);
    const Range cost = hours.scaled(in.usd_per_gpu_hour);
    const std::string mfu_why =
        !fitted ? "given"
                     : "fitted on " + std::to_string(fit.runs) + " published runs" +
                           (held_out.empty() ? "" : " (without " + held_out + "'s own)") + ", " + gpu->generation + " " +
                           o.architecture + " " + o.precision;
    const double implied = o.reported_gpu_hours > 0 ? implied_mfu(e->flops, o.reported_gpu_hours, in.peak_flop_per_s) : 0;
    const auto span = [](const Range& r, std::string (*f)(double)) { return format_span(f(r.low), f(r.high)); };
    // How much evidence sits near this query: runs on its GPU generation within 3x of its size,
    // and how much wider than the typical miss its interval is for being far from them.
    const MfuQuery q = mfu_query(*gpu, o.params_active, o.architecture, o.precision);
    std::vector<RunPoint> others;
    for (const RunPoint& p : run_points(*data))
        if (p.id != held_out) others.push_back(p);
    const int near = runs_near(others, q);
    const double scale = mfu_interval_scale(fit, q);

    if (o.json) {
        nlohmann::ordered_json j = {
            {"params_active", in.params_active}, {"tokens", in.tokens}, {"gpu", gpu->id}, {"precision", o.precision},
            {"peak_flop_per_s", in.peak_flop_per_s}, {"flops", e->flops}, {"gpu_hours", e->gpu_hours},
            {"architecture", o.architecture}, {"mfu", in.mfu_fraction}, {"mfu_default", fitted},
            {"mfu_reason", mfu_why}, {"usd_per_gpu_hour", in.usd_per_gpu_hour}, {"rate_rule", rate.rule},
            {"rate_source", rate.source}, {"cost_usd", e->cost_usd}};
        if (fitted) {
            j["interval"] = {{"what", "P10-P90 of the fit's errors on developers it had not seen, scaled by sqrt(1 + leverage)"},
                             {"scale", scale}, {"runs_near", near},
                             {"mfu", {mfu.low, mfu.high}}, {"gpu_hours", {hours.low, hours.high}},
                             {"cost_usd", {cost.low, cost.high}}};
            j["fit"] = {{"runs", fit.runs}, {"formula", mfu_formula(fit)}, {"held_out", held_out}};
        }
        if (o.gpus > 0) { j["gpus"] = o.gpus; j["wall_hours"] = e->wall_hours; }
        if (implied > 0) { j["reported_gpu_hours"] = o.reported_gpu_hours; j["implied_mfu"] = implied; }
        j["text"] = {{"flops", format_flop(e->flops)}, {"gpu_hours", format_gpu_hours(e->gpu_hours)},
                     {"mfu", format_percent(in.mfu_fraction)}, {"cost_usd", format_usd(e->cost_usd)}};
        if (fitted)
            j["text"]["interval"] = {{"mfu", span(mfu, format_percent)}, {"gpu_hours", span(hours, format_gpu_hours)},
                                     {"cost_usd", span(cost, format_usd)}};
        if (o.gpus > 0) j["text"]["wall"] = format_duration_hours(e->wall_hours);
        if (implied > 0) j["text"]["implied_mfu"] = format_percent(implied);
        std::cout << j.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << "training compute  " << format_flop(e->flops) << "  (6 x " << format_params(in.params_active)
              << " active x " << format_tokens(in.tokens) << ")\n"
              << "GPU peak          " << format_flop_per_s(in.peak_flop_per_s) << "  (" << gpu->name << ", "
              << o.precision << " dense)\n"
              << "MFU               " << format_percent(in.mfu_fraction) << "  (" << mfu_why << ")\n";
    if (fitted) std::cout << "                  P10-P90 " << span(mfu, format_percent) << "\n";
    std::cout << "GPU-hours         " << format_gpu_hours(e->gpu_hours);
    if (fitted) std::cout << "  (P10-P90 " << span(hours, format_gpu_hours) << ")";
    std::cout << "\n";
    if (o.gpus > 0)
        std::cout << "wall-clock        " << format_duration_hours(e->wall_hours) << " on " << format_count(o.gpus) << (o.gpus == 1 ? " GPU\n" : " GPUs\n");
    std::cout << "cost              " << format_usd(e->cost_usd) << " at " << format_usd(in.usd_per_gpu_hour) << "/GPU-hour";
    if (fitted) std::cout << "  (P10-P90 " << span(cost, format_usd) << ")";
    std::cout << "\n                  rate: " << rate.rule << (rate.source.empty() ? "" : " (" + rate.source + ")") << "\n";
    if (fitted) {
        std::cout << "interval          P10-P90 of the fit's errors on developers it had not seen (costbook estimate --runs),\n"
                  << "                  widened " << format_multiple(scale) << " for how far it sits from them: " << format_count(near)
                  << " published run"
                  << (near == 1 ? "" : "s") << " on " << gpu->generation << " GPUs within 3x of " << format_params(o.params_active)
                  << " active\n";
        if (scale >= 1.25 || near < 3)
            std::cout << "                  thin evidence: few runs like this one, so the interval is wider\n";
    }
    if (implied > 0)
        std::cout << "implied MFU       " << format_percent(implied) << " (" << format_flop(e->flops) << " in "
                  << format_gpu_hours(o.reported_gpu_hours) << " reported)\n";
    return kExitOk;
}

}  // namespace costbook::site
