// costbook calc: a model's ledger, the ladder and every other tab, as text or JSON.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "cmd/calc_compare.h"
#include "cmd/cli.h"
#include "cmd/report.h"
#include "compute/figures.h"
#include "compute/prices.h"
#include "compute/query.h"
#include "compute/scenario.h"
#include "costbook/format.h"
#include "costbook/outputs.h"
#include "load/data.h"
#include "utf8.h"

namespace costbook::site {

using json = nlohmann::ordered_json;

namespace {

std::string cite_text(const Cite& c) {
    if (c.assumption) return "assumption: " + c.reason;
    return c.source;
}

// `rate_source`: the source id behind the rate (the developer's, or the GPU's rental range's), as
// the exports name it; "" once the scenario changed the rate.
json ledger_json(const Model& m, double rate, const std::string& rate_source) {
    json stages = json::array();
    for (const Stage& s : m.ledger.stages) {
        json j = {{"id", s.id}, {"name", s.name}, {"gpu", s.gpu}, {"gpu_hours", s.gpu_hours},
                  {"cost_usd", stage_cost_usd(s, rate)}, {"source", s.source}};
        if (s.gpus > 0) j["gpus"] = s.gpus;
        if (s.wall_hours > 0) j["wall_hours"] = s.wall_hours;
        if (wall_gpu_hours(s) > 0) j["gpus_x_wall_hours"] = wall_gpu_hours(s);
        j["text"] = {{"gpu_hours", format_gpu_hours(s.gpu_hours)}, {"cost_usd", format_usd(stage_cost_usd(s, rate))}};
        stages.push_back(j);
    }
    json figures = json::array();
    for (const Figure& f : m.figures) {
        json j = {{"label", f.label}, {"value_usd", f.value_usd()}, {"counts", f.counts}, {"source", f.cite.source}};
        if (!f.bound.empty()) j["bound"] = f.bound;
        j["text"] = format_usd(f.value_usd());
        figures.push_back(j);
    }
    json out = {{"model", m.id}, {"name", m.name}, {"counts", m.counts}, {"excludes", m.excludes},
                {"stages", stages},
                {"total_gpu_hours", total_gpu_hours(m.ledger)},
                {"total_cost_usd", total_cost_usd(m.ledger, rate)},
                {"usd_per_gpu_hour", rate},
                {"rate_source", rate_source},
                {"figures", figures}};
    out["text"] = {{"total_gpu_hours", format_gpu_hours(total_gpu_hours(m.ledger))},
                   {"total_cost_usd", format_usd(total_cost_usd(m.ledger, rate))},
                   {"usd_per_gpu_hour", format_usd(rate)}};
    return out;
}

void print_ledger(const Model& m, double rate, const std::string& rate_note) {
    std::cout << m.name << " (" << m.id << ")\n  counts:   " << m.counts << "\n  excludes: " << m.excludes << "\n";
    if (!m.ledger.stages.empty()) {
        std::cout << "\n  " << pad("stage", 36) << pad("GPU", 10) << pad("GPU-hours", 20) << pad("cost", 10) << "source\n";
        for (const Stage& s : m.ledger.stages) {
            std::cout << "  " << pad(s.name, 36) << pad(s.gpu.empty() ? "-" : s.gpu, 10)
                      << pad(format_gpu_hours(s.gpu_hours), 20) << pad(format_usd(stage_cost_usd(s, rate)), 10)
                      << s.source << "\n";
            if (wall_gpu_hours(s) > 0)
                std::cout << "  " << pad("", 46) << "published: " << format_count(s.gpus) << " GPUs x "
                          << format_sig(s.wall_hours, 4) << " h = " << (std::floor(wall_gpu_hours(s)) == wall_gpu_hours(s) ? format_count(wall_gpu_hours(s)) : format_sig(wall_gpu_hours(s), 4))
                          << " GPU-hours\n";
        }
        std::cout << "  " << pad("total", 46) << pad(format_gpu_hours(total_gpu_hours(m.ledger)), 20)
                  << pad(format_usd(total_cost_usd(m.ledger, rate)), 10) << "at " << format_usd(rate)
                  << "/GPU-hour" << rate_note << "\n";
    }
    if (!m.figures.empty()) {
        std::cout << "\n  other figures:\n";
        for (const Figure& f : m.figures)
            std::cout << "  " << pad(figure_text(f), 14)
                      << f.label << " (" << cite_text(f.cite) << ")\n";
    }
}

// The rung's data: its cite (a source id, or "assumption: <reason>") and whether it is an assumption.
const LadderRung* rung_data(const Data& d, const Scenario& s, int i) {
    const LadderData* l = d.ladder(s.ladder.id);
    return l && i >= 0 && i < static_cast<int>(l->rungs.size()) ? &l->rungs[static_cast<size_t>(i)] : nullptr;
}
std::string rung_cite(const Data& d, const Scenario& s, int i) {
    const LadderRung* g = rung_data(d, s, i);
    return g ? cite_text(g->cite) : "";
}
bool rung_is_assumption(const Data& d, const Scenario& s, int i) {
    const LadderRung* g = rung_data(d, s, i);
    return g && g->cite.assumption;
}

json ladder_json(const Data& d, const Scenario& s, const Outputs& o) {
    json rungs = json::array();
    const double headline = o.ladder.size > 0 ? o.ladder.steps[0].add_usd : 0;
    for (int i = 0; i < o.ladder.size; ++i) {
        const LadderStep& st = o.ladder.steps[static_cast<size_t>(i)];
        const RungSpec& r = s.ladder.rungs[static_cast<size_t>(i)];
        json j = {{"id", r.id}, {"label", r.label}, {"on", st.on}, {"add_usd", st.add_usd},
                  {"total_usd", st.total_usd}, {"assumption", rung_is_assumption(d, s, i)}, {"cite", rung_cite(d, s, i)},
                  {"kind", rung_kind_id(r.kind)}, {"key", r.key}, {"value", s.get(rung_key(i))}};
        if (st.stood_in_by >= 0) j["stood_in_by"] = s.ladder.rungs[static_cast<size_t>(st.stood_in_by)].id;
        j["text"] = {{"add_usd", format_usd(st.add_usd)}, {"total_usd", format_usd(st.total_usd)}};
        if (headline > 0 && st.on) j["text"]["times_headline"] = format_multiple(st.total_usd / headline);
        rungs.push_back(j);
    }
    json out = {{"ladder", s.ladder.id}, {"rungs", rungs}, {"counted", rungs_to_text(s.ladder, s.rungs)},
                {"usd_per_gpu_hour", s.get(Key::rate)}};
    json text = {{"total_usd", format_usd(o.ladder.total_usd)}};
    // Each stand-in's amount under its key (the default site's `fleet_usd`): what replaces rented compute.
    for (int i = 0; i < s.ladder.size(); ++i)
        if (s.ladder.rungs[static_cast<size_t>(i)].kind == RungKind::stands_in) {
            out[s.ladder.rungs[static_cast<size_t>(i)].key] = s.get(rung_key(i));
            text[s.ladder.rungs[static_cast<size_t>(i)].key] = format_usd(s.get(rung_key(i)));
        }
    out["total_usd"] = o.ladder.total_usd;
    out["text"] = text;
    return out;
}

void print_ladder(const Data& d, const Scenario& s, const Outputs& o) {
    std::cout << "\nWhat is counted (compute at " << format_usd(s.get(Key::rate)) << "/GPU-hour)\n";
    const double headline = o.ladder.size > 0 ? o.ladder.steps[0].add_usd : 0;
    for (int i = 0; i < o.ladder.size; ++i) {
        const LadderStep& st = o.ladder.steps[static_cast<size_t>(i)];
        std::cout << "  [" << (st.on ? "x" : " ") << "] " << pad(s.ladder.rungs[static_cast<size_t>(i)].label, 38)
                  << pad(st.on ? format_usd_added(st.add_usd) : "-", 12)
                  << pad(format_usd(st.total_usd), 10)
                  << pad(st.on && headline > 0 ? format_multiple(st.total_usd / headline) : "", 8)
                  << rung_cite(d, s, i) << "\n";
    }
    std::cout << "  total counted: " << format_usd(o.ladder.total_usd) << " (" << rungs_to_text(s.ladder, s.rungs) << ")";
    // What each counted stand-in replaces, and with how much.
    for (int j = 0; j < o.ladder.size; ++j) {
        std::string replaced;
        for (int i = 0; i < j; ++i)
            if (o.ladder.steps[static_cast<size_t>(i)].stood_in_by == j)
                replaced += (replaced.empty() ? "" : ", ") + s.ladder.rungs[static_cast<size_t>(i)].label;
        if (!replaced.empty())
            std::cout << "; " << s.ladder.rungs[static_cast<size_t>(j)].label << " replaces " << replaced << " with "
                      << format_usd(s.get(rung_key(j)));
    }
    std::cout << "\n";
}

json estimate_json(const Scenario& s, const Outputs& o) {
    return {{"params_active", s.get(Key::params)}, {"tokens", s.get(Key::tokens)},
            {"peak_flop_per_s", s.get(Key::peak)}, {"mfu", s.get(Key::mfu)}, {"gpus", s.get(Key::gpus)},
            {"flops", o.estimate.flops}, {"gpu_hours", o.estimate.gpu_hours}, {"wall_hours", o.estimate.wall_hours},
            {"cost_usd", o.estimate.cost_usd},
            {"text", {{"flops", format_flop(o.estimate.flops)}, {"gpu_hours", format_gpu_hours(o.estimate.gpu_hours)},
                      {"wall", format_duration_hours(o.estimate.wall_hours)}, {"cost_usd", format_usd(o.estimate.cost_usd)},
                      {"mfu", format_percent(s.get(Key::mfu))}}}};
}

void print_estimate(const Scenario& s, const Outputs& o) {
    std::cout << "\nFrom first principles (6 x N x D)\n"
              << "  " << format_params(s.get(Key::params)) << " active x " << format_tokens(s.get(Key::tokens))
              << " = " << format_flop(o.estimate.flops) << "\n"
              << "  at " << format_percent(s.get(Key::mfu)) << " of " << format_flop_per_s(s.get(Key::peak)) << ": "
              << format_gpu_hours(o.estimate.gpu_hours)
              << (s.get(Key::gpus) > 0 ? ", " + format_duration_hours(o.estimate.wall_hours) + " on " + input_value_text(Key::gpus, s.get(Key::gpus))
                                       : std::string())
              << ", " << format_usd(o.estimate.cost_usd) << "\n";
}

json own_json(const Scenario& s, const Outputs& o) {
    return {{"gpu_price_usd", s.get(Key::gpu_price)}, {"capex_usd_per_gpu_hour", o.own.capex_usd_per_gpu_hour},
            {"power_usd_per_gpu_hour", o.own.power_usd_per_gpu_hour}, {"usd_per_gpu_hour", o.own.usd_per_gpu_hour},
            {"rent_usd_per_gpu_hour", s.get(Key::rate)}, {"break_even_utilisation", o.break_even_utilisation},
            {"text", {{"usd_per_gpu_hour", format_usd(o.own.usd_per_gpu_hour)},
                      {"break_even_utilisation", metric_text(Metric::break_even_utilisation, o.break_even_utilisation)}}}};
}

void print_own(const Scenario& s, const Outputs& o) {
    std::cout << "\nRent or own\n"
              << "  owning: " << format_usd(o.own.capex_usd_per_gpu_hour) << " hardware + "
              << format_usd(o.own.power_usd_per_gpu_hour) << " power = " << format_usd(o.own.usd_per_gpu_hour)
              << " per used GPU-hour (" << format_usd(s.get(Key::gpu_price)) << " GPU, " << format_sig(s.get(Key::years), 3)
              << " years, " << format_percent(s.get(Key::util)) << " utilised)\n"
              << "  renting: " << format_usd(s.get(Key::rate)) << "; owning wins above "
              << metric_text(Metric::break_even_utilisation, o.break_even_utilisation) << " utilisation\n";
}

json rl_json(const Outputs& o) {
    json phases = json::array();
    for (int p = 0; p < kRlPhaseCount; ++p)
        phases.push_back({{"phase", rl_phase_label(p)}, {"grpo_gpu_hours", o.rl.grpo.gpu_hours[p]},
                          {"ppo_gpu_hours", o.rl.ppo.gpu_hours[p]}});
    return {{"rollout_tokens", o.rl.rollout_tokens}, {"phases", phases},
            {"grpo_gpu_hours", o.rl.grpo.total_gpu_hours}, {"ppo_gpu_hours", o.rl.ppo.total_gpu_hours},
            {"saved_gpu_hours", o.rl.saved_gpu_hours}, {"saved_fraction", o.rl.saved_fraction},
            {"text", {{"grpo", format_gpu_hours(o.rl.grpo.total_gpu_hours)}, {"ppo", format_gpu_hours(o.rl.ppo.total_gpu_hours)},
                      {"saved", format_percent(o.rl.saved_fraction)}}}};
}

void print_rl(const Outputs& o) {
    std::cout << "\nRL: GRPO vs PPO for " << format_tokens(o.rl.rollout_tokens) << " of rollouts\n";
    for (int p = 0; p < kRlPhaseCount; ++p)
        std::cout << "  " << pad(rl_phase_label(p), 26) << pad(format_gpu_hours(o.rl.grpo.gpu_hours[p]), 22)
                  << format_gpu_hours(o.rl.ppo.gpu_hours[p]) << "\n";
    std::cout << "  " << pad("total (GRPO, PPO)", 26) << pad(format_gpu_hours(o.rl.grpo.total_gpu_hours), 22)
              << format_gpu_hours(o.rl.ppo.total_gpu_hours) << "\n  GRPO saves " << format_percent(o.rl.saved_fraction)
              << " (" << format_gpu_hours(o.rl.saved_gpu_hours) << ")\n";
}

// "¥1 / ¥4 / ¥16", or why there are no yuan: a page and the CLI never guess a conversion.
std::string yuan_text(const std::optional<Yuan>& y) {
    if (!y) return "no yuan list found, no exchange rate for its month";
    return format_cny(y->cny.input_hit_per_mtok) + " / " + format_cny(y->cny.input_miss_per_mtok) + " / " + format_cny(y->cny.output_per_mtok) +
           (y->published ? "" : " (converted at " + format_sig(y->rate->cny_per_usd, 5) + ", " + y->rate->month + ")");
}

json inference_json(const Data& d, const Scenario& s, const Outputs& o) {
    json prices = json::array();
    for (const Price& p : d.prices) {
        const ApiPrice usd = price_in(p, "usd", s.get(Key::cny_per_usd));
        const auto y = yuan_of(d, p);
        json j = {{"id", p.id}, {"name", p.name}, {"from", p.from}, {"until", p.until}, {"as_of", p.as_of}, {"period", p.period_text()},
                  {"usd", {usd.input_hit_per_mtok, usd.input_miss_per_mtok, usd.output_per_mtok}},
                  {"cny_published", p.cny.has_value()}, {"source", p.cite.source}};
        if (y) j["cny"] = {y->cny.input_hit_per_mtok, y->cny.input_miss_per_mtok, y->cny.output_per_mtok};
        else j["cny"] = nullptr;
        if (y && !y->published) j["cny_per_usd"] = {{"month", y->rate->month}, {"rate", y->rate->cny_per_usd}, {"source", y->rate->cite.source}};
        j["text"] = {{"usd", {format_usd(usd.input_hit_per_mtok), format_usd(usd.input_miss_per_mtok), format_usd(usd.output_per_mtok)}},
                     {"cny", yuan_text(y)}};
        prices.push_back(j);
    }
    return {{"prices", prices}, {"cny_per_usd", s.get(Key::cny_per_usd)},
            {"workload", {{"input_tokens", s.get(Key::in_mtok) * 1e6}, {"output_tokens", s.get(Key::out_mtok) * 1e6},
                          {"cache_hit_fraction", s.get(Key::hit)}, {"usd", o.api_usd.total}, {"cny", o.api_cny.total},
                          {"text", {{"usd", format_usd(o.api_usd.total)}, {"cny", format_cny(o.api_cny.total)}}}}},
            {"kv_cache", {{"mha_bytes_per_token", o.kv_mha_bytes}, {"mla_bytes_per_token", o.kv_mla_bytes},
                          {"mla_share", o.kv_mla_bytes / o.kv_mha_bytes},
                          {"text", {{"mha", format_bytes(o.kv_mha_bytes)}, {"mla", format_bytes(o.kv_mla_bytes)},
                                    {"mla_share", format_percent(o.kv_mla_bytes / o.kv_mha_bytes)}}}}}};
}

void print_inference(const Data& d, const Scenario& s, const Outputs& o) {
    std::cout << "\nAPI prices per million tokens: cache hit / miss / output; yuan as published, else converted at the "
                 "rate of the price's month\n";
    for (const Price& p : d.prices) {
        const ApiPrice usd = price_in(p, "usd", s.get(Key::cny_per_usd));
        std::cout << "  " << pad(p.name, 44) << pad(p.period_text(), 34)
                  << pad(format_usd(usd.input_hit_per_mtok) + " / " + format_usd(usd.input_miss_per_mtok) + " / " + format_usd(usd.output_per_mtok), 26)
                  << yuan_text(yuan_of(d, p)) << "\n";
    }
    std::cout << "  workload: " << format_tokens(s.get(Key::in_mtok) * 1e6) << " in (" << format_percent(s.get(Key::hit))
              << " cache hits), " << format_tokens(s.get(Key::out_mtok) * 1e6) << " out = " << format_usd(o.api_usd.total)
              << " = " << format_cny(o.api_cny.total) << "\n"
              << "  KV cache per token: MHA " << format_bytes(o.kv_mha_bytes) << ", MLA " << format_bytes(o.kv_mla_bytes)
              << " (" << format_percent(o.kv_mla_bytes / o.kv_mha_bytes) << ")\n";
}

// The tab's rows as core formats them: the same text the calculator shows.
json rows_json(const Scenario& s, const Outputs& o, const char* tab) {
    json rows = json::array();
    for (const Row& r : result_rows(s, o, tab)) rows.push_back({{"label", r.label}, {"value", r.value}});
    return rows;
}

void print_rows(const Scenario& s, const Outputs& o, const char* tab) {
    std::cout << "\n" << tab_title(tab) << "\n";
    for (const Row& r : result_rows(s, o, tab)) std::cout << "  " << pad(r.label, 40) << r.value << "\n";
}

json serve_json(const Data& d, const Scenario& s, const Outputs& o) {
    const Serving& v = o.serving;
    json j = {{"cost_usd", v.cost_usd}, {"revenue_usd", v.revenue.total}, {"profit_usd", v.profit_usd},
              {"cost_profit_margin", v.cost_profit_margin}, {"gross_margin", v.gross_margin},
              {"usd_per_mtok", v.usd_per_mtok}, {"usd_per_mtok_output", v.usd_per_mtok_output},
              {"busy_fraction", v.busy_fraction}, {"rows", rows_json(s, o, "serve")}};
    for (const char* id : {"serving-cost-per-day", "serving-revenue-per-day", "serving-margin"})
        if (const Fact* f = d.fact(id)) j["published"][id] = f->value.likely;
    return j;
}

void print_serve(const Data& d, const Scenario& s, const Outputs& o) {
    print_rows(s, o, "serve");
    const Fact* cost = d.fact("serving-cost-per-day");
    const Fact* revenue = d.fact("serving-revenue-per-day");
    if (cost && revenue)
        std::cout << "  published: " << format_usd(cost->value.likely) << " a day of cost and "
                  << format_usd(revenue->value.likely) << " of theoretical revenue (" << cost->cite.source << ")\n";
}

// The price date the task table uses: --prices, else the first date data/tasks.toml offers; "all" = every compared price.
std::string task_date(const Data& d, const std::string& asked) {
    if (asked == "all") return "";
    if (!asked.empty()) return asked;
    return d.task_dates.empty() ? "" : d.task_dates.front();
}

json task_json(const Data& d, const Scenario& s, const Outputs& o, const std::string& date) {
    json table = json::array();
    for (const TaskCell& c : task_table(d, date)) {
        json j = {{"task", c.task->id}, {"price", c.price->id}, {"period", c.price->period_text()}, {"output_tokens", c.output_tokens},
                  {"usd", {{"miss", c.usd_miss.total}, {"hit", c.usd_hit.total}}}};
        j["cny"] = c.cny_known ? json{{"miss", c.cny_miss.total}, {"hit", c.cny_hit.total}, {"published", c.cny_published}} : json(nullptr);
        j["text"] = {{"usd", {format_usd(c.usd_miss.total), format_usd(c.usd_hit.total)}},
                     {"cny", c.cny_known ? json{format_cny(c.cny_miss.total), format_cny(c.cny_hit.total)} : json(nullptr)}};
        table.push_back(j);
    }
    return {{"usd", o.task_usd.total}, {"cny", o.task_cny.total}, {"rows", rows_json(s, o, "task")},
            {"prices_on", date.empty() ? json(nullptr) : json(date)}, {"compare", table}};
}

void print_task(const Data& d, const Scenario& s, const Outputs& o, const std::string& date, const std::string& price_id) {
    print_rows(s, o, "task");
    if (const Price* p = d.price(price_id.empty() ? d.default_price : price_id))
        std::cout << "  at " << p->name << "'s price, " << p->period_text() << " (--price ID to change)\n";
    std::cout << "\n  Per task, all input a cache miss / all a hit (token counts: data/tasks.toml, assumptions)\n"
              << "  Prices " << (date.empty() ? "of every compared period" : "in effect " + std::string(date.size() == 7 ? "in " : "on ") + date)
              << " (--prices YYYY-MM-DD, YYYY-MM or all)\n";
    const std::vector<TaskCell> cells = task_table(d, date);
    if (cells.empty()) std::cout << "  no compared price is in effect " << (date.size() == 7 ? "in " : "on ") << date << "\n";
    const Task* last = nullptr;
    for (const TaskCell& c : cells) {
        if (c.task != last) std::cout << "  " << c.task->name << "\n";
        last = c.task;
        std::cout << "    " << pad(c.price->name, 44) << pad(c.price->period_text(), 34) << pad(format_count(c.output_tokens) + " out", 12)
                  << pad(format_usd(c.usd_miss.total) + " / " + format_usd(c.usd_hit.total), 22)
                  << (c.cny_known ? format_cny(c.cny_miss.total) + " / " + format_cny(c.cny_hit.total) + (c.cny_published ? "" : " (converted)")
                                  : std::string("no yuan price found"))
                  << "\n";
    }
}

json time_json(const Scenario& s, const Outputs& o) {
    return {{"cost_usd", o.ladder.total_usd}, {"annual_decline", s.get(Key::decline)}, {"years", s.get(Key::decline_years)},
            {"cost_after_usd", o.decline_usd}, {"text", {{"cost_after_usd", format_usd(o.decline_usd)}}}};
}

void print_time(const Scenario& s, const Outputs& o) {
    std::cout << "\nOver time\n  " << format_usd(o.ladder.total_usd) << " falling " << format_percent(s.get(Key::decline))
              << " a year: " << format_usd(o.decline_usd) << " after " << format_sig(s.get(Key::decline_years), 3)
              << (s.get(Key::decline_years) == 1 ? " year\n" : " years\n");
}

}  // namespace

int cmd_calc(const CalcOptions& opt) {
    const auto data = load_or_report(opt.site);
    if (!data) return kExitBadInput;
    if (!opt.compare.empty() || !opt.export_format.empty()) return calc_compare_or_export(*data, opt);
    // The query on top of its model's seed (model=<id> starts from that model's data), on its
    // ladder (--ladder, or the query's ladder=).
    ScenarioChoice choice;
    choice.model = opt.model;
    choice.ladder = opt.ladder;
    choice.price = opt.price;
    const auto seeded = seed_query(*data, choice, opt.scenario);
    if (!seeded) {
        print_error(seeded.error.message, seeded.error.help);
        return kExitUsage;
    }
    const Scenario* base = &seeded->seed.scenario;
    const Query& parsed = seeded->query;
    for (const Error& e : parsed.errors) print_error(e.message, e.help);
    if (!parsed.errors.empty()) return kExitUsage;
    for (const std::string& n : parsed.notes) print_warning(n);
    const Scenario& s = parsed.scenario;
    const Model& m = *data->model(s.model);
    if (!opt.prices.empty() && opt.prices != "all" && !is_price_date(opt.prices)) {
        print_error("`--prices " + opt.prices + "` is not a date", "write YYYY-MM-DD (prices in effect that day), YYYY-MM (at any time that month) or all");
        return kExitUsage;
    }
    const std::string prices_date = task_date(*data, opt.prices);
    // --all: the tabs this site's data supports; a tab named that it does not support is an error.
    const Tabs supported = supported_tabs(*data);
    const std::vector<std::string> tabs = opt.all ? supported : opt.tabs;
    for (const std::string& tab : tabs)
        if (std::find(supported.begin(), supported.end(), tab) == supported.end()) {
            std::string list;
            for (const std::string& t : supported) list += (list.empty() ? "" : ", ") + t;
            print_error("tab `" + tab + "` is not supported by this site's data", "this site's tabs: " + list);
            return kExitUsage;
        }
    const double rate = s.get(Key::rate);
    const Outputs o = compute(s);

    json out = ledger_json(m, rate, parsed.sources[static_cast<size_t>(Key::rate)]);
    for (const std::string& tab : tabs) {
        if (tab == "counted") out["ladder"] = ladder_json(*data, s, o);
        else if (tab == "estimate") out["estimate"] = estimate_json(s, o);
        else if (tab == "own") out["own"] = own_json(s, o);
        else if (tab == "rl") out["rl"] = rl_json(o);
        else if (tab == "inference") out["inference"] = inference_json(*data, s, o);
        else if (tab == "serve") out["serve"] = serve_json(*data, s, o);
        else if (tab == "task") out["task"] = task_json(*data, s, o, prices_date);
        else if (tab == "time") out["time"] = time_json(s, o);
    }
    json bands = json::object();
    if (opt.uncertainty) {
        for (const std::string& tab : tabs.empty() ? std::vector<std::string>{"counted"} : tabs) {
            const Metric mt = tab_metric(tab);
            const auto t0 = std::chrono::steady_clock::now();
            // The band and what drives it, from the same draws (core's spread()).
            const Spread sp = spread(s, mt, opt.samples, opt.seed ? opt.seed : kDefaultSeed);
            const Percentiles& p = sp.band;
            if (opt.timing)
                std::fprintf(stderr, "sampling: %.3f ms (%d samples, %s)\n",
                             std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count(),
                             opt.samples, metric_id(mt));
            json drivers = json::array();
            const std::vector<Row> rows = spread_rows(s, sp);
            for (size_t i = 0; i < sp.inputs.size(); ++i) {
                const SpreadInput& in = sp.inputs[i];
                drivers.push_back({{"key", input_info(s, in.key).name}, {"share", in.share}, {"at_low", in.at_low},
                                   {"at_high", in.at_high}, {"text", rows[i].label + ": " + rows[i].value}});
            }
            bands[metric_id(mt)] = {{"p10", p.p10}, {"p50", p.p50}, {"p90", p.p90},
                                    {"text", {metric_text(mt, p.p10), metric_text(mt, p.p50), metric_text(mt, p.p90)}},
                                    {"drivers", drivers}};
        }
        out["uncertainty"] = {{"samples", opt.samples}, {"seed", opt.seed ? opt.seed : kDefaultSeed}, {"metrics", bands}};
    }
    out["scenario"] = write_scenario(s, base);

    if (opt.json) {
        std::cout << out.dump(2) << "\n";
        return kExitOk;
    }
    const double default_rate = base->get(Key::rate);
    const std::string rate_note = rate != default_rate ? " (scenario)"
                                  : !m.ledger.rate_source.empty() ? " (" + m.ledger.rate_source + ")"
                                  : " (" + m.gpu + "'s likely rental rate, data/gpus/" + m.gpu + ".toml)";
    print_ledger(m, rate, rate_note);
    for (const std::string& tab : tabs) {
        if (tab == "counted") print_ladder(*data, s, o);
        else if (tab == "estimate") print_estimate(s, o);
        else if (tab == "own") print_own(s, o);
        else if (tab == "rl") print_rl(o);
        else if (tab == "inference") print_inference(*data, s, o);
        else if (tab == "serve") print_serve(*data, s, o);
        else if (tab == "task") print_task(*data, s, o, prices_date, opt.price);
        else if (tab == "time") print_time(s, o);
    }
    if (opt.uncertainty) {
        std::cout << "\nUncertainty (" << format_count(opt.samples) << " samples, P10 / P50 / P90)\n";
        for (auto& [id, b] : bands.items())
        {
            std::cout << "  " << pad(metric_label(*find_metric(id)), 26) << b["text"][0].get<std::string>() << " / "
                      << b["text"][1].get<std::string>() << " / " << b["text"][2].get<std::string>() << "\n";
            // What drives the spread: each ranged input's share of the variance and its tornado ends.
            if (!b["drivers"].empty()) std::cout << "    what drives the spread (share of the variance; the headline at each input's low and high):\n";
            for (const auto& d : b["drivers"]) std::cout << "    " << d["text"].get<std::string>() << "\n";
        }
    }
    return kExitOk;
}

}  // namespace costbook::site
