#include "compute/scenario.h"

#include "compute/fit.h"
#include "compute/prices.h"

namespace costbook::site {

namespace {
std::string cite_id(const Cite& c) { return c.assumption ? "assumption" : c.source; }

}  // namespace

ModelRate model_rate(const Data& data, const Model& m, const Gpu* gpu) {
    ModelRate r;
    if (!gpu) gpu = data.gpu(m.gpu);
    if (m.ledger.usd_per_gpu_hour > 0) {
        r.usd_per_gpu_hour = m.ledger.usd_per_gpu_hour;
        r.source = m.rate.assumption ? cite_id(m.rate) : m.ledger.rate_source.empty() ? cite_id(m.cite) : m.ledger.rate_source;
        r.published = !m.rate.assumption;
        r.rule = m.rate.assumption ? "an assumed rate" : "the rate " + m.developer + " published with its GPU-hours";
        r.assumption = m.rate.assumption;
        r.reason = m.rate.reason;
    } else if (gpu) {
        r.usd_per_gpu_hour = gpu->rental_usd_per_gpu_hour.likely;
        r.source = cite_id(gpu->rental);
        r.assumption = gpu->rental.assumption;
        r.reason = gpu->rental.reason;
        r.rule = "the " + gpu->name + "'s likely rental rate, since " + m.developer + " published none";
    }
    return r;
}

namespace {
bool serving_day(const Data& d) {
    for (const char* id : {"serving-nodes-avg", "serving-gpus-per-node", "serving-input-tokens", "serving-output-tokens",
                           "serving-prefill-per-node", "serving-decode-per-node"})
        if (!d.fact(id)) return false;
    return true;
}
bool has_price(const Data& d) { return d.price(d.default_price) != nullptr; }

// Each tab's needs, the one place both supported_tabs() and `costbook help tabs` read.
struct TabNeed { const char* tab; const char* needs; bool (*met)(const Data&); };
const TabNeed kTabNeeds[] = {
    {"counted", "a ladder in data/ladders/", [](const Data& d) { return !d.ladders.empty(); }},
    {"estimate", "nothing more: a model with active parameters and tokens", [](const Data&) { return true; }},
    {"own", "[years] and [util] in data/scenario.toml", [](const Data& d) { return d.assumption(Key::years) && d.assumption(Key::util); }},
    {"rl", "[defaults] rl_model in data/scenario.toml", [](const Data& d) { return !d.rl_model.empty(); }},
    {"inference", "[defaults] price: an API price in data/prices/", has_price},
    {"serve", "a published serving day (the serving-* facts of data/facts.toml) and a price",
     [](const Data& d) { return serving_day(d) && has_price(d); }},
    {"task", "data/tasks.toml and a price", [](const Data& d) { return !d.tasks.empty() && has_price(d); }},
    {"time", "a ladder and [decline] in data/scenario.toml",
     [](const Data& d) { return !d.ladders.empty() && d.assumption(Key::decline) != nullptr; }},
};
const TabNeed* tab_need(std::string_view tab) {
    for (const TabNeed& t : kTabNeeds) if (tab == t.tab) return &t;
    return nullptr;
}
}  // namespace

Tabs supported_tabs(const Data& data) {
    Tabs out;
    for (const char* tab : kTabs) {
        const TabNeed* t = tab_need(tab);
        if (t && t->met(data)) out.push_back(tab);
    }
    return out;
}

const char* tab_needs(std::string_view tab) {
    const TabNeed* t = tab_need(tab);
    return t ? t->needs : "";
}

Result<Seed> seed(const Data& data, const ScenarioChoice& choice) {
    using R = Result<Seed>;
    const std::string model_id = choice.model.empty() ? data.default_model : choice.model;
    const Model* m = data.model(model_id);
    if (!m) return R::fail("unknown model `" + model_id + "`", "valid models: " + data.model_ids(), "model");
    const Model* rl = data.rl_model.empty() ? nullptr : data.model(data.rl_model);
    const Model* final_run = data.model(data.default_model);
    const std::string gpu_id = !choice.gpu.empty() ? choice.gpu : !m->gpu.empty() ? m->gpu : final_run ? final_run->gpu : "";
    const Gpu* gpu = data.gpu(gpu_id);
    if (!gpu) return R::fail("unknown GPU `" + gpu_id + "`", "valid GPUs: " + data.gpu_ids(), "gpu");
    const std::string precision = choice.precision.empty() ? m->precision : choice.precision;
    if (precision != "bf16" && precision != "fp8")
        return R::fail("unknown precision `" + precision + "`", "valid precisions: bf16, fp8", "precision");
    if (gpu->peak(precision) <= 0)
        return R::fail("`" + gpu->id + "` has no " + precision + " peak in data", "use --precision bf16", "precision");
    const std::string price_id = choice.price.empty() ? data.default_price : choice.price;
    const Price* price = price_id.empty() ? nullptr : data.price(price_id);
    if (!price && !price_id.empty()) return R::fail("unknown price `" + price_id + "`", "valid prices: " + data.price_ids(), "price");
    const std::string ladder_id = choice.ladder.empty() ? data.default_ladder : choice.ladder;
    const LadderData* ladder = ladder_id.empty() ? nullptr : data.ladder(ladder_id);
    if (!ladder && !ladder_id.empty())
        return R::fail("unknown ladder `" + ladder_id + "`", "valid ladders: " + data.ladder_ids(), "ladder");

    Seed out;
    Scenario& s = out.scenario;
    // Each input's value and the source it came from, set together.
    const auto put = [&](Key k, double v, const std::string& source) {
        s.set(k, v);
        out.sources[static_cast<int>(k)] = source;
    };
    const auto put_range = [&](Key k, const Range& v, const std::string& source) {
        s.set_range(k, v);
        out.sources[static_cast<int>(k)] = source;
    };
    s.model = m->id;
    // What is counted: the model's rate by the one rule, and the ladder's rungs with their values
    const ModelRate rate = model_rate(data, *m, gpu);
    put(Key::rate, rate.usd_per_gpu_hour, rate.source);
    if (ladder) {
        s.ladder = ladder->spec;
        s.rungs = ladder->spec.starting();
        for (size_t i = 0; i < ladder->rungs.size() && i < static_cast<size_t>(kMaxRungs); ++i)
            put_range(rung_key(static_cast<int>(i)), ladder->rungs[i].value, cite_id(ladder->rungs[i].cite));
    } else {
        s.rungs = 0;
    }
    // From first principles: whose parameters and tokens
    const Model* shape = m->params_active > 0 || !final_run ? m : final_run;
    const Model* tokens = m->tokens > 0 || !final_run ? m : final_run;
    put(Key::params, shape->params_active, cite_id(shape->cite));
    put(Key::tokens, tokens->tokens, cite_id(tokens->cite));
    put(Key::peak, gpu->peak(precision), cite_id(gpu->spec));
    // The fitted default and its P10-P90, fitted without this model's own run if it is one (an [mfu]
    // in data/scenario.toml, applied below, replaces it: a site without data/runs/ gives its own).
    put_range(Key::mfu, default_mfu(data, *gpu, shape->params_active, shape->architecture, precision, shape->id), "derived");
    // The GPU count as published; 0 when the data has none: no wall-clock row, never "1 GPUs".
    put(Key::gpus, m->gpus, m->gpus > 0 ? cite_id(m->cite) : "");
    // Rent or own
    put_range(Key::gpu_price, gpu->purchase_usd, cite_id(gpu->purchase));
    put(Key::watts, gpu->watts, cite_id(gpu->spec));
    // RL
    put(Key::rl_params, rl ? rl->params_active : m->params_active, cite_id(rl ? rl->cite : m->cite));
    // Inference: USD prices; CNY follows through the exchange rate
    if (price) {
        const ApiPrice usd = price_in(*price, "usd", data.cny_per_usd);
        put(Key::price_hit, usd.input_hit_per_mtok, cite_id(price->cite));
        put(Key::price_miss, usd.input_miss_per_mtok, cite_id(price->cite));
        put(Key::price_out, usd.output_per_mtok, cite_id(price->cite));
    }
    if (data.cny_per_usd > 0) put(Key::cny_per_usd, data.cny_per_usd, cite_id(data.exchange));
    const Model* kv_model = final_run && final_run->attention ? final_run : m;
    if (kv_model->attention) {
        const Attention& a = *kv_model->attention;
        const std::string src = cite_id(a.cite.source.empty() && !a.cite.assumption ? kv_model->cite : a.cite);
        put(Key::kv_layers, a.layers, src);
        put(Key::kv_heads, a.heads, src);
        put(Key::kv_head_dim, a.head_dim, src);
        put(Key::kv_latent, a.kv_latent_dim, src);
        put(Key::kv_rope, a.rope_dim, src);
    }
    // What serving costs: a published serving day (data/facts.toml)
    const auto fact = [&](Key k, const char* id, double scale) {
        if (const Fact* f = data.fact(id)) put(k, f->value.likely * scale, cite_id(f->cite));
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
        put(Key::task_in, t.input_tokens, cite_id(t.cite));
        put(Key::task_think, price && price->reasoning ? t.reasoning_tokens : 0, cite_id(t.cite));
        put(Key::task_out, t.output_tokens, cite_id(t.cite));
    }
    // Everything no model or GPU file supplies: data/scenario.toml
    for (const Assumption& a : data.assumptions) put_range(a.key, a.value, cite_id(a.cite));
    return R::ok(std::move(out));
}

Seeds all_seeds(const Data& data) {
    Seeds out;
    out.default_model = data.default_model;
    out.default_ladder = data.default_ladder;
    for (const Model& m : data.models) {
        ScenarioChoice c;
        c.model = m.id;
        if (auto s = seed(data, c)) out.by_model.emplace(m.id, std::move(*s));
        else out.errors.emplace(m.id, s.error);
        for (const LadderData& l : data.ladders) {
            if (l.id == data.default_ladder) continue;
            c.ladder = l.id;
            if (auto s = seed(data, c)) out.by_ladder.emplace(std::make_pair(m.id, l.id), std::move(*s));
        }
    }
    return out;
}

}  // namespace costbook::site
