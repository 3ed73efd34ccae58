// costbook estimate: training compute from first principles, with the MFU it assumed.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "costbook/estimate.h"
#include "costbook/format.h"
#include "data.h"

namespace costbook::site {

std::optional<Data> load_or_report(const std::string& site);

int cmd_estimate(const EstimateOptions& given) {
    const auto data = load_or_report(given.site);
    if (!data) return kExitBadInput;
    EstimateOptions o = given;
    if (!o.model.empty()) {
        const Model* m = data->model(o.model);
        if (!m) {
            std::cerr << "error: unknown model `" << o.model << "`; valid models: " << data->model_ids() << "\n";
            return kExitUsage;
        }
        if (o.params_active <= 0) o.params_active = m->params_active;
        if (o.tokens <= 0) o.tokens = m->tokens;
        if (o.gpu.empty()) o.gpu = m->gpu;
        if (o.precision.empty()) o.precision = m->precision;
        if (o.gpus <= 0) o.gpus = m->gpus;
        // The first stage is the pre-training run the tokens describe.
        if (o.reported_gpu_hours <= 0 && !m->ledger.stages.empty()) o.reported_gpu_hours = m->ledger.stages[0].gpu_hours;
        if (o.params_active <= 0 || o.tokens <= 0) {
            std::cerr << "error: `" << o.model << "` does not report its active parameters and tokens\n"
                      << "  = help: give --params-active and --tokens\n";
            return kExitUsage;
        }
    }
    if (o.gpu.empty()) o.gpu = "h800";
    if (o.precision.empty()) o.precision = "bf16";
    if (o.params_active <= 0 || o.tokens <= 0) {
        std::cerr << "error: give --params-active and --tokens, or --model\n";
        return kExitUsage;
    }
    const Gpu* gpu = data->gpu(o.gpu);
    if (!gpu) {
        std::cerr << "error: unknown GPU `" << o.gpu << "`; valid GPUs: " << data->gpu_ids() << "\n";
        return kExitUsage;
    }
    if (o.precision != "bf16" && o.precision != "fp8") {
        std::cerr << "error: unknown precision `" << o.precision << "`; valid precisions: bf16, fp8\n";
        return kExitUsage;
    }
    if (gpu->peak(o.precision) <= 0) {
        std::cerr << "error: " << gpu->name << " has no " << o.precision << " peak in data\n  = help: use --precision bf16\n";
        return kExitUsage;
    }
    EstimateInputs in;
    in.params_active = o.params_active;
    in.tokens = o.tokens;
    in.peak_flop_per_s = gpu->peak(o.precision);
    const bool default_mfu = o.mfu <= 0;
    in.mfu_fraction = default_mfu ? gpu->default_mfu(o.precision) : o.mfu;
    in.gpus = o.gpus;
    in.usd_per_gpu_hour = o.rate > 0 ? o.rate : gpu->rental_usd_per_gpu_hour.likely;
    const Result<Estimate> e = checked_estimate(in);
    if (!e) {
        std::cerr << "error: " << e.error.message << (e.error.help.empty() ? "" : "\n  = help: " + e.error.help) << "\n";
        return kExitUsage;
    }
    const std::string mfu_why = default_mfu ? "default for " + gpu->id + " " + o.precision + ": " + gpu->mfu.reason
                                            : "given";
    const double implied = o.reported_gpu_hours > 0 ? implied_mfu(e->flops, o.reported_gpu_hours, in.peak_flop_per_s) : 0;

    if (o.json) {
        nlohmann::ordered_json j = {
            {"params_active", in.params_active}, {"tokens", in.tokens}, {"gpu", gpu->id}, {"precision", o.precision},
            {"peak_flop_per_s", in.peak_flop_per_s}, {"flops", e->flops}, {"gpu_hours", e->gpu_hours},
            {"mfu", in.mfu_fraction}, {"mfu_default", default_mfu}, {"mfu_reason", mfu_why},
            {"usd_per_gpu_hour", in.usd_per_gpu_hour}, {"cost_usd", e->cost_usd}};
        if (o.gpus > 0) { j["gpus"] = o.gpus; j["wall_hours"] = e->wall_hours; }
        if (implied > 0) { j["reported_gpu_hours"] = o.reported_gpu_hours; j["implied_mfu"] = implied; }
        j["text"] = {{"flops", format_flop(e->flops)}, {"gpu_hours", format_gpu_hours(e->gpu_hours)},
                     {"mfu", format_percent(in.mfu_fraction)}, {"cost_usd", format_usd(e->cost_usd)}};
        if (o.gpus > 0) j["text"]["wall"] = format_duration_hours(e->wall_hours);
        if (implied > 0) j["text"]["implied_mfu"] = format_percent(implied);
        std::cout << j.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << "training compute  " << format_flop(e->flops) << "  (6 x " << format_params(in.params_active)
              << " active x " << format_tokens(in.tokens) << ")\n"
              << "GPU peak          " << format_flop_per_s(in.peak_flop_per_s) << "  (" << gpu->name << ", "
              << o.precision << " dense)\n"
              << "MFU               " << format_percent(in.mfu_fraction) << "  (" << mfu_why << ")\n"
              << "GPU-hours         " << format_gpu_hours(e->gpu_hours) << "\n";
    if (o.gpus > 0)
        std::cout << "wall-clock        " << format_duration_hours(e->wall_hours) << " on " << format_count(o.gpus) << " GPUs\n";
    std::cout << "cost              " << format_usd(e->cost_usd) << " at " << format_usd(in.usd_per_gpu_hour) << "/GPU-hour\n";
    if (implied > 0)
        std::cout << "implied MFU       " << format_percent(implied) << " (" << format_flop(e->flops) << " in "
                  << format_gpu_hours(o.reported_gpu_hours) << " reported)\n";
    return kExitOk;
}

}  // namespace costbook::site
