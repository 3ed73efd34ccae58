// Mirrors base_scenario.cpp: the same model, GPU, price and fleet it takes each value from.
#include "input_sources.h"

namespace costbook::site {

namespace {
std::string cite_id(const Cite& c) {
    if (c.assumption) return "assumption";
    return c.source;
}

// A ledger's GPU-hours: its stages' source when they share one, else the model's.
std::string ledger_source(const Model& m) {
    std::string common;
    for (const Stage& s : m.ledger.stages) {
        if (common.empty()) common = s.source;
        else if (s.source != common) return cite_id(m.cite);
    }
    return common.empty() ? cite_id(m.cite) : common;
}
}  // namespace

InputSources input_sources(const Data& data, const ScenarioChoice& choice) {
    InputSources out;
    const auto set = [&](Key k, const std::string& id) { out[static_cast<int>(k)] = id; };
    const Model* m = data.model(choice.model.empty() ? data.default_model : choice.model);
    if (!m) return out;
    const Model* rl = data.model(data.rl_model);
    const Model* final_run = data.model(data.default_model);
    const Fleet* fleet = data.fleet(data.default_fleet);
    const std::string gpu_id = !choice.gpu.empty() ? choice.gpu : !m->gpu.empty() ? m->gpu : final_run ? final_run->gpu : "";
    const Gpu* gpu = data.gpu(gpu_id);
    const Price* price = data.price(choice.price.empty() ? data.default_price : choice.price);

    if (m->ledger.usd_per_gpu_hour > 0) set(Key::rate, m->ledger.rate_source.empty() ? cite_id(m->cite) : m->ledger.rate_source);
    else if (gpu) set(Key::rate, cite_id(gpu->rental));
    if (rl) set(Key::rl_gpu_hours, ledger_source(*rl));
    if (final_run) set(Key::final_gpu_hours, ledger_source(*final_run));
    if (fleet) set(Key::fleet_usd, cite_id(fleet->cite));
    const Model* shape = m->params_active > 0 || !final_run ? m : final_run;
    set(Key::params, cite_id(shape->cite));
    const Model* tokens = m->tokens > 0 || !final_run ? m : final_run;
    set(Key::tokens, cite_id(tokens->cite));
    if (gpu) {
        set(Key::peak, cite_id(gpu->spec));
        set(Key::gpu_price, cite_id(gpu->purchase));
        set(Key::watts, cite_id(gpu->spec));
    }
    set(Key::mfu, "derived");  // fitted on data/runs/
    if (m->gpus > 0) set(Key::gpus, cite_id(m->cite));
    set(Key::rl_params, cite_id(rl ? rl->cite : m->cite));
    if (price)
        for (Key k : {Key::price_hit, Key::price_miss, Key::price_out}) set(k, cite_id(price->cite));
    set(Key::cny_per_usd, cite_id(data.exchange));
    const Model* kv_model = final_run && final_run->attention ? final_run : m;
    if (kv_model->attention) {
        const Cite& c = kv_model->attention->cite.source.empty() && !kv_model->attention->cite.assumption
                            ? kv_model->cite : kv_model->attention->cite;
        for (Key k : {Key::kv_layers, Key::kv_heads, Key::kv_head_dim, Key::kv_latent, Key::kv_rope}) set(k, cite_id(c));
    }
    const auto fact = [&](Key k, const char* id) { if (const Fact* f = data.fact(id)) set(k, cite_id(f->cite)); };
    fact(Key::serve_nodes, "serving-nodes-avg");
    fact(Key::node_gpus, "serving-gpus-per-node");
    fact(Key::serve_in_btok, "serving-input-tokens");
    fact(Key::serve_out_btok, "serving-output-tokens");
    fact(Key::prefill_tps, "serving-prefill-per-node");
    fact(Key::decode_tps, "serving-decode-per-node");
    if (!data.tasks.empty())
        for (Key k : {Key::task_in, Key::task_think, Key::task_out}) set(k, cite_id(data.tasks.front().cite));
    for (const Assumption& a : data.assumptions) set(a.key, cite_id(a.cite));
    return out;
}

}  // namespace costbook::site
