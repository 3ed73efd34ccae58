#include "compute/scenario.h"

#include <algorithm>
#include <type_traits>

#include "costbook/outputs.h"

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

// The inputs seed() takes from data/ files other than data/scenario.toml (a model, its GPU, a price,
// the exchange rate, the serving-* facts, a task) or computes (the fitted MFU). Every other input a
// tab shows comes from data/scenario.toml alone: `costbook help tabs` names those for each tab.
constexpr Key kSeededKeys[] = {
    Key::rate, Key::params, Key::tokens, Key::peak, Key::mfu, Key::gpus, Key::gpu_price, Key::watts, Key::rl_params,
    Key::price_hit, Key::price_miss, Key::price_out, Key::cny_per_usd, Key::kv_layers, Key::kv_heads, Key::kv_head_dim,
    Key::kv_latent, Key::kv_rope, Key::serve_nodes, Key::node_gpus, Key::serve_in_btok, Key::serve_out_btok,
    Key::prefill_tps, Key::decode_tps, Key::task_in, Key::task_think, Key::task_out,
};
bool seeded_elsewhere(Key k) {
    if (static_cast<int>(k) >= kKeyCount) return true;   // a rung's value: its ladder file
    for (Key s : kSeededKeys) if (s == k) return true;
    return false;
}

// Each tab's needs, the one place both supported_tabs() and `costbook help tabs` read: what it needs
// from files other than data/scenario.toml (`met`), and, from core's tab_inputs(), every input it
// shows, each of which must have data (a source, or a labelled assumption) or the tab is not offered.
struct TabNeed { const char* tab; const char* needs; bool (*met)(const Data&); };
const TabNeed kTabNeeds[] = {
    {"counted", "a ladder in data/ladders/", [](const Data& d) { return !d.ladders.empty(); }},
    {"estimate", "a model with active parameters and tokens", [](const Data&) { return true; }},
    {"own", "a GPU's purchase price and watts (data/gpus/)", [](const Data&) { return true; }},
    {"rl", "[defaults] rl_model in data/scenario.toml", [](const Data& d) { return !d.rl_model.empty(); }},
    {"inference", "[defaults] price: an API price in data/prices/, an [exchange] rate, the [defaults] model's [attention]",
     [](const Data& d) { return has_price(d) && d.cny_per_usd > 0 && d.model(d.default_model) && d.model(d.default_model)->attention; }},
    {"serve", "a published serving day (the serving-* facts of data/facts.toml) and a price",
     [](const Data& d) { return serving_day(d) && has_price(d); }},
    {"task", "data/tasks.toml, a price and an [exchange] rate",
     [](const Data& d) { return !d.tasks.empty() && has_price(d) && d.cny_per_usd > 0; }},
    {"time", "a ladder", [](const Data& d) { return !d.ladders.empty(); }},
};
const TabNeed* tab_need(std::string_view tab) {
    for (const TabNeed& t : kTabNeeds) if (tab == t.tab) return &t;
    return nullptr;
}

// The inputs `tab` shows on s, once each, in the calculator's order.
std::vector<Key> inputs_of(const Scenario& s, std::string_view tab) {
    std::vector<Key> out;
    for (const InputGroup& g : tab_inputs(s, tab))
        for (Key k : g.keys)
            if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
    return out;
}
}  // namespace

