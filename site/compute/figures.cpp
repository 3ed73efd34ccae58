#include "compute/figures.h"

#include "compute/fit.h"
#include "compute/prices.h"
#include "compute/scenario.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

#include "costbook/estimate.h"
#include "costbook/format.h"
#include "costbook/mfu_model.h"
#include "costbook/outputs.h"

namespace costbook::site {

namespace {
Fig sourced(double v, std::string text, const std::string& source) { return {v, std::move(text), source, false, {}, {}, {}}; }
Fig cited(double v, std::string text, const Cite& c) { return {v, std::move(text), c.source, c.assumption, c.reason, {}, {}}; }
Fig derived(double v, std::string text, std::string from) { return {v, std::move(text), "derived", false, std::move(from), {}, {}}; }

// A fact's unit (data/facts.toml's names) as the other figures name theirs.
std::string fact_unit(const std::string& u) {
    static const std::pair<const char*, const char*> names[] = {
        {"usd", "USD"}, {"cny", "CNY"}, {"gpu_hours", "GPU-hours"}, {"percent", "fraction"}, {"multiple", "x"},
        {"count", "count"}, {"flop", "FLOP"}, {"tokens", "tokens"}, {"params", "parameters"}, {"bytes", "bytes"},
        {"hours", "hours"}, {"flop_per_s", "FLOP/s"}};
    for (const auto& [from, to] : names)
        if (u == from) return to;
    return "number";   // a plain number as published
}

// A metric's unit from its id, whose suffix names it (core's naming rule: units in names).
std::string metric_unit(std::string_view id) {
    const auto ends = [&](std::string_view tail) { return id.size() >= tail.size() && id.substr(id.size() - tail.size()) == tail; };
    if (ends("_usd_per_gpu_hour")) return "USD/GPU-hour";
    if (ends("_gpu_hours")) return "GPU-hours";
    if (ends("_usd")) return "USD";
    if (ends("_cny")) return "CNY";
    return "fraction";   // break_even_utilisation, rl_saved_fraction, serve_margin
}

// What the calculator's exchange rate is, as a figure that needs it names it.
const char* const kExchangeNeeds = "the calculator's exchange rate ([exchange] cny_per_usd in data/prices/)";

// Whether an input's starting value comes from data/: data/scenario.toml, a ladder's rung, or what seed()
// read it from (a source id, "assumption", "derived"). An input seed() did not fill holds core's default
// (0), which no figure shows as if it were data.
bool input_from_data(const Data& d, const Scenario& base, const InputSources* sources, Key k) {
    if (key_rung(k) >= 0 || d.assumption(k)) return true;
    if (!sources || (*sources)[static_cast<size_t>(k)].empty()) return false;
    // An [attention] without the latent attention's dims: seed() puts 0 with the model's source.
    return !((k == Key::kv_latent || k == Key::kv_rope) && base.get(k) <= 0);
}

// Where an input's starting value would come from, for "figure `input.<key>` needs ...": the data seed()
// reads it from (compute/scenario.cpp), else data/scenario.toml, which can give any input.
std::string input_needs(const Data& d, Key k) {
    const std::string model = "data/models/" + d.default_model + ".toml";
    switch (k) {
        case Key::price_hit: case Key::price_miss: case Key::price_out: return "an API price in data/prices/, named by [defaults] price in data/scenario.toml";
        case Key::cny_per_usd: return kExchangeNeeds;
        case Key::kv_layers: case Key::kv_heads: case Key::kv_head_dim: return "an [attention] table in " + model;
        case Key::kv_latent: return "kv_latent_dim in " + model + "'s [attention]";
        case Key::kv_rope: return "rope_dim in " + model + "'s [attention]";
        case Key::serve_nodes: case Key::node_gpus: case Key::serve_in_btok: case Key::serve_out_btok:
        case Key::prefill_tps: case Key::decode_tps: return "a published serving day (the serving-* facts of data/facts.toml)";
        case Key::task_in: case Key::task_think: case Key::task_out: return "data/tasks.toml";
        case Key::gpus: return "gpus in " + model;
        default: return "[" + std::string(key_info(k).name) + "] in data/scenario.toml";
    }
}

// The items, each once and none empty: "a, b and c" (`last` " and "), or "a, b, c" (`last` ", ").
std::string list_once(const std::vector<std::string>& items, const char* last = " and ") {
    std::vector<std::string> once;
    for (const std::string& i : items)
        if (!i.empty() && std::find(once.begin(), once.end(), i) == once.end()) once.push_back(i);
    std::string out;
    for (size_t i = 0; i < once.size(); ++i) out += (i == 0 ? "" : i + 1 == once.size() ? last : ", ") + once[i];
    return out;
}

}  // namespace

FigureRegistry build_figures(const Data& d, const Scenario& base, const Accuracy* lodo_given, FigureNeeds* needs) {
    FigureRegistry r;
    const auto need = [&](const std::string& key, const std::string& what) { if (needs) (*needs)[key] = what; };
    const auto seeded = seed(d);
    const InputSources* sources = seeded ? &seeded->sources : nullptr;
    const auto from_data = [&](Key k) { return input_from_data(d, base, sources, k); };
    const Tabs tabs = supported_tabs(d);
    const auto supported = [&](std::string_view tab) { return std::find(tabs.begin(), tabs.end(), tab) != tabs.end(); };
    for (const Model& m : d.models) {
        const std::string p = m.id + ".";
        const double rate = m.ledger.usd_per_gpu_hour > 0 ? m.ledger.usd_per_gpu_hour : 0;
        if (!m.ledger.stages.empty()) {
            r[p + "total_gpu_hours"] = sourced(total_gpu_hours(m.ledger), format_gpu_hours(total_gpu_hours(m.ledger)), m.ledger.stages[0].source);
            if (rate > 0) {
                // An assumed rate makes the cost an assumption too, with the rate's reason.
                const double usd = total_cost_usd(m.ledger, rate);
                Fig cost = m.rate.assumption ? cited(usd, format_usd(usd), m.rate) : sourced(usd, format_usd(usd), m.ledger.rate_source);
                if (m.rate.assumption) cost.reason = "at an assumed " + format_usd(rate) + " per GPU-hour: " + m.rate.reason;
                r[p + "total_cost_usd"] = cost;
                r[p + "rate"] = m.rate.assumption ? cited(rate, format_usd(rate), m.rate) : sourced(rate, format_usd(rate), m.ledger.rate_source);
            }
            for (const Stage& s : m.ledger.stages) {
                const std::string sp = p + s.id + ".";
                r[sp + "gpu_hours"] = sourced(s.gpu_hours, format_gpu_hours(s.gpu_hours), s.source);
                if (rate > 0) {
                    // At an assumed rate a stage's cost is an assumption too, with the total's reason.
                    Fig cost = m.rate.assumption ? r[p + "total_cost_usd"] : sourced(0, "", s.source);
                    cost.value = stage_cost_usd(s, rate);
                    cost.text = format_usd(cost.value);
                    r[sp + "cost_usd"] = cost;
                }
                if (s.gpus > 0) r[sp + "gpus"] = sourced(s.gpus, format_count(s.gpus), s.source);
                if (s.wall_hours > 0) r[sp + "wall_hours"] = sourced(s.wall_hours, format_sig(s.wall_hours, 4) + " h", s.source);
                if (wall_gpu_hours(s) > 0)
                    r[sp + "gpus_x_hours"] = derived(wall_gpu_hours(s), (std::floor(wall_gpu_hours(s)) == wall_gpu_hours(s) ? format_count(wall_gpu_hours(s)) : format_sig(wall_gpu_hours(s), 4)) + " GPU-hours", "GPUs × hours from " + s.source);
            }
        }
        if (m.params_active > 0) r[p + "params_active"] = cited(m.params_active, format_params(m.params_active), m.cite);
        if (m.params_total > 0) r[p + "params_total"] = cited(m.params_total, format_params(m.params_total), m.cite);
        if (m.tokens > 0) r[p + "tokens"] = cited(m.tokens, format_tokens(m.tokens), m.cite);
        if (m.gpus > 0) r[p + "gpus"] = cited(m.gpus, format_count(m.gpus), m.cite);
        if (m.params_active > 0 && m.tokens > 0) {
            const double flops = training_flops(m.params_active, m.tokens);
            r[p + "flops"] = derived(flops, format_flop(flops), "6 × active parameters × tokens from " + m.cite.source);
            const Gpu* g = d.gpu(m.gpu);
            if (g) {
                // The estimate a reader would make without the published hours: the fitted
                // default MFU (without this run, if it is one of data/runs/) and its P10-P90.
                const Range mfu = default_mfu(d, *g, m.params_active, m.architecture, m.precision, m.id);
                const double peak = g->peak(m.precision);
                const std::string why = "6ND at the fitted default MFU for " + g->name + " " + m.precision;
                r[p + "fit_mfu"] = derived(mfu.likely, format_percent(mfu.likely), why);
                r[p + "fit_mfu.range"] = derived(mfu.likely, format_span(format_percent(mfu.low), format_percent(mfu.high)), why);
                const Range hours = gpu_hours_range(flops, peak, mfu);
                r[p + "fit_gpu_hours"] = derived(hours.likely, format_gpu_hours(hours.likely), why);
                r[p + "fit_gpu_hours.range"] = derived(hours.likely, format_span(format_gpu_hours(hours.low), format_gpu_hours(hours.high)), why);
            }
            if (g && !m.ledger.stages.empty()) {
                // MFU is measured against the first stage: the pre-training run the tokens describe.
                const double hours = m.ledger.stages[0].gpu_hours;
                r[p + "implied_mfu"] = derived(implied_mfu(flops, hours, g->peak("bf16")),
                                               format_percent(implied_mfu(flops, hours, g->peak("bf16"))),
                                               "6ND over " + format_gpu_hours(hours) + " at " + g->name + " BF16 peak");
                if (g->fp8_flop_per_s > 0)
                    r[p + "implied_mfu_fp8"] = derived(implied_mfu(flops, hours, g->peak("fp8")),
                                                       format_percent(implied_mfu(flops, hours, g->peak("fp8"))),
                                                       "6ND over " + format_gpu_hours(hours) + " at " + g->name + " FP8 peak");
            }
        }
        for (size_t i = 0; i < m.figures.size(); ++i) {
            const Figure& f = m.figures[i];
            r[p + "figure." + std::to_string(i + 1)] = cited(f.value_usd(), figure_text(f), f.cite);
        }
    }
    for (const Gpu& g : d.gpus) {
        const std::string p = "gpu." + g.id + ".";
        r[p + "bf16"] = cited(g.bf16_flop_per_s, format_flop_per_s(g.bf16_flop_per_s), g.spec);
        if (g.fp8_flop_per_s > 0) r[p + "fp8"] = cited(g.fp8_flop_per_s, format_flop_per_s(g.fp8_flop_per_s), g.spec);
        r[p + "watts"] = cited(g.watts, format_count(g.watts) + " W", g.spec);
        if (g.memory_gb > 0) r[p + "memory"] = cited(g.memory_gb, format_count(g.memory_gb) + " GB", g.spec);
        r[p + "price"] = cited(g.purchase_usd.likely, format_usd(g.purchase_usd.low) + "–" + format_usd(g.purchase_usd.high), g.purchase);
        r[p + "rental"] = cited(g.rental_usd_per_gpu_hour.likely, format_usd(g.rental_usd_per_gpu_hour.low) + "–" + format_usd(g.rental_usd_per_gpu_hour.high), g.rental);
    }
    {   // The default-MFU fit: its size, formula and accuracy (by developer and by run) against a flat default
        const auto points = run_points(d);
        const MfuFit fit = mfu_fit(d);
        const Accuracy loo = leave_one_out(points), flat = flat_baseline(points, kFlatBaselineMfu);
        const Accuracy lodo = lodo_given ? *lodo_given : leave_one_group_out(points), flat_lodo = flat_baseline(points, kFlatBaselineMfu, true);
        const std::string runs = d.runs_from();
        const std::string why = "leave-one-out over " + runs;
        const std::string by_dev = "leave-one-developer-out over " + runs;
        r["mfu.runs"] = derived(fit.runs, format_count(fit.runs), runs);
        r["mfu.runs.from"] = derived(fit.runs, runs, d.runs_mode == "add" ? "[defaults] runs = \"add\" (the default)" : "[defaults] runs = \"replace\"");
        r["mfu.developers"] = derived(fit.groups, format_count(fit.groups), "developers of " + runs);
        r["mfu.lodo.within30"] = derived(lodo.within_30, format_percent(lodo.within_30), by_dev);
        r["mfu.lodo.median"] = derived(lodo.median_abs_error, format_percent(lodo.median_abs_error), by_dev);
        r["mfu.lodo.coverage"] = derived(lodo.coverage, format_percent(lodo.coverage), by_dev);
        r["mfu.loo.coverage"] = derived(loo.coverage, format_percent(loo.coverage), why);
        r["mfu.flat.lodo.within30"] = derived(flat_lodo.within_30, format_percent(flat_lodo.within_30), by_dev);
        r["mfu.flat.lodo.median"] = derived(flat_lodo.median_abs_error, format_percent(flat_lodo.median_abs_error), by_dev);
        r["mfu.flat.lodo.coverage"] = derived(flat_lodo.coverage, format_percent(flat_lodo.coverage), by_dev);
        r["mfu.formula"] = derived(0, mfu_formula(fit), "least squares over " + runs);
        r["mfu.flat"] = {kFlatBaselineMfu, format_percent(kFlatBaselineMfu), "", true,
                         "a round flat MFU the fit is compared against; costbook's choice, not a sourced figure", "", {}};
        r["mfu.loo.within30"] = derived(loo.within_30, format_percent(loo.within_30), why);
        r["mfu.loo.median"] = derived(loo.median_abs_error, format_percent(loo.median_abs_error), why);
        r["mfu.flat.within30"] = derived(flat.within_30, format_percent(flat.within_30), why);
        r["mfu.flat.median"] = derived(flat.median_abs_error, format_percent(flat.median_abs_error), why);
        if (!points.empty()) {
            const auto [lo, hi] = std::minmax_element(points.begin(), points.end(), [](const RunPoint& a, const RunPoint& b) {
                return a.implied_mfu < b.implied_mfu;
            });
            const std::string from = "6ND over reported GPU-hours at BF16 peak, " + runs;
            r["mfu.implied.min"] = derived(lo->implied_mfu, format_percent(lo->implied_mfu), from + " (" + lo->id + ")");
            r["mfu.implied.max"] = derived(hi->implied_mfu, format_percent(hi->implied_mfu), from + " (" + hi->id + ")");
        }
    }
    for (const Price& pr : d.prices) {
        // Every price carries its period: a reader sees when it applied, or as of when it is known.
        const std::string p = "price." + pr.id + ".";
        const auto put = [&](const char* cur, const ApiPrice& a, const std::function<Fig(double, std::string)>& fig) {
            const auto fmt = [&](double v) { return std::string(cur) == "usd" ? format_usd(v) : format_cny(v); };
            const std::pair<const char*, double> parts[] = {{".hit", a.input_hit_per_mtok}, {".miss", a.input_miss_per_mtok},
                                                            {".output", a.output_per_mtok}};
            for (const auto& [part, v] : parts) {
                Fig f = fig(v, fmt(v));
                f.dated = pr.period_text();
                r[p + cur + part] = f;
            }
        };
        const auto as_cited = [&](double v, std::string text) { return cited(v, std::move(text), pr.cite); };
        if (pr.usd) put("usd", *pr.usd, as_cited);
        // Yuan as published; else converted at the rate of the price's month; else no yuan figure at all.
        if (const auto y = yuan_of(d, pr)) {
            if (y->published) put("cny", y->cny, as_cited);
            else put("cny", y->cny, [&](double v, std::string text) { return derived(v, std::move(text), conversion_text(*y->rate)); });
        }
    }
    for (const MonthRate& m : d.monthly_rates)
        r["exchange." + m.month] = cited(m.cny_per_usd, format_sig(m.cny_per_usd, 5), m.cite);
    for (const Fleet& f : d.fleets) {
        // What the source's text says (capex, opex, their sum) apart from an exact total that reached the
        // site another way (`total_via`), and the capex that total implies.
        const std::string p = "fleet." + f.id + ".";
        Fig total = cited(f.total_usd, format_usd(f.total_usd), f.cite);
        total.reason = f.total_via;
        r[p + "total_usd"] = total;
        r[p + "opex_usd"] = cited(f.opex_usd, format_usd(f.opex_usd), f.cite);
        const double implied_capex = f.total_usd - f.opex_usd;
        const std::string implied = "back-calculated: the total (" + (f.total_via.empty() ? f.cite.source : f.total_via) + ") − opex";
        r[p + "capex_usd"] = f.capex_usd > 0 ? cited(f.capex_usd, format_usd(f.capex_usd), f.cite)
                                             : derived(implied_capex, format_usd(implied_capex), implied);
        r[p + "implied_capex_usd"] = derived(implied_capex, format_usd(implied_capex), implied);
        if (f.capex_usd > 0)
            r[p + "text_total_usd"] = derived(f.capex_usd + f.opex_usd, format_usd(f.capex_usd + f.opex_usd),
                                              "capex + opex as " + f.cite.source + "'s text gives them");
        r[p + "gpus"] = cited(f.gpus, format_count(f.gpus), f.cite);
        r[p + "years"] = cited(f.years, format_sig(f.years, 3) + " years", f.cite);
    }
    for (const Fact& f : d.facts) {
        const auto fmt = [&](double v) -> std::string {
            if (f.unit == "usd") return format_usd(v);
            if (f.unit == "cny") return format_cny(v);
            if (f.unit == "gpu_hours") return format_gpu_hours(v);
            if (f.unit == "percent") return format_percent(v);
            if (f.unit == "multiple") return format_multiple(v);
            if (f.unit == "count") return format_count(v);
            if (f.unit == "flop") return format_flop(v);
            if (f.unit == "tokens") return format_tokens(v);
            if (f.unit == "params") return format_params(v);
            if (f.unit == "bytes") return format_bytes(v);
            if (f.unit == "hours") return format_duration_hours(v);
            if (f.unit == "flop_per_s") return format_flop_per_s(v);
            return format_sig(v, 6);   // a plain number as published: 226.75 nodes, not 226.8
        };
        const std::string text = f.value.is_range() ? format_span(fmt(f.value.low), fmt(f.value.high)) : fmt(f.value.likely);
        r["fact." + f.id] = cited(f.value.likely, text, f.cite);
        r["fact." + f.id].unit = fact_unit(f.unit);
    }
    if (d.cny_per_usd > 0) r["exchange.cny_per_usd"] = cited(d.cny_per_usd, format_sig(d.cny_per_usd, 4), d.exchange);
    else need("exchange.cny_per_usd", kExchangeNeeds);

    // The ladders, every rung counted, at the data's rate; then the calculator's outputs.
    const Outputs o = compute(base);
    for (const LadderData& l : d.ladders) {
        LadderInputs in;
        in.spec = &l.spec;
        in.usd_per_gpu_hour = base.get(Key::rate);
        for (size_t i = 0; i < l.rungs.size() && i < static_cast<size_t>(kMaxRungs); ++i) in.values[i] = l.rungs[i].value.likely;
        const Ladder full = compute_ladder(in, l.spec.all());
        const bool main = l.id == d.default_ladder;
        bool assumed = false;   // a running total past an assumption rung keeps the assumption label
        for (size_t i = 0; i < l.rungs.size() && i < static_cast<size_t>(kMaxRungs); ++i) {
            const LadderRung& g = l.rungs[i];
            // A rung's own figure carries its source; a running total is the site's sum, and a rung that
            // stands in for earlier ones adds its amount minus what they counted: both derived, not sourced.
            assumed = assumed || g.cite.assumption;
            const std::string add_text = format_usd(full.steps[i].add_usd), total_text = format_usd(full.steps[i].total_usd);
            const Fig add = g.spec.kind == RungKind::stands_in
                                ? derived(full.steps[i].add_usd, add_text,
                                          g.spec.label + " (" + g.cite.source + ") − what the rungs it stands in for counted above")
                                : cited(full.steps[i].add_usd, add_text, g.cite);
            Fig total = i == 0 ? cited(full.steps[i].total_usd, total_text, g.cite)
                               : derived(full.steps[i].total_usd, total_text,
                                         "the rungs counted up to " + g.spec.label + ", each with its source or assumption");
            if (i > 0) total.assumption = assumed;   // shown as resting on an assumption, with the sum as its reason
            for (const std::string& p : main ? std::vector<std::string>{"ladder." + l.id + ".", "ladder."}
                                             : std::vector<std::string>{"ladder." + l.id + "."}) {
                r[p + g.spec.id + ".add"] = add;
                r[p + g.spec.id + ".total"] = total;
            }
        }
        const std::string why = "every rung, with the assumptions labelled on the page";
        r["ladder." + l.id + ".total"] = derived(full.total_usd, format_usd(full.total_usd), why);
        if (!main) continue;
        r["ladder.total"] = derived(full.total_usd, format_usd(full.total_usd), why);
        // What the developers reported: the rungs whose GPU-hours are published ledgers, against the first.
        unsigned reported = 0;
        std::string labels;
        for (size_t i = 0; i < l.rungs.size(); ++i)
            if (l.rungs[i].reported) {
                reported |= 1u << i;
                labels += (labels.empty() ? "" : " + ") + l.rungs[i].spec.label;
            }
        const double sum = ladder_total_usd(in, reported);
        const double first = l.rungs.empty() ? 0 : full.steps[0].cost_usd;
        if (reported != 0) r["ladder.reported"] = derived(sum, format_usd(sum), labels);
        if (reported != 0 && first > 0)
            r["ladder.reported_x"] = derived(sum / first, format_multiple(sum / first), "(" + labels + ") ÷ " + l.rungs[0].spec.label);
    }
    for (int i = 0; i < kMetricCount; ++i) {
        // A result of a tab the data supports (a yuan one at a rate the data gives).
        const Metric m = static_cast<Metric>(i);
        const std::string key = std::string("calc.") + metric_id(m), unit = metric_unit(metric_id(m));
        const std::string lacking = list_once({supported(metric_tab(m)) ? "" : tab_needs(metric_tab(m)),
                                              unit == "CNY" && !from_data(Key::cny_per_usd) ? kExchangeNeeds : ""});
        if (!lacking.empty()) { need(key, lacking); continue; }
        r[key] = derived(metric_value(o, m), metric_text(m, metric_value(o, m)), "computed by costbook from the data's starting scenario");
        r[key].unit = unit;
    }
    {   // KV cache bytes per token, from the default model's [attention] and [kv_bytes], citing what the data cites
        const std::vector<Key> mha = {Key::kv_layers, Key::kv_heads, Key::kv_head_dim, Key::kv_bytes};
        const std::vector<Key> mla = {Key::kv_layers, Key::kv_latent, Key::kv_rope, Key::kv_bytes};
        const auto lacking = [&](const std::vector<Key>& keys) {
            std::vector<std::string> out;
            for (Key k : keys) if (!from_data(k)) out.push_back(input_needs(d, k));
            return list_once(out);
        };
        const auto cites = [&](const std::vector<Key>& keys) {   // what the data cites for them: "dsv3-report, ds-isca25"
            std::vector<std::string> out;
            for (Key k : keys) {
                const std::string src = sources ? (*sources)[static_cast<size_t>(k)] : "";
                out.push_back(src == "assumption" ? "an assumption" : src);
            }
            return list_once(out, ", ");
        };
        const std::string bytes = format_sig(base.get(Key::kv_bytes), 3) + " bytes";
        std::vector<Key> both = mha;
        both.insert(both.end(), {Key::kv_latent, Key::kv_rope});
        const std::string no_mha = lacking(mha), no_mla = lacking(mla), no_both = lacking(both);
        if (no_mha.empty())
            r["kv.mha"] = derived(o.kv_mha_bytes, format_bytes(o.kv_mha_bytes), "2 · layers · heads · head dim · " + bytes + " (" + cites(mha) + ")");
        else need("kv.mha", no_mha);
        if (no_mla.empty())
            r["kv.mla"] = derived(o.kv_mla_bytes, format_bytes(o.kv_mla_bytes), "layers · (latent + RoPE dims) · " + bytes + " (" + cites(mla) + ")");
        else need("kv.mla", no_mla);
        if (no_both.empty()) {
            r["kv.mla_share"] = derived(o.kv_mla_bytes / o.kv_mha_bytes, format_percent(o.kv_mla_bytes / o.kv_mha_bytes), "MLA ÷ MHA bytes");
            r["kv.mha_x"] = derived(o.kv_mha_bytes / o.kv_mla_bytes, format_multiple(o.kv_mha_bytes / o.kv_mla_bytes), "MHA ÷ MLA bytes");
        } else {
            need("kv.mla_share", no_both);
            need("kv.mha_x", no_both);
        }
    }
    if (supported("serve")) {   // What serving costs: the published day, recomputed by core from its inputs
        const Serving& v = o.serving;
        const Fact* day = d.fact("serving-nodes-avg");   // the published day the serving inputs come from
        const std::string from = day ? day->cite.source : std::string("data/facts.toml");
        const std::string why = "computed from " + from + "'s nodes, tokens and rate at the scenario's API prices";
        r["serve.revenue_usd"] = derived(v.revenue.total, format_usd(v.revenue.total), why);
        r["serve.gross_margin"] = derived(v.gross_margin, format_percent(v.gross_margin), why);
        r["serve.usd_per_mtok"] = derived(v.usd_per_mtok, format_usd(v.usd_per_mtok), why);
        r["serve.usd_per_mtok_output"] = derived(v.usd_per_mtok_output, format_usd(v.usd_per_mtok_output), why);
        r["serve.busy"] = derived(v.busy_fraction, format_percent(v.busy_fraction), why);
        r["serve.gpus"] = derived(v.gpus, format_count(v.gpus), "nodes × GPUs per node, " + from);
    } else {
        for (const char* key : {"serve.revenue_usd", "serve.gross_margin", "serve.usd_per_mtok", "serve.usd_per_mtok_output", "serve.busy", "serve.gpus"})
            need(key, tab_needs("serve"));
    }
    // An input cites the source its seed took it from (a model, GPU, price, fact or ladder file);
    // only what no source gives (the fitted MFU, a default) is derived. An input no data gives is no figure.
    const LadderData* main_ladder = d.ladder(d.default_ladder);
    const auto put_input = [&](const Scenario& s, Key k, const Range& range, const std::optional<Cite>& own, const std::string& src) {
        const std::string key = std::string("input.") + input_info(s, k).name;
        const std::string from = k == Key::mfu ? "the default MFU fitted on " + d.runs_from() + ", with its P10-P90 on developers it had not seen"
                                               : "from data/ (models, GPUs, prices, facts)";
        const bool has_source = d.source(src) && src != "derived";
        const auto fig = [&](double value, std::string text) {
            return own ? cited(value, std::move(text), *own) : has_source ? sourced(value, std::move(text), src)
                                                                         : derived(value, std::move(text), from);
        };
        r[key] = fig(range.likely, input_value_text(s, k, range.likely));
        const Price* price = d.price(d.default_price);
        if (price && (k == Key::price_hit || k == Key::price_miss || k == Key::price_out)) r[key].dated = price->period_text();
        r[key].unit = input_info(s, k).unit;
        if (range.is_range()) {
            r[key + ".range"] = fig(range.likely, format_span(input_value_text(s, k, range.low), input_value_text(s, k, range.high)));
            r[key + ".range"].unit = input_info(s, k).unit;
        }
    };
    for (Key k : input_keys(base)) {
        const int rung = key_rung(k);
        if (!from_data(k)) {
            const std::string key = std::string("input.") + input_info(base, k).name;
            need(key, input_needs(d, k));
            need(key + ".range", input_needs(d, k));
            continue;
        }
        const LadderRung* g = main_ladder && rung >= 0 && rung < static_cast<int>(main_ladder->rungs.size())
                                  ? &main_ladder->rungs[static_cast<size_t>(rung)] : nullptr;
        const Assumption* a = rung < 0 ? d.assumption(k) : nullptr;
        const Cite* assumed = nullptr;   // a file's own assumption (a GPU's price, a task's tokens), with its reason
        if (seeded)
            if (const auto it = seeded->assumed.find(k); it != seeded->assumed.end()) assumed = &it->second;
        const std::optional<Cite> own = a ? std::optional<Cite>(a->cite) : g && g->stated ? std::optional<Cite>(g->cite)
                                      : assumed ? std::optional<Cite>(*assumed) : std::nullopt;
        put_input(base, k, base.range(k), own, sources ? (*sources)[static_cast<size_t>(k)] : "");
    }
    // The other ladders' rungs, as the seed of each ladder gives them (compute/scenario.h's seed()): the
    // figure a live one reads on a calculator of that ladder. A key the default ladder, or an earlier
    // ladder, has already made keeps that one.
    for (const LadderData& l : d.ladders) {
        if (l.id == d.default_ladder) continue;
        Scenario s = base;
        s.ladder = l.spec;
        for (size_t i = 0; i < l.rungs.size() && i < static_cast<size_t>(kMaxRungs); ++i) {
            const LadderRung& g = l.rungs[i];
            if (r.count("input." + g.spec.key)) continue;
            put_input(s, rung_key(static_cast<int>(i)), g.value, g.stated ? std::optional<Cite>(g.cite) : std::nullopt,
                      g.cite.assumption ? "assumption" : g.cite.source);
        }
    }
    for (auto& [key, f] : r)   // the rest: the unit of the key's form (kFigureKeys)
        if (const FigureKeyInfo* info = f.unit.empty() ? figure_key_info(key) : nullptr; info && info->unit) f.unit = info->unit;
    return r;
}

const FigureKeyInfo kFigureKeys[] = {
    // GPUs (data/gpus/<id>.toml)
    {"gpu.<id>.bf16", "dense BF16 peak FLOP/s", "FLOP/s"},
    {"gpu.<id>.fp8", "dense FP8 peak FLOP/s", "FLOP/s"},
    {"gpu.<id>.watts", "board power", "W"},
    {"gpu.<id>.memory", "memory, GB (where the GPU's file gives memory_gb)", "GB"},
    {"gpu.<id>.price", "purchase price range", "USD"},
    {"gpu.<id>.rental", "rental rate range, $/GPU-hour", "USD/GPU-hour"},
    // The default MFU's fit (the shipped runs and data/runs/)
    {"mfu.runs", "how many runs the default MFU is fitted on", "runs"},
    {"mfu.runs.from", "which runs those are: costbook's shipped runs, the site's, or both", ""},
    {"mfu.developers", "how many developers trained them", "developers"},
    {"mfu.formula", "the fitted formula with its coefficients", ""},
    {"mfu.flat", "the flat MFU the fit is compared against", "fraction"},
    {"mfu.lodo.within30", "share of runs within ±30% when each developer's runs are held out", "fraction"},
    {"mfu.lodo.median", "median error, each developer held out", "fraction"},
    {"mfu.lodo.coverage", "share of runs inside the P10-P90, each developer held out", "fraction"},
    {"mfu.loo.within30", "share of runs within ±30%, each run held out alone", "fraction"},
    {"mfu.loo.median", "median error, each run held out alone", "fraction"},
    {"mfu.loo.coverage", "share of runs inside the P10-P90, each run held out alone", "fraction"},
    {"mfu.flat.lodo.within30", "the flat MFU's share within ±30% (by developer)", "fraction"},
    {"mfu.flat.lodo.median", "the flat MFU's median error (by developer)", "fraction"},
    {"mfu.flat.lodo.coverage", "the flat MFU's interval coverage (by developer)", "fraction"},
    {"mfu.flat.within30", "the flat MFU's share within ±30% (by run)", "fraction"},
    {"mfu.flat.median", "the flat MFU's median error (by run)", "fraction"},
    {"mfu.implied.min", "the lowest MFU a run's reported hours imply", "fraction"},
    {"mfu.implied.max", "the highest MFU a run's reported hours imply", "fraction"},
    // API prices (data/prices/), exchange rates, fleets, facts
    {"price.<id>.usd.hit", "input price per million tokens on a cache hit, USD, with its dates", "USD/M tokens"},
    {"price.<id>.usd.miss", "input price per million tokens on a cache miss, USD", "USD/M tokens"},
    {"price.<id>.usd.output", "output price per million tokens, USD", "USD/M tokens"},
    {"price.<id>.cny.hit", "the same in yuan: published, or converted at the price's month", "CNY/M tokens"},
    {"price.<id>.cny.miss", "cache-miss input price in yuan", "CNY/M tokens"},
    {"price.<id>.cny.output", "output price in yuan", "CNY/M tokens"},
    {"exchange.cny_per_usd", "the calculator's exchange rate", "CNY/USD"},
    {"exchange.<YYYY-MM>", "a month's average exchange rate ([[rate]] in data/prices/)", "CNY/USD"},
    {"fleet.<id>.total_usd", "a fleet's exact total cost (data/fleet/)", "USD"},
    {"fleet.<id>.capex_usd", "its capital cost (as its source's text gives it, else back-calculated)", "USD"},
    {"fleet.<id>.opex_usd", "its operating cost", "USD"},
    {"fleet.<id>.implied_capex_usd", "the capex the total implies: total − opex", "USD"},
    {"fleet.<id>.text_total_usd", "capex + opex as the source's text gives them", "USD"},
    {"fleet.<id>.gpus", "the fleet's GPUs", "GPUs"},
    {"fleet.<id>.years", "the years its cost covers", "years"},
    {"fact.<id>", "a sourced figure of data/facts.toml, in its unit", ""},
    // Ladders (data/ladders/<id>.toml), every rung counted
    {"ladder.<id>.<rung>.add", "what a rung adds, on ladder <id>", "USD"},
    {"ladder.<id>.<rung>.total", "the running total up to a rung, on ladder <id>", "USD"},
    {"ladder.<id>.total", "ladder <id>'s total, every rung counted; ladder.<rung>.total: the default ladder's running total up to a rung", "USD"},
    {"ladder.<rung>.add", "what a rung of the default ladder adds", "USD"},
    {"ladder.total", "the default ladder's total", "USD"},
    {"ladder.reported", "the default ladder's rungs that are models' published ledgers, summed", "USD"},
    {"ladder.reported_x", "that sum as a multiple of the first rung", "x"},
    // The calculator's starting scenario
    {"calc.<metric>", "a calculator result for the data's starting scenario (see `costbook help tabs`); live=true: follows the page's calculator", ""},
    {"input.<key>.range", "a calculator input's low-high range, for inputs given as ranges", ""},
    {"input.<key>", "a calculator input's starting value (a scenario key, or a rung's key); live=true: follows the page's calculator", ""},
    {"kv.mha", "KV cache bytes per token with multi-head attention", "bytes"},
    {"kv.mla", "KV cache bytes per token with multi-head latent attention", "bytes"},
    {"kv.mla_share", "MLA's bytes as a share of MHA's", "fraction"},
    {"kv.mha_x", "MHA's bytes as a multiple of MLA's", "x"},
    {"serve.revenue_usd", "a published serving day's revenue at the scenario's prices", "USD"},
    {"serve.gross_margin", "that day's gross margin", "fraction"},
    {"serve.usd_per_mtok", "its cost per million tokens", "USD/M tokens"},
    {"serve.usd_per_mtok_output", "its cost per million output tokens", "USD/M tokens"},
    {"serve.busy", "the share of the day its GPUs were busy", "fraction"},
    {"serve.gpus", "its GPUs: nodes × GPUs per node", "GPUs"},
    // A model (data/models/<model>.toml): last, since <model> would match the keys above too
    {"<model>.total_gpu_hours", "the model's reported GPU-hours, every stage", "GPU-hours"},
    {"<model>.total_cost_usd", "those GPU-hours at the rate its developer published (models with a [rate])", "USD"},
    {"<model>.rate", "the rate its developer published with its GPU-hours, $/GPU-hour", "USD/GPU-hour"},
    {"<model>.<stage>.gpu_hours", "one stage's GPU-hours, as published", "GPU-hours"},
    {"<model>.<stage>.cost_usd", "one stage's GPU-hours at the published rate", "USD"},
    {"<model>.<stage>.gpus", "one stage's GPUs", "GPUs"},
    {"<model>.<stage>.wall_hours", "one stage's wall-clock hours", "hours"},
    {"<model>.<stage>.gpus_x_hours", "one stage's GPUs × wall hours, in GPU-hours", "GPU-hours"},
    {"<model>.params_active", "parameters active per token", "parameters"},
    {"<model>.params_total", "all parameters", "parameters"},
    {"<model>.tokens", "training tokens (the text carries its unit: \"11.2T tokens\")", "tokens"},
    {"<model>.gpus", "GPUs the model was trained on", "GPUs"},
    {"<model>.flops", "training FLOPs, 6 × active parameters × tokens", "FLOP"},
    {"<model>.fit_mfu", "the default MFU the fit predicts for it (without its own run)", "fraction"},
    {"<model>.fit_mfu.range", "that MFU's P10-P90", "fraction"},
    {"<model>.fit_gpu_hours", "GPU-hours estimated from 6ND at the fitted MFU", "GPU-hours"},
    {"<model>.fit_gpu_hours.range", "that estimate's P10-P90", "GPU-hours"},
    {"<model>.implied_mfu", "the MFU its first stage's reported GPU-hours imply, of BF16 peak", "fraction"},
    {"<model>.implied_mfu_fp8", "the same, of FP8 peak", "fraction"},
    {"<model>.figure.<n>", "the model's n-th [[figures]] entry (a reported cost), from 1", "USD"},
    {nullptr, nullptr, nullptr},
};

bool figure_key_matches(std::string_view pattern, std::string_view key) {
    // `<...>` matches one or more characters (ids may hold dots: "llama-3.1-405b"), literal text itself.
    if (pattern.empty()) return key.empty();
    if (pattern[0] == '<') {
        const size_t close = pattern.find('>');
        const std::string_view rest = pattern.substr(close + 1);
        for (size_t n = 1; n <= key.size(); ++n)
            if (figure_key_matches(rest, key.substr(n))) return true;
        return false;
    }
    return !key.empty() && key[0] == pattern[0] && figure_key_matches(pattern.substr(1), key.substr(1));
}

const FigureKeyInfo* figure_key_info(std::string_view key) {
    for (const FigureKeyInfo* k = kFigureKeys; k->pattern; ++k) {
        // The literal text after the pattern's last `>` must end the key: checked first, a match
        // tries every split of the key at each `<...>`.
        const std::string_view pattern = k->pattern, tail = pattern.substr(pattern.rfind('>') + 1);
        if (key.size() < tail.size() || key.substr(key.size() - tail.size()) != tail) continue;
        if (figure_key_matches(pattern, key)) return k;
    }
    return nullptr;
}

std::string figure_text(const Figure& f) {
    if (f.cost_usd_high > 0 && f.cost_usd == 0) return format_span(format_usd(f.cost_usd_low), format_usd(f.cost_usd_high));
    const std::string bound = f.bound == "above" ? "over " : f.bound == "below" ? "under " : "";
    return bound + format_usd(f.value_usd());
}

}  // namespace costbook::site
