#include "base_scenario.h"

namespace costbook::site {

Result<Scenario> base_scenario(const Data& data, const ScenarioChoice& choice) {
    using R = Result<Scenario>;
    const std::string model_id = choice.model.empty() ? data.default_model : choice.model;
    const Model* m = data.model(model_id);
    if (!m) return R::fail("unknown model `" + model_id + "`", "valid models: " + data.model_ids(), "model");
    const Model* rl = data.model(data.rl_model);
    const Model* final_run = data.model(data.default_model);
    const Fleet* fleet = data.fleet(data.default_fleet);
    const std::string gpu_id = !choice.gpu.empty() ? choice.gpu : !m->gpu.empty() ? m->gpu : final_run ? final_run->gpu : "";
    const Gpu* gpu = data.gpu(gpu_id);
    if (!gpu) return R::fail("unknown GPU `" + gpu_id + "`", "valid GPUs: " + data.gpu_ids(), "gpu");
    const std::string precision = choice.precision.empty() ? m->precision : choice.precision;
    if (precision != "bf16" && precision != "fp8")
        return R::fail("unknown precision `" + precision + "`", "valid precisions: bf16, fp8", "precision");
    if (gpu->peak(precision) <= 0)
        return R::fail("`" + gpu->id + "` has no " + precision + " peak in data", "use --precision bf16", "precision");
    const std::string price_id = choice.price.empty() ? data.default_price : choice.price;
    const Price* price = data.price(price_id);
    if (!price) return R::fail("unknown price `" + price_id + "`", "valid prices: " + data.price_ids(), "price");

    Scenario s;
    s.model = m->id;
    s.rungs = LADDER_ALL;
    // What is counted
    s.set(Key::rate, m->ledger.usd_per_gpu_hour > 0 ? m->ledger.usd_per_gpu_hour : gpu->rental_usd_per_gpu_hour.likely);
    s.set(Key::rl_gpu_hours, rl ? total_gpu_hours(rl->ledger) : 0);
    s.set(Key::final_gpu_hours, final_run ? total_gpu_hours(final_run->ledger) : 0);
    s.set(Key::fleet_usd, fleet ? fleet->total_usd : 0);
    // From first principles
    const Model* shape = m->params_active > 0 || !final_run ? m : final_run;   // whose parameters and tokens
    s.set(Key::params, shape->params_active);
    s.set(Key::tokens, m->tokens > 0 ? m->tokens : final_run ? final_run->tokens : 0);
    s.set(Key::peak, gpu->peak(precision));
    // The fitted default and its P10-P90, fitted without this model's own run if it is one.
    s.set_range(Key::mfu, data.default_mfu(*gpu, shape->params_active, shape->architecture, precision, shape->id));
    s.set(Key::gpus, m->gpus > 0 ? m->gpus : 1);
    // Rent or own
    s.set_range(Key::gpu_price, gpu->purchase_usd);
    s.set(Key::watts, gpu->watts);
    // RL
    s.set(Key::rl_params, rl ? rl->params_active : m->params_active);
    // Inference: USD prices; CNY follows through the exchange rate
    const ApiPrice usd = price_in(*price, "usd", data.cny_per_usd);
    s.set(Key::price_hit, usd.input_hit_per_mtok);
    s.set(Key::price_miss, usd.input_miss_per_mtok);
    s.set(Key::price_out, usd.output_per_mtok);
    s.set(Key::cny_per_usd, data.cny_per_usd);
    const Model* kv_model = final_run && final_run->attention ? final_run : m;
    if (kv_model->attention) {
        const Attention& a = *kv_model->attention;
        s.set(Key::kv_layers, a.layers);
        s.set(Key::kv_heads, a.heads);
        s.set(Key::kv_head_dim, a.head_dim);
        s.set(Key::kv_latent, a.kv_latent_dim);
        s.set(Key::kv_rope, a.rope_dim);
    }
    // What serving costs: DeepSeek's published day (data/facts.toml, ds-infra-day6)
    const auto fact = [&](Key k, const char* id, double scale) {
        if (const Fact* f = data.fact(id)) s.set(k, f->value.likely * scale);
    };
    fact(Key::serve_nodes, "serving-nodes-avg", 1);
    fact(Key::node_gpus, "serving-gpus-per-node", 1);
    fact(Key::serve_in_btok, "serving-input-tokens", 1e-9);
    fact(Key::serve_out_btok, "serving-output-tokens", 1e-9);
    fact(Key::prefill_tps, "serving-prefill-per-node", 1);
    fact(Key::decode_tps, "serving-decode-per-node", 1);
    // Cost per task: the first task in data/tasks.toml, with a reasoning model's thinking
    if (!data.tasks.empty()) {
        const Task& t = data.tasks.front();
        s.set(Key::task_in, t.input_tokens);
        s.set(Key::task_think, price->reasoning ? t.reasoning_tokens : 0);
        s.set(Key::task_out, t.output_tokens);
    }
    // Everything no model or GPU file supplies: data/scenario.toml
    for (const Assumption& a : data.assumptions) s.set_range(a.key, a.value);
    return R::ok(s);
}

}  // namespace costbook::site