namespace {
// "[a], [b] and [c]"
std::string listed(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
        out += std::string(i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + "[" + names[i] + "]";
    return out;
}

std::string missing(const Data& data, const Result<Seed>& s, std::string_view tab) {
    const TabNeed* t = tab_need(tab);
    if (!t) return "a tab costbook knows";
    if (!s) return s.error.message;
    std::vector<std::string> parts, own, other;
    const bool met = t->met(data);
    if (!met) parts.push_back(t->needs);
    for (Key k : inputs_of(s->scenario, tab)) {
        if (!s->sources[static_cast<size_t>(k)].empty()) continue;
        if (!seeded_elsewhere(k)) own.push_back(key_info(k).name);
        else if (met) other.push_back(std::string("input.") + input_info(s->scenario, k).name);   // a file lacks it
    }
    if (!own.empty()) parts.push_back(listed(own) + " in data/scenario.toml");
    for (const std::string& o : other) parts.push_back(o);
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}
}  // namespace

std::string tab_missing(const Data& data, std::string_view tab) { return missing(data, seed(data), tab); }

Tabs supported_tabs(const Data& data) {
    const Result<Seed> s = seed(data);
    Tabs out;
    for (const char* tab : kTabs)
        if (missing(data, s, tab).empty()) out.push_back(tab);
    return out;
}

std::string tab_needs(std::string_view tab) {
    const TabNeed* t = tab_need(tab);
    if (!t) return "";
    std::vector<std::string> own;   // the inputs only data/scenario.toml gives
    for (Key k : inputs_of(Scenario{}, tab)) if (!seeded_elsewhere(k)) own.push_back(key_info(k).name);
    return std::string(t->needs) + (own.empty() ? "" : "; " + listed(own) + " in data/scenario.toml");
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
        out.assumed.erase(k);
    };
    const auto put_range = [&](Key k, const Range& v, const std::string& source) {
        s.set_range(k, v);
        out.sources[static_cast<int>(k)] = source;
        out.assumed.erase(k);
    };
    // From a file's own citation: an assumption keeps its reason, which a figure of it shows.
    const auto put_cited = [&](Key k, const auto& v, const Cite& c) {   // v: a value or a Range
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, Range>) put_range(k, v, cite_id(c));
        else put(k, static_cast<double>(v), cite_id(c));
        if (c.assumption) out.assumed[k] = c;
    };
    s.model = m->id;
    // What is counted: the model's rate by the one rule, and the ladder's rungs with their values
    const ModelRate rate = model_rate(data, *m, gpu);
    put(Key::rate, rate.usd_per_gpu_hour, rate.source);
    if (ladder) {
        s.ladder = ladder->spec;
        s.rungs = ladder->spec.starting();
        for (size_t i = 0; i < ladder->rungs.size() && i < static_cast<size_t>(kMaxRungs); ++i)
            put_cited(rung_key(static_cast<int>(i)), ladder->rungs[i].value, ladder->rungs[i].cite);
    } else {
        s.rungs = 0;
    }
    // From first principles: whose parameters and tokens
    const Model* shape = m->params_active > 0 || !final_run ? m : final_run;
    const Model* tokens = m->tokens > 0 || !final_run ? m : final_run;
    put_cited(Key::params, shape->params_active, shape->cite);
    put_cited(Key::tokens, tokens->tokens, tokens->cite);
    put_cited(Key::peak, gpu->peak(precision), gpu->spec);
    // The fitted default and its P10-P90, fitted without this model's own run if it is one (an [mfu]
    // in data/scenario.toml, applied below, replaces it: a site without data/runs/ gives its own).
    put_range(Key::mfu, default_mfu(data, *gpu, shape->params_active, shape->architecture, precision, shape->id), "derived");
    // The GPU count as published; 0 when the data has none: no wall-clock row, never "1 GPUs".
    put(Key::gpus, m->gpus, m->gpus > 0 ? cite_id(m->cite) : "");
    // Rent or own
    put_cited(Key::gpu_price, gpu->purchase_usd, gpu->purchase);
    put_cited(Key::watts, gpu->watts, gpu->spec);
    // RL
    put_cited(Key::rl_params, rl ? rl->params_active : m->params_active, rl ? rl->cite : m->cite);
    // Inference: USD prices; CNY follows through the exchange rate
    if (price) {
        const ApiPrice usd = price_in(*price, "usd", data.cny_per_usd);
        put_cited(Key::price_hit, usd.input_hit_per_mtok, price->cite);
        put_cited(Key::price_miss, usd.input_miss_per_mtok, price->cite);
        put_cited(Key::price_out, usd.output_per_mtok, price->cite);
    }
    if (data.cny_per_usd > 0) put_cited(Key::cny_per_usd, data.cny_per_usd, data.exchange);
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
        if (const Fact* f = data.fact(id)) put_cited(k, f->value.likely * scale, f->cite);
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
        put_cited(Key::task_in, t.input_tokens, t.cite);
        put_cited(Key::task_think, price && price->reasoning ? t.reasoning_tokens : 0, t.cite);
        put_cited(Key::task_out, t.output_tokens, t.cite);
    }
    // Everything no model or GPU file supplies: data/scenario.toml
    for (const Assumption& a : data.assumptions) put_cited(a.key, a.value, a.cite);
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
