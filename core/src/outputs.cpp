#include "costbook/outputs.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <vector>

#include "costbook/format.h"

namespace costbook {

LadderInputs ladder_inputs(const Scenario& s) {
    LadderInputs in;
    in.spec = &s.ladder;
    in.usd_per_gpu_hour = s.get(Key::rate);
    for (int i = 0; i < s.ladder.size() && i < kMaxRungs; ++i) in.values[static_cast<size_t>(i)] = s.get(rung_key(i));
    return in;
}

EstimateInputs estimate_inputs(const Scenario& s) {
    EstimateInputs in;
    in.params_active = s.get(Key::params);
    in.tokens = s.get(Key::tokens);
    in.peak_flop_per_s = s.get(Key::peak);
    in.mfu_fraction = s.get(Key::mfu);
    in.gpus = s.get(Key::gpus);
    in.usd_per_gpu_hour = s.get(Key::rate);
    return in;
}

OwnInputs own_inputs(const Scenario& s) {
    return {s.get(Key::gpu_price), s.get(Key::server_overhead), s.get(Key::years), s.get(Key::util),
            s.get(Key::watts), s.get(Key::host_overhead), s.get(Key::pue), s.get(Key::kwh)};
}

RlInputs rl_inputs(const Scenario& s) {
    return {s.get(Key::rl_params), s.get(Key::rl_prompts), s.get(Key::rl_group), s.get(Key::rl_sample_tokens),
            s.get(Key::gen_mfu), s.get(Key::mfu), s.get(Key::peak), s.get(Key::value_ratio), s.get(Key::rate)};
}

namespace {
ApiPrice usd_price(const Scenario& s);
}  // namespace

ServingInputs serving_inputs(const Scenario& s) {
    ServingInputs in;
    in.nodes = s.get(Key::serve_nodes);
    in.gpus_per_node = s.get(Key::node_gpus);
    in.usd_per_gpu_hour = s.get(Key::rate);
    in.input_tokens = s.get(Key::serve_in_btok) * 1e9;
    in.output_tokens = s.get(Key::serve_out_btok) * 1e9;
    in.cache_hit_fraction = s.get(Key::hit);
    in.price = usd_price(s);
    in.billed_fraction = s.get(Key::billed);
    in.prefill_tokens_per_s = s.get(Key::prefill_tps);
    in.decode_tokens_per_s = s.get(Key::decode_tps);
    return in;
}

TaskTokens task_tokens(const Scenario& s) {
    return {s.get(Key::task_in), s.get(Key::task_think), s.get(Key::task_out)};
}

namespace {
Workload workload(const Scenario& s) {
    return {s.get(Key::in_mtok) * 1e6, s.get(Key::out_mtok) * 1e6, s.get(Key::hit)};
}
ApiPrice usd_price(const Scenario& s) {
    return {s.get(Key::price_hit), s.get(Key::price_miss), s.get(Key::price_out)};
}
}  // namespace

Outputs compute(const Scenario& s) {
    Outputs o;
    o.ladder = compute_ladder(ladder_inputs(s), s.rungs);
    o.estimate = estimate_training(estimate_inputs(s));
    const OwnInputs own = own_inputs(s);
    o.own = own_cost(own);
    o.break_even_utilisation = break_even_utilisation(own, s.get(Key::rate));
    o.rl = compare_grpo_ppo(rl_inputs(s));
    o.api_usd = api_cost(workload(s), usd_price(s));
    o.api_cny = api_cost(workload(s), convert_price(usd_price(s), s.get(Key::cny_per_usd)));
    o.kv_mha_bytes = kv_bytes_per_token_mha(s.get(Key::kv_layers), s.get(Key::kv_heads), s.get(Key::kv_head_dim),
                                            s.get(Key::kv_bytes));
    o.kv_mla_bytes = kv_bytes_per_token_mla(s.get(Key::kv_layers), s.get(Key::kv_latent), s.get(Key::kv_rope),
                                            s.get(Key::kv_bytes));
    o.serving = serving_day(serving_inputs(s));
    o.task_usd = task_cost(task_tokens(s), s.get(Key::hit), usd_price(s));
    o.task_cny = task_cost(task_tokens(s), s.get(Key::hit), convert_price(usd_price(s), s.get(Key::cny_per_usd)));
    o.decline_usd = cost_after_years(o.ladder.total_usd, s.get(Key::decline), s.get(Key::decline_years));
    return o;
}

namespace {
struct MetricInfo { const char* id; const char* label; const char* tab; };
const MetricInfo kMetrics[kMetricCount] = {
    {"ladder_total_usd", "Total counted", "counted"},
    {"estimate_gpu_hours", "Estimated GPU-hours", "estimate"},
    {"estimate_cost_usd", "Estimated cost", "estimate"},
    {"own_usd_per_gpu_hour", "Owning, per GPU-hour", "own"},
    {"break_even_utilisation", "Break-even utilisation", "own"},
    {"grpo_gpu_hours", "GRPO", "rl"},
    {"ppo_gpu_hours", "PPO", "rl"},
    {"rl_saved_fraction", "Saved by GRPO", "rl"},
    {"api_total_usd", "Workload cost", "inference"},
    {"api_total_cny", "Workload cost", "inference"},
    {"serve_margin", "Margin on cost", "serve"},
    {"serve_cost_usd", "Serving cost a day", "serve"},
    {"task_usd", "Cost per task", "task"},
    {"task_cny", "Cost per task", "task"},
    {"decline_usd", "Cost after decline", "time"},
};
}  // namespace

const char* metric_id(Metric m) { return kMetrics[static_cast<int>(m)].id; }
const char* metric_label(Metric m) { return kMetrics[static_cast<int>(m)].label; }
const char* metric_tab(Metric m) { return kMetrics[static_cast<int>(m)].tab; }

std::string live_text(const Scenario& s, const Outputs& o, std::string_view key) {
    if (key.rfind("calc.", 0) == 0) {
        const auto m = find_metric(key.substr(5));
        return m ? metric_text(*m, metric_value(o, *m)) : std::string();
    }
    if (key.rfind("input.", 0) == 0) {
        const auto k = find_input(s, key.substr(6));
        return k ? input_value_text(s, *k, s.get(*k)) : std::string();
    }
    return "";
}

std::vector<std::string> live_keys(const Scenario& s, const std::vector<std::string>& tabs) {
    std::vector<std::string> out;
    for (const std::string& tab : tabs)
        for (int i = 0; i < kMetricCount; ++i)
            if (tab == metric_tab(static_cast<Metric>(i))) out.push_back(std::string("calc.") + metric_id(static_cast<Metric>(i)));
    for (const std::string& tab : tabs)
        for (const InputGroup& g : tab_inputs(s, tab))
            for (Key k : g.keys) {
                const std::string key = std::string("input.") + input_info(s, k).name;
                if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
            }
    return out;
}

std::optional<Metric> find_metric(std::string_view id) {
    for (int i = 0; i < kMetricCount; ++i)
        if (id == kMetrics[i].id) return static_cast<Metric>(i);
    return std::nullopt;
}

double metric_value(const Outputs& o, Metric m) {
    switch (m) {
        case Metric::ladder_total_usd: return o.ladder.total_usd;
        case Metric::estimate_gpu_hours: return o.estimate.gpu_hours;
        case Metric::estimate_cost_usd: return o.estimate.cost_usd;
        case Metric::own_usd_per_gpu_hour: return o.own.usd_per_gpu_hour;
        case Metric::break_even_utilisation: return o.break_even_utilisation;
        case Metric::grpo_gpu_hours: return o.rl.grpo.total_gpu_hours;
        case Metric::ppo_gpu_hours: return o.rl.ppo.total_gpu_hours;
        case Metric::rl_saved_fraction: return o.rl.saved_fraction;
        case Metric::api_total_usd: return o.api_usd.total;
        case Metric::api_total_cny: return o.api_cny.total;
        case Metric::serve_margin: return o.serving.cost_profit_margin;
        case Metric::serve_cost_usd: return o.serving.cost_usd;
        case Metric::task_usd: return o.task_usd.total;
        case Metric::task_cny: return o.task_cny.total;
        case Metric::decline_usd: return o.decline_usd;
        case Metric::count_: break;
    }
    return 0;
}

std::string metric_text(Metric m, double value) {
    switch (m) {
        case Metric::estimate_gpu_hours:
        case Metric::grpo_gpu_hours:
        case Metric::ppo_gpu_hours: return format_gpu_hours(value);
        case Metric::break_even_utilisation: return value > 1 ? "never (above 100%)" : format_percent(value);
        case Metric::rl_saved_fraction:
        case Metric::serve_margin: return format_percent(value);
        case Metric::api_total_cny:
        case Metric::task_cny: return format_cny(value);
        default: return format_usd(value);
    }
}

const char* tab_title(std::string_view tab) {
    if (tab == "estimate") return "From first principles";
    if (tab == "own") return "Rent or own";
    if (tab == "rl") return "RL: GRPO vs PPO";
    if (tab == "inference") return "Inference";
    if (tab == "serve") return "What serving costs";
    if (tab == "task") return "Cost per task";
    if (tab == "time") return "Over time";
    return "What is counted";
}

Metric tab_metric(std::string_view tab) {
    if (tab == "estimate") return Metric::estimate_cost_usd;
    if (tab == "own") return Metric::own_usd_per_gpu_hour;
    if (tab == "rl") return Metric::grpo_gpu_hours;
    if (tab == "inference") return Metric::api_total_usd;
    if (tab == "serve") return Metric::serve_margin;
    if (tab == "task") return Metric::task_usd;
    if (tab == "time") return Metric::decline_usd;
    return Metric::ladder_total_usd;
}

std::vector<Row> result_rows(const Scenario& s, const Outputs& o, std::string_view tab) {
    std::vector<Row> rows;
    if (tab == "estimate") {
        rows.push_back({"Training compute", format_flop(o.estimate.flops)});
        rows.push_back({"GPU-hours", format_gpu_hours(o.estimate.gpu_hours)});
        // Without the model's GPU count (0: not in data) there is no wall-clock to show.
        if (s.get(Key::gpus) > 0)
            rows.push_back({"Wall-clock on " + input_value_text(Key::gpus, s.get(Key::gpus)), format_duration_hours(o.estimate.wall_hours)});
        rows.push_back({"Cost at " + format_usd(s.get(Key::rate)) + "/GPU-hour", format_usd(o.estimate.cost_usd)});
    } else if (tab == "own") {
        rows.push_back({"Owning: hardware per GPU-hour", format_usd(o.own.capex_usd_per_gpu_hour)});
        rows.push_back({"Owning: power per GPU-hour", format_usd(o.own.power_usd_per_gpu_hour)});
        rows.push_back({"Owning, per GPU-hour", format_usd(o.own.usd_per_gpu_hour)});
        rows.push_back({"Renting, per GPU-hour", format_usd(s.get(Key::rate))});
        rows.push_back({"Break-even utilisation", metric_text(Metric::break_even_utilisation, o.break_even_utilisation)});
    } else if (tab == "rl") {
        rows.push_back({"Rollout tokens", format_tokens(o.rl.rollout_tokens)});
        rows.push_back({"GRPO", format_gpu_hours(o.rl.grpo.total_gpu_hours)});
        rows.push_back({"PPO", format_gpu_hours(o.rl.ppo.total_gpu_hours)});
        rows.push_back({"Saved by GRPO", format_percent(o.rl.saved_fraction)});
    } else if (tab == "inference") {
        rows.push_back({"Workload cost", format_usd(o.api_usd.total)});
        rows.push_back({"Workload cost in yuan", format_cny(o.api_cny.total)});
        rows.push_back({"KV cache per token, MHA", format_bytes(o.kv_mha_bytes)});
        rows.push_back({"KV cache per token, MLA", format_bytes(o.kv_mla_bytes)});
    } else if (tab == "serve") {
        const Serving& v = o.serving;
        rows.push_back({"Cost a day", format_usd(v.cost_usd)});
        rows.push_back({"Revenue a day at these prices", format_usd(v.revenue.total)});
        rows.push_back({"Margin on cost (profit ÷ cost)", format_percent(v.cost_profit_margin)});
        rows.push_back({"Gross margin (profit ÷ revenue)", format_percent(v.gross_margin)});
        rows.push_back({"Cost per million tokens", format_usd(v.usd_per_mtok)});
        rows.push_back({"Cost per million output tokens", format_usd(v.usd_per_mtok_output)});
        rows.push_back({"Node time the tokens need", format_percent(v.busy_fraction)});
    } else if (tab == "task") {
        rows.push_back({"Tokens billed as output", format_count(task_tokens(s).billed_output())});
        rows.push_back({"Cost per task", format_usd(o.task_usd.total)});
        rows.push_back({"Cost per task in yuan", format_cny(o.task_cny.total)});
        rows.push_back({"Per 1,000 tasks", format_usd(o.task_usd.total * 1000)});
    } else if (tab == "time") {
        rows.push_back({"Cost today", format_usd(o.ladder.total_usd)});
        rows.push_back({"Cost after decline", format_usd(o.decline_usd)});
    } else {
        // What each rung adds, then the running total, as the page's ladder chart says them: a
        // rung's own figure is the one its sources give ("+$5.576M"), not the sum up to it.
        for (int i = 0; i < o.ladder.size; ++i) {
            const LadderStep& step = o.ladder.steps[static_cast<size_t>(i)];
            rows.push_back({s.ladder.rungs[static_cast<size_t>(i)].label,
                            step.on ? format_usd_added(step.add_usd) + ", total " + format_usd(step.total_usd)
                                    : "not counted"});
        }
        rows.push_back({"Total counted", format_usd(o.ladder.total_usd)});
    }
    return rows;
}

Metric headline_metric_of(const Scenario& s, std::string_view tab) {
    const Metric m = tab_metric(tab);
    if (s.currency != "cny") return m;
    return m == Metric::api_total_usd ? Metric::api_total_cny : m == Metric::task_usd ? Metric::task_cny : m;
}

std::string headline_text(const Scenario& s, const Outputs& o, std::string_view tab) {
    const Metric m = headline_metric_of(s, tab);
    return std::string(metric_label(m)) + ": " + metric_text(m, metric_value(o, m));
}

std::string input_value_text(Key k, double value) { return input_value_text(key_info(k), value); }
std::string input_value_text(const Scenario& s, Key k, double value) { return input_value_text(input_info(s, k), value); }

std::string input_value_text(const KeyInfo& info, double value) {
    const std::string unit = info.unit;
    if (unit == "USD") return format_usd(value);
    if (unit.rfind("USD/", 0) == 0) return format_usd(value) + unit.substr(3);  // "$2/GPU-hour"
    if (unit.rfind("fraction", 0) == 0) return format_percent(value);
    if (unit.rfind("x ", 0) == 0) return format_multiple(value);
    if (unit == "GPU-hours") return format_gpu_hours(value);
    if (unit == "tokens") return format_tokens(value);
    if (unit == "million tokens") return format_tokens(value * 1e6);
    if (unit == "billion tokens") return format_tokens(value * 1e9);
    if (unit == "parameters") return format_params(value);
    if (unit == "FLOP/s") return format_flop_per_s(value);
    if (unit == "ratio") return format_sig(value, 3);
    // A count or a plain quantity, then its unit: "1 year", "61 layers", "700 W".
    const bool one = value == 1 && unit.size() > 1 && unit.back() == 's';
    return (info.integer ? format_count(value) : format_sig(value, 4)) + " " + (one ? unit.substr(0, unit.size() - 1) : unit);
}

namespace {
// Allocation-free evaluation of one metric, for the sampling loop.
double eval(const Scenario& s, Metric m) {
    switch (m) {
        case Metric::ladder_total_usd: return ladder_total_usd(ladder_inputs(s), s.rungs);
        case Metric::estimate_gpu_hours: return estimate_training(estimate_inputs(s)).gpu_hours;
        case Metric::estimate_cost_usd: return estimate_training(estimate_inputs(s)).cost_usd;
        case Metric::own_usd_per_gpu_hour: return own_cost(own_inputs(s)).usd_per_gpu_hour;
        case Metric::break_even_utilisation: return break_even_utilisation(own_inputs(s), s.get(Key::rate));
        case Metric::decline_usd:
            return cost_after_years(ladder_total_usd(ladder_inputs(s), s.rungs), s.get(Key::decline),
                                    s.get(Key::decline_years));
        default: return metric_value(compute(s), m);
    }
}
}  // namespace

namespace {
// The draws behind a band: the ranged inputs that move m (drawn in input_keys() order, so the same
// ranges give the same samples), each one's tornado ends, and `samples` draws of every one of them
// with m at each. simulate() and spread() both read these, so their bands are one band.
struct Draws {
    double at_likely = 0;
    std::vector<int> ranged;                    // input indices
    std::vector<double> at_low, at_high;        // per ranged input
    std::vector<std::vector<unsigned char>> bin;   // bin[j][n]: which of kSpreadBins equally likely bins input j's n-th draw is in
    std::vector<double> values;                 // m at each draw
};
Draws draw(const Scenario& s, Metric m, int samples, std::uint64_t seed, bool keep_inputs) {
    Draws d;
    // Only inputs the metric depends on are drawn: moving one to its low and its high (the
    // others at their likely values) must change the metric. The ladder ignores a GPU's price.
    Scenario probe = s;
    for (Range& r : probe.inputs) r = Range::point(r.likely);
    d.at_likely = eval(probe, m);
    if (!s.has_ranges()) return d;
    for (Key k : input_keys(s)) {
        const int i = static_cast<int>(k);
        if (!s.inputs[i].is_range()) continue;
        probe.inputs[i] = Range::point(s.inputs[i].low);
        const double lo = eval(probe, m);
        probe.inputs[i] = Range::point(s.inputs[i].high);
        const double hi = eval(probe, m);
        probe.inputs[i] = Range::point(s.inputs[i].likely);
        if (lo == d.at_likely && hi == d.at_likely) continue;
        d.ranged.push_back(i);
        d.at_low.push_back(lo);
        d.at_high.push_back(hi);
    }
    if (d.ranged.empty() || samples <= 0) return d;
    const size_t n_ranged = d.ranged.size();
    if (keep_inputs) d.bin.assign(n_ranged, std::vector<unsigned char>(static_cast<size_t>(samples)));
    Scenario at = s;
    Rng rng = rng_seeded(seed);
    d.values.resize(static_cast<size_t>(samples));
    for (size_t n = 0; n < d.values.size(); ++n) {
        for (size_t j = 0; j < n_ranged; ++j) {
            const double v = sample_triangular(rng, s.inputs[d.ranged[j]]);
            at.inputs[d.ranged[j]] = Range::point(v);
            // The bin by the input's own CDF: equally likely bins, no sorting.
            if (keep_inputs)
                d.bin[j][n] = static_cast<unsigned char>(
                    std::min(kSpreadBins - 1, static_cast<int>(triangular_cdf(s.inputs[d.ranged[j]], v) * kSpreadBins)));
        }
        d.values[n] = eval(at, m);
    }
    return d;
}
}  // namespace

Percentiles simulate(const Scenario& s, Metric m, int samples, std::uint64_t seed) {
    Draws d = draw(s, m, samples, seed, false);
    if (d.values.empty()) return {d.at_likely, d.at_likely, d.at_likely};
    return percentiles(d.values);
}

Spread spread(const Scenario& s, Metric m, int samples, std::uint64_t seed) {
    Draws d = draw(s, m, samples, seed, true);
    Spread out;
    out.metric = m;
    out.at_likely = d.at_likely;
    if (d.values.empty()) {
        out.band = {d.at_likely, d.at_likely, d.at_likely};
        return out;
    }
    double mean = 0;
    for (double v : d.values) mean += v;
    mean /= static_cast<double>(d.values.size());
    double var = 0;
    for (double v : d.values) var += (v - mean) * (v - mean);
    for (size_t j = 0; j < d.ranged.size(); ++j) {
        // Var(E[m | x_j]): the variance of the bins' means.
        double sum[kSpreadBins] = {}, count[kSpreadBins] = {};
        for (size_t n = 0; n < d.values.size(); ++n) {
            const unsigned char b = d.bin[j][n];
            sum[b] += d.values[n];
            count[b] += 1;
        }
        double between = 0;
        for (int b = 0; b < kSpreadBins; ++b)
            if (count[b] > 0) between += count[b] * (sum[b] / count[b] - mean) * (sum[b] / count[b] - mean);
        out.inputs.push_back({static_cast<Key>(d.ranged[j]), d.at_low[j], d.at_high[j],
                              var > 0 ? std::min(1.0, between / var) : 0.0});
    }
    std::stable_sort(out.inputs.begin(), out.inputs.end(),
                     [](const SpreadInput& a, const SpreadInput& b) { return a.share > b.share; });
    out.band = percentiles(d.values);
    return out;
}

Spread spread_ends(const Scenario& s, Metric m) {
    const Draws d = draw(s, m, 0, 0, false);
    const double unknown = std::numeric_limits<double>::quiet_NaN();
    Spread out;
    out.metric = m;
    out.at_likely = d.at_likely;
    out.band = {unknown, unknown, unknown};
    for (size_t j = 0; j < d.ranged.size(); ++j)
        out.inputs.push_back({static_cast<Key>(d.ranged[j]), d.at_low[j], d.at_high[j], unknown});
    std::stable_sort(out.inputs.begin(), out.inputs.end(), [](const SpreadInput& a, const SpreadInput& b) {
        return std::abs(a.at_high - a.at_low) > std::abs(b.at_high - b.at_low);
    });
    return out;
}

std::vector<Row> spread_rows(const Scenario& s, const Spread& sp) {
    std::vector<Row> rows;
    for (const SpreadInput& in : sp.inputs) {
        const Range& r = s.range(in.key);
        const KeyInfo info = input_info(s, in.key);
        // A share not drawn yet (spread_ends()) keeps the line's shape: the calculator's first frame.
        rows.push_back({info.label, (std::isnan(in.share) ? std::string("\xE2\x80\xA6%") : format_percent(in.share)) + " of the variance; " + metric_text(sp.metric, in.at_low) + " at " +
                                        input_value_text(info, r.low) + ", " + metric_text(sp.metric, in.at_high) + " at " +
                                        input_value_text(info, r.high)});
    }
    return rows;
}

std::string spread_summary(const Scenario& s, const Spread& sp) {
    std::string out;
    for (const SpreadInput& in : sp.inputs)
        out += (out.empty() ? "" : ", ") + std::string(input_info(s, in.key).label) + " " + format_percent(in.share);
    return out.empty() ? "" : "Spread from: " + out;
}

namespace {
// The metric at s with input k set to v (clamped to its limits).
double metric_with(const Scenario& s, Metric m, Key k, double v) {
    Scenario t = s;
    const KeyInfo info = input_info(s, k);
    t.set(k, std::min(std::max(v, info.min), info.max));
    return eval(t, m);
}

// Whether moving k anywhere in its range (its ends, and twice or half its value) moves m.
bool moves(const Scenario& s, Metric m, Key k) {
    const KeyInfo info = input_info(s, k);
    const double v = s.get(k), now = eval(s, m);
    for (double probe : {info.min, info.max, v * 2, v / 2, v + 1})
        if (metric_with(s, m, k, probe) != now) return true;
    return false;
}

std::string quoted_label(const std::string& label) { return "\xE2\x80\x9C" + label + "\xE2\x80\x9D"; }   // “label”

// Why a rung's value does not reach the total: a stand-in replaces it, or it is switched off.
std::string rung_reason(const Scenario& s, const Ladder& l, int rung) {
    const LadderStep& step = l.steps[static_cast<size_t>(rung)];
    if (step.on && step.stood_in_by >= 0)
        return "does not move the total: " + quoted_label(s.ladder.rungs[static_cast<size_t>(step.stood_in_by)].label) +
               " replaces it while it is counted";
    if (!step.on) return "not counted: switched off";
    return "does not move the total: it adds nothing at these values";
}
}  // namespace

std::string not_counted_reason(const Scenario& s, std::string_view tab, Key k) {
    if (!has_input(s, k)) return "";
    const Metric m = headline_metric_of(s, tab);
    if (moves(s, m, k)) return "";
    const bool counted = tab_metric(tab) == Metric::ladder_total_usd;
    if (counted) {
        const Ladder l = compute_ladder(ladder_inputs(s), s.rungs);
        const int r = key_rung(k);
        if (r >= 0) return rung_reason(s, l, r);
        if (k == Key::rate) {
            // The rate prices the gpu_hours rungs (and their multiples): say what keeps them out.
            int stand_in = -1;
            bool any = false;
            for (int i = 0; i < l.size; ++i) {
                if (l.steps[static_cast<size_t>(i)].gpu_hours <= 0 || !l.steps[static_cast<size_t>(i)].on) continue;
                any = true;
                if (l.steps[static_cast<size_t>(i)].stood_in_by >= 0) stand_in = l.steps[static_cast<size_t>(i)].stood_in_by;
            }
            if (any && stand_in >= 0)
                return "does not move the total: " + quoted_label(s.ladder.rungs[static_cast<size_t>(stand_in)].label) +
                       " replaces every rung priced at this rate while it is counted";
            return "does not move the total: no rung priced at this rate is counted";
        }
    }
    // Which of the tab's rows it does move, as the reader sees them.
    const Outputs now = compute(s);
    const std::vector<Row> rows = result_rows(s, now, tab);
    std::string moved;
    const KeyInfo info = input_info(s, k);
    for (double probe : {info.min, info.max, s.get(k) * 2}) {
        Scenario t = s;
        t.set(k, std::min(std::max(probe, info.min), info.max));
        const std::vector<Row> other = result_rows(t, compute(t), tab);
        for (size_t i = 0; i < rows.size() && i < other.size(); ++i)
            if (other[i].value != rows[i].value && moved.find(rows[i].label) == std::string::npos)
                moved += (moved.empty() ? "" : ", ") + rows[i].label;
        if (other.size() != rows.size() && moved.empty()) moved = "the rows shown";
    }
    return moved.empty() ? "not used on this tab" : "not in the headline: moves " + moved;
}

std::string rung_not_counted_reason(const Scenario& s, int rung) {
    if (rung < 0 || rung >= s.ladder.size()) return "";
    Scenario t = s;
    t.rungs ^= 1u << rung;
    if (ladder_total_usd(ladder_inputs(t), t.rungs) != ladder_total_usd(ladder_inputs(s), s.rungs)) return "";
    const Ladder l = compute_ladder(ladder_inputs(s), s.rungs);
    return rung_reason(s, l, rung);
}

std::string band_note(const Scenario& s, Metric m, const Percentiles& p) {
    Scenario likely = s;
    for (Range& r : likely.inputs) r = Range::point(r.likely);
    const double v = eval(likely, m);
    if (!(v < p.p10 || v > p.p90)) return "";
    // The ranged inputs that move m and start at an end of their range: the band can only draw them
    // away from that end.
    std::string ends;
    for (Key k : input_keys(s)) {
        const Range& r = s.range(k);
        if (!r.is_range() || (r.likely != r.low && r.likely != r.high)) continue;
        Scenario lo = likely, hi = likely;
        lo.set(k, r.low);
        hi.set(k, r.high);
        if (eval(lo, m) == v && eval(hi, m) == v) continue;
        const KeyInfo info = input_info(s, k);
        ends += std::string(ends.empty() ? "" : "; ") + info.label + " at " + input_value_text(info, r.likely) +
                (r.likely == r.high ? ", the top" : ", the bottom") + " of its range (" +
                format_span(input_value_text(info, r.low), input_value_text(info, r.high)) + ")";
    }
    const std::string side = v > p.p90 ? "above" : "below";
    if (ends.empty()) return "The headline, at the likely values, lies " + side + " this band";
    return "The headline lies " + side + " this band because it takes " + ends + "; the band draws from the whole range";
}

std::vector<InputGroup> tab_inputs(const Scenario& page, std::string_view tab) {
    if (tab == "estimate") {
        std::vector<Key> keys = {Key::params, Key::tokens, Key::peak, Key::mfu, Key::gpus, Key::rate};
        // A model whose GPU count the data does not give has no wall-clock row, and no GPUs slider.
        if (page.get(Key::gpus) <= 0) keys.erase(std::find(keys.begin(), keys.end(), Key::gpus));
        return {{"", keys}};
    }
    if (tab == "own")
        return {{"Hardware", {Key::gpu_price, Key::server_overhead, Key::years, Key::util}},
                {"Power", {Key::watts, Key::host_overhead, Key::pue, Key::kwh}},
                {"Renting", {Key::rate}}};
    if (tab == "rl")
        return {{"Rollouts", {Key::rl_params, Key::rl_prompts, Key::rl_group, Key::rl_sample_tokens, Key::gen_mfu}},
                {"Training", {Key::value_ratio, Key::mfu, Key::peak, Key::rate}}};
    if (tab == "inference")
        return {{"Workload and API prices", {Key::in_mtok, Key::out_mtok, Key::hit, Key::price_hit, Key::price_miss,
                                             Key::price_out, Key::cny_per_usd}},
                {"KV cache per token", {Key::kv_layers, Key::kv_heads, Key::kv_head_dim, Key::kv_latent, Key::kv_rope,
                                        Key::kv_bytes}}};
    if (tab == "serve")
        return {{"The fleet", {Key::serve_nodes, Key::node_gpus, Key::rate, Key::prefill_tps, Key::decode_tps}},
                {"The day's tokens and prices", {Key::serve_in_btok, Key::serve_out_btok, Key::hit, Key::billed, Key::price_hit,
                                                 Key::price_miss, Key::price_out}}};
    if (tab == "task")
        return {{"One task", {Key::task_in, Key::task_think, Key::task_out, Key::hit}},
                {"API prices", {Key::price_hit, Key::price_miss, Key::price_out, Key::cny_per_usd}}};
    if (tab == "time") return {{"", {Key::decline, Key::decline_years}}};
    // What is counted: each rung's value, in the ladder's order, then the rate.
    std::vector<Key> keys;
    for (int i = 0; i < page.ladder.size(); ++i) keys.push_back(rung_key(i));
    keys.push_back(Key::rate);
    return {{"", keys}};
}

std::vector<Row> input_rows(const Scenario& s, std::string_view tab) {
    std::vector<Row> rows;
    for (const InputGroup& g : tab_inputs(s, tab))
        for (Key k : g.keys) {
            const Range& r = s.range(k);
            std::string value = input_value_text(s, k, r.likely);
            if (r.is_range()) value += " (range " + input_value_text(s, k, r.low) + "\xE2\x80\x93" + input_value_text(s, k, r.high) + ")";
            rows.push_back({std::string(input_info(s, k).label) + " (input)", value});
        }
    return rows;
}

}  // namespace costbook
