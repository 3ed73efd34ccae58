#include "render/widgets.h"

#include <algorithm>
#include <cmath>

#include "compute/query.h"
#include "costbook/format.h"
#include "costbook/mfu_model.h"
#include "costbook/outputs.h"
#include "render/charts/from_data.h"
#include "render/html.h"

namespace costbook::site {

std::string source_href(const SiteContext& site, const std::string& id) {
    return site.url("sources/") + "#src-" + id;
}

namespace {
// A task's token counts, as the assumptions table and the task table both show them.
std::string task_tokens_text(const Task& t) {
    return format_count(t.input_tokens) + " in, " + format_count(t.reasoning_tokens) + " thinking, " +
           format_count(t.output_tokens) + " out";
}


// A figure: linked to its source, or labelled an assumption, or derived with what it is derived
// from; a dated figure (a price) says when it applied, in the text a reader sees.
std::string figure_html(const SiteContext& site, const Fig& f) {
    const std::string dated = f.dated.empty() ? "" : "<span class=\"cb-asof\"> (" + escape(f.dated) + ")</span>";
    if (f.assumption) {
        // The label links to the site's own table of assumptions: the first page with {{< assumptions >}}, if any.
        const std::string label = site.assumptions_page.empty()
            ? std::string("assumption")
            : "<a href=\"" + escape(site.url(site.assumptions_page)) + "#cb-assumptions\">assumption</a>";
        return "<span class=\"cb-fig cb-assumption\" title=\"Assumption: " + escape(f.reason) + "\">" + escape(f.text) +
               "<sup>" + label + "</sup></span>" + dated;
    }
    if (f.source == "derived" || f.source.empty())
        return "<span class=\"cb-fig cb-derived\" title=\"" + escape("Derived: " + f.reason) + "\">" + escape(f.text) + "</span>" + dated;
    const Source* s = site.data ? site.data->source(f.source) : nullptr;
    return "<a class=\"cb-fig\" href=\"" + escape(source_href(site, f.source)) + "\" title=\"" +
           escape("Source: " + (s ? s->title : f.source) + (f.reason.empty() ? "" : "; " + f.reason)) + "\">" + escape(f.text) + "</a>" + dated;
}

const char* const kConvertedNote =
    "<p class=\"cb-table-note\"><sup>\xE2\x80\xA0</sup> Published only in dollars: converted at the average exchange rate of the "
    "month the price took effect.</p>\n";

// "¥0.2745†", "not found": a yuan price or cost as the tables show it.
std::string yuan_cell(const SiteContext& site, const Price& p, bool known, bool published, double cny) {
    if (!known)
        return "<td class=\"num cb-missing\" title=\"no yuan list found, and no exchange rate for the price's month in data\">not found</td>";
    if (published) return "<td class=\"num\">" + escape(format_cny(cny)) + "</td>";
    const MonthRate* m = p.from.size() >= 7 ? site.data->rate_for_month(p.from.substr(0, 7)) : nullptr;
    const std::string how = m ? "published only in dollars; converted at " + format_sig(m->cny_per_usd, 5) + " CNY per USD, the " +
                                    m->month + " average (" + m->cite.source + ")"
                              : "published only in dollars; converted";
    return "<td class=\"num cb-derived\" title=\"" + escape(how) + "\">" + escape(format_cny(cny)) +
           "<sup class=\"cb-conv\" aria-label=\"converted from dollars\">\xE2\x80\xA0</sup></td>";
}

Diagnostic at(const Page& page, const Shortcode& sc, std::string message, std::string help = {}) {
    Diagnostic d;
    d.path = page.src;
    d.line = sc.line;
    d.col = sc.col;
    d.len = static_cast<int>(sc.text.size());
    d.message = std::move(message);
    d.help = std::move(help);
    return d;
}

std::string broken(const std::string& what) { return "<span class=\"cb-broken\">[" + escape(what) + "]</span>"; }

// "a, b, c": a list the code knows, for a help line.
template <class It>
std::string join(It first, It last) {
    std::string out;
    for (; first != last; ++first) out += (out.empty() ? "" : ", ") + std::string(*first);
    return out;
}

// The registry key nearest a mistyped one (Levenshtein distance), for "did you mean".
std::string closest_key(const FigureRegistry& r, const std::string& key) {
    std::string best;
    size_t best_d = SIZE_MAX;
    for (const auto& [k, _] : r) {
        std::vector<size_t> prev(key.size() + 1), cur(key.size() + 1);
        for (size_t j = 0; j <= key.size(); ++j) prev[j] = j;
        for (size_t i = 1; i <= k.size(); ++i) {
            cur[0] = i;
            for (size_t j = 1; j <= key.size(); ++j)
                cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (k[i - 1] == key[j - 1] ? 0 : 1)});
            std::swap(prev, cur);
        }
        if (prev[key.size()] < best_d) { best_d = prev[key.size()]; best = k; }
    }
    return best_d <= std::max<size_t>(3, key.size() / 3) ? best : "";
}

// A figure key of this site's own, for a help line: its first model's total, else any key.
std::string example_key(const SiteContext& site) {
    if (site.data)
        for (const Model& m : site.data->models)
            if (site.figures.count(m.id + ".total_gpu_hours")) return m.id + ".total_gpu_hours";
    return site.figures.empty() ? "<model>.total_gpu_hours" : site.figures.begin()->first;
}

}  // namespace

std::string calc_embed(const SiteContext& site, const std::string& tab, const Scenario& s, const InputSources& sources, int index,
                       const std::vector<std::string>& tabs) {
    const Outputs o = compute(s);
    std::string tab_list;
    for (const std::string& t : tabs.empty() ? site.tabs : tabs) tab_list += (tab_list.empty() ? "" : ",") + t;
    // The sources behind the inputs that still hold the data's values: the calculator's downloads cite them.
    // The ladder's rungs (labels, kinds) and the tabs to show travel beside the scenario.
    std::string h = "<figure class=\"cb-calc\" id=\"calc-" + std::to_string(index) + "\" data-tab=\"" + escape(tab) +
                    "\" data-scenario=\"" + escape(write_scenario(s)) + "\" data-sources=\"" + escape(write_sources(sources, s)) +
                    "\"" + (s.ladder.rungs.empty() ? "" : " data-ladder=\"" + escape(write_ladder(s.ladder)) + "\"") +
                    " data-tabs=\"" + escape(tab_list) + "\">\n";
    h += "<div class=\"cb-calc-frame\"><canvas class=\"cb-calc-canvas\" tabindex=\"0\" aria-label=\"" +
         escape(std::string("Cost calculator, ") + tab_title(tab) +
                ": Tab moves between controls, arrow keys change a slider") +
         "\"></canvas>";
    h += site.calculator ? "<p class=\"cb-calc-status\">The calculator starts when it scrolls into view.</p>"
                         : "<p class=\"cb-calc-status\">The interactive calculator is not part of this build; the results below are computed for the scenario shown.</p>";
    h += "</div>\n<p class=\"cb-calc-live\" aria-live=\"polite\">" + escape(headline_text(s, o, tab)) + "</p>\n";
    h += "<table class=\"cb-calc-table\"><caption>" + escape(tab_title(tab)) + ": results for this scenario</caption><tbody>\n";
    for (const Row& r : result_rows(s, o, tab))
        h += "<tr><th scope=\"row\">" + escape(r.label) + "</th><td>" + escape(r.value) + "</td></tr>\n";
    h += "</tbody></table>\n</figure>\n";
    return h;
}

std::string ledger_table(const SiteContext& site, const Model& m) {
    const double rate = m.ledger.usd_per_gpu_hour;
    std::string h = "<div class=\"table-wrap\"><table class=\"cb-ledger\"><caption>" + escape(m.name) +
                    ": GPU-hours as published" + (rate > 0 ? ", at " + format_usd(rate) + " per GPU-hour" : "") +
                    (rate > 0 && m.rate.assumption ? " (an assumption: " + escape(m.rate.reason) + ")" : "") +
                    "</caption>\n<thead><tr><th scope=\"col\">Stage</th><th scope=\"col\">GPU</th><th scope=\"col\" class=\"num\">GPU-hours</th>" +
                    (rate > 0 ? "<th scope=\"col\" class=\"num\">Cost</th>" : "") + "<th scope=\"col\">Source</th></tr></thead>\n<tbody>\n";
    for (const Stage& s : m.ledger.stages) {
        const Gpu* g = site.data->gpu(s.gpu);
        h += "<tr><th scope=\"row\">" + escape(s.name);
        if (wall_gpu_hours(s) > 0)
            h += "<br><small>" + escape(format_count(s.gpus) + " GPUs × " + format_sig(s.wall_hours, 4) + " h = " +
                                        (std::floor(wall_gpu_hours(s)) == wall_gpu_hours(s) ? format_count(wall_gpu_hours(s)) : format_sig(wall_gpu_hours(s), 4)) + " GPU-hours") + "</small>";
        h += "</th><td>" + escape(g ? g->name : s.gpu.empty() ? "not named" : s.gpu) + "</td><td class=\"num\">" +
             escape(format_gpu_hours(s.gpu_hours)) + "</td>";
        if (rate > 0) h += "<td class=\"num\">" + escape(format_usd(stage_cost_usd(s, rate))) + "</td>";
        h += "<td><a href=\"" + escape(source_href(site, s.source)) + "\">" + escape(s.source) + "</a></td></tr>\n";
    }
    h += "</tbody><tfoot><tr><th scope=\"row\">Total</th><td></td><td class=\"num\">" +
         escape(format_gpu_hours(total_gpu_hours(m.ledger))) + "</td>";
    if (rate > 0) h += "<td class=\"num\">" + escape(format_usd(total_cost_usd(m.ledger, rate))) + "</td>";
    h += "<td></td></tr></tfoot></table></div>\n";
    return h;
}

std::string sources_list(const SiteContext& site) {
    std::string h = "<dl class=\"cb-sources\">\n";
    for (const Source& s : site.data->sources) {
        h += "<dt id=\"src-" + escape(s.id) + "\"><code>" + escape(s.id) + "</code> ";
        h += s.url.empty() ? escape(s.title) : "<a href=\"" + escape(s.url) + "\" rel=\"noopener\">" + escape(s.title) + "</a>";
        h += "</dt>\n<dd>" + escape(s.publisher);
        if (!s.date.empty()) h += ", " + escape(s.date);
        h += ". <span class=\"cb-kind\">" + escape(s.kind) + "</span>. Covers: " + escape(s.covers) + ".";
        if (!s.read_via.empty()) h += " Read via " + escape(s.read_via) + ".";
        h += "</dd>\n";
    }
    return h + "</dl>\n";
}

std::string assumptions_table(const SiteContext& site) {
    std::string h = "<div class=\"table-wrap\"><table class=\"cb-assumptions\" id=\"cb-assumptions\"><thead><tr><th scope=\"col\">Input</th>"
                    "<th scope=\"col\" class=\"num\">Starting value</th><th scope=\"col\" class=\"num\">Range</th>"
                    "<th scope=\"col\">Why</th></tr></thead><tbody>\n";
    const auto row = [&](const std::string& label, const std::string& value, const std::string& range, const Cite& c) {
        h += "<tr><th scope=\"row\">" + escape(label) + "</th><td class=\"num\">" + escape(value) + "</td><td class=\"num\">" +
             escape(range) + "</td><td>" + escape(c.reason) +
             (c.source.empty() || c.source == "derived" ? "" : " (<a href=\"" + escape(source_href(site, c.source)) + "\">" + escape(c.source) + "</a>)") +
             (c.assumption ? " <em>Assumption.</em>" : "") + "</td></tr>\n";
    };
    // The default ladder's rungs that state their own value (a multiplier, an amount), then data/scenario.toml's.
    if (const LadderData* l = site.data->ladder(site.data->default_ladder))
        for (const LadderRung& g : l->rungs) {
            if (!g.stated) continue;
            const std::string key = "input." + g.spec.key;
            const auto f = site.figures.find(key);
            if (f == site.figures.end()) continue;
            const std::string range = site.figures.count(key + ".range") ? site.figures.at(key + ".range").text : "";
            row(g.spec.label, f->second.text, range, g.cite);
        }
    for (const Assumption& a : site.data->assumptions) {
        const std::string key = std::string("input.") + key_info(a.key).name;
        const Fig& f = site.figures.at(key);
        const std::string range = site.figures.count(key + ".range") ? site.figures.at(key + ".range").text : "";
        row(key_info(a.key).label, f.text, range, a.cite);
    }
    for (const Model& m : site.data->models)
        if (m.rate.assumption) row(m.name + " rental rate", format_usd(m.ledger.usd_per_gpu_hour), "", m.rate);
    for (const Gpu& g : site.data->gpus) {
        if (g.purchase.assumption)
            row(g.name + " purchase price", format_usd(g.purchase_usd.likely), format_usd(g.purchase_usd.low) + "–" + format_usd(g.purchase_usd.high), g.purchase);
        if (g.rental.assumption)
            row(g.name + " rental rate", format_usd(g.rental_usd_per_gpu_hour.likely),
                format_usd(g.rental_usd_per_gpu_hour.low) + "–" + format_usd(g.rental_usd_per_gpu_hour.high), g.rental);
    }
    for (const Task& t : site.data->tasks)
        if (t.cite.assumption)
            row("Task: " + t.name, task_tokens_text(t), "", t.cite);
    return h + "</tbody></table></div>\n";
}

std::string models_table(const SiteContext& site) {
    std::string h = "<div class=\"table-wrap\"><table class=\"cb-models\"><thead><tr><th scope=\"col\">Model</th>"
                    "<th scope=\"col\">Developer</th><th scope=\"col\" class=\"num\">Reported</th><th scope=\"col\">What it counts</th></tr></thead><tbody>\n";
    for (const Model& m : site.data->models) {
        std::string reported;
        if (!m.ledger.stages.empty()) reported = format_gpu_hours(total_gpu_hours(m.ledger));
        else if (!m.figures.empty()) reported = site.figures.at(m.id + ".figure.1").text;
        else if (m.gpus > 0) reported = format_count(m.gpus) + " GPUs";
        h += "<tr><th scope=\"row\"><a href=\"" + escape(site.url("models/" + m.id + "/")) + "\">" + escape(m.name) +
             "</a></th><td>" + escape(m.developer) + "</td><td class=\"num\">" + escape(reported) + "</td><td>" +
             escape(m.counts) + "</td></tr>\n";
    }
    return h + "</tbody></table></div>\n";
}

std::string runs_table(const SiteContext& site) {
    const Data& d = *site.data;
    const auto& points = site.runs;
    const Accuracy& loo = site.runs_lodo;   // each run predicted without its developer's runs
    std::string h = "<div class=\"table-wrap\"><table class=\"cb-runs\"><caption>MFU: what the reported GPU-hours imply, and what "
                    "the fit predicts without the run's developer</caption><thead><tr><th scope=\"col\">Run</th>"
                    "<th scope=\"col\" class=\"num\">Active</th><th scope=\"col\" class=\"num\">Tokens</th>"
                    "<th scope=\"col\" class=\"num\">GPU-hours</th><th scope=\"col\" class=\"num\">MFU</th>"
                    "<th scope=\"col\" class=\"num\">Fit</th><th scope=\"col\" class=\"num\">Error</th></tr></thead><tbody>\n";
    for (size_t i = 0; i < points.size(); ++i) {
        const Run& r = *d.run(points[i].id);
        const Gpu* g = d.gpu(r.gpu);
        const double e = loo.errors[i];
        // Under the name: the GPU, the architecture and FP8 when used, then the source.
        const Developer* dev = d.developer(r.developer);
        const std::string kind = (dev ? dev->name + ", " : "") + (!r.gpu_name.empty() ? r.gpu_name : r.gpu) + ", " +
                                 (r.architecture == "moe" ? "MoE" : "dense") + (r.precision == "fp8" ? ", FP8" : "") +
                                 (r.reported == "gpus x days" ? ", GPUs × days" : "");
        // A shipped run's source is not on the site's sources page: link to the source itself.
        const Source* src = d.run_source(r);
        const std::string href = r.shipped && src ? src->url : source_href(site, r.cite.source);
        h += "<tr><th scope=\"row\">" + escape(r.name) + "<br><small>" + escape(kind) + "</small> <a class=\"cb-src\" href=\"" +
             escape(href) + "\">" + escape(r.cite.source) + "</a></th>" +
             "<td class=\"num\">" + escape(format_params(r.params_active)) + "</td><td class=\"num\">" + escape(format_sig(r.tokens, 4)) +
             "</td><td class=\"num\">" + escape(format_sig(r.gpu_hours, 4)) + "</td><td class=\"num\">" +
             escape(format_percent(points[i].implied_mfu)) + "</td><td class=\"num\">" + escape(format_percent(loo.predicted_mfu[i])) +
             "</td><td class=\"num\">" + escape(format_signed_percent(e)) + "</td></tr>\n";
    }
    return h + "</tbody></table></div>\n";
}

namespace {

// One table of the task costs at the prices in effect on `date` ("" = every compared price), captioned with the date.
std::string tasks_table_on(const SiteContext& site, const std::string& date) {
    const std::string on = date.empty() ? "at every compared price" : "at the prices in effect " + std::string(date.size() == 7 ? "in " : "on ") + date;
    std::string h = "<div class=\"table-wrap\"><table class=\"cb-tasks\"><caption>One task " + escape(on) +
                    ", all input a cache miss or all a hit</caption><thead><tr>"
                    "<th scope=\"col\">Task and price</th><th scope=\"col\" class=\"num\">Output tokens</th>"
                    "<th scope=\"col\" class=\"num\">Miss</th><th scope=\"col\" class=\"num\">Hit</th>"
                    "<th scope=\"col\" class=\"num\">Miss, yuan</th><th scope=\"col\" class=\"num\">Hit, yuan</th></tr></thead><tbody>\n";
    const Task* last = nullptr;
    int rows = 0;
    for (const TaskCell& c : site.tasks) {
        if (!date.empty() && !c.price->in_effect(date)) continue;
        if (c.task != last)
            h += "<tr class=\"cb-group\"><th scope=\"rowgroup\" colspan=\"6\">" + escape(c.task->name) + " <small>" +
                 escape(task_tokens_text(*c.task)) + " <em>Assumption.</em></small></th></tr>\n";
        last = c.task;
        ++rows;
        h += "<tr><th scope=\"row\">" + escape(c.price->name) + " <a class=\"cb-src\" href=\"" +
             escape(source_href(site, c.price->cite.source)) + "\">" + escape(c.price->cite.source) + "</a><br><small class=\"cb-asof\">" +
             escape(c.price->period_text()) + "</small></th><td class=\"num\">" + escape(format_count(c.output_tokens)) +
             "</td><td class=\"num\">" + escape(format_usd(c.usd_miss.total)) + "</td><td class=\"num\">" +
             escape(format_usd(c.usd_hit.total)) + "</td>" + yuan_cell(site, *c.price, c.cny_known, c.cny_published, c.cny_miss.total) +
             yuan_cell(site, *c.price, c.cny_known, c.cny_published, c.cny_hit.total) + "</tr>\n";
    }
    if (rows == 0) h += "<tr><td colspan=\"6\">No compared price was in effect then.</td></tr>\n";
    return h + "</tbody></table></div>\n" + kConvertedNote;
}

}  // namespace

// Each offered price date gets its table; the first is open, the others a click away: the reader
// picks the date without a script. One `date` (a shortcode argument) gives one table.
std::string tasks_table(const SiteContext& site, const std::vector<std::string>& dates) {
    if (dates.empty()) return tasks_table_on(site, "");
    if (dates.size() == 1) return tasks_table_on(site, dates[0]);
    std::string h = "<div class=\"cb-task-dates\">\n";
    for (size_t i = 0; i < dates.size(); ++i)
        h += std::string("<details class=\"cb-task-date\"") + (i == 0 ? " open" : "") + "><summary>Prices in effect on " +
             escape(dates[i]) + "</summary>\n" + tasks_table_on(site, dates[i]) + "</details>\n";
    return h + "</div>\n";
}

// Every price in data/prices/, dated: a table in dollars and one in yuan (published, converted at its
// month's rate, or not found), so each fits a column of text.
std::string prices_table(const SiteContext& site) {
    std::string h;
    for (const char* cur : {"usd", "cny"}) {
        const bool usd = std::string(cur) == "usd";
        h += std::string("<div class=\"table-wrap\"><table class=\"cb-prices\"><caption>") +
             (usd ? "In US dollars" : "In yuan") + ", per million tokens, with the dates each price applied</caption><thead><tr>"
             "<th scope=\"col\">Price and period</th><th scope=\"col\" class=\"num\">Cache hit</th>"
             "<th scope=\"col\" class=\"num\">Cache miss</th><th scope=\"col\" class=\"num\">Output</th></tr></thead><tbody>\n";
        for (const Price& p : site.data->prices) {
            const std::string k = "price." + p.id + "." + cur + ".";
            h += "<tr><th scope=\"row\">" + escape(p.name) + " <a class=\"cb-src\" href=\"" + escape(source_href(site, p.cite.source)) +
                 "\">" + escape(p.cite.source) + "</a><br><small class=\"cb-asof\">" + escape(p.period_text()) + "</small></th>";
            if (!site.figures.count(k + "hit")) {
                h += "<td colspan=\"3\" class=\"cb-missing\">" +
                     std::string(usd ? "no dollar price" : "no yuan list found, and no exchange rate for the price's month") + "</td></tr>\n";
                continue;
            }
            for (const char* part : {"hit", "miss", "output"}) {
                const Fig& f = site.figures.at(k + part);
                h += usd ? "<td class=\"num\">" + escape(f.text) + "</td>" : yuan_cell(site, p, true, p.cny.has_value(), f.value);
            }
            h += "</tr>\n";
        }
        h += "</tbody></table></div>\n";
    }
    return h + kConvertedNote;
}

std::string model_page_body(const SiteContext& site, const Model& m, PageState& state) {
    std::string h = "<p class=\"lede\">" + escape(m.developer) + (m.released.empty() ? "" : ", " + escape(m.released)) +
                    ". <strong>Counts:</strong> " + escape(m.counts) + ". <strong>Excludes:</strong> " + escape(m.excludes) + ".</p>\n";
    if (!m.ledger.stages.empty()) h += "<h2 id=\"ledger\">What was reported</h2>\n" + ledger_table(site, m);
    if (!m.figures.empty()) {
        h += "<h2 id=\"figures\">Other figures</h2>\n<ul class=\"cb-figures\">\n";
        for (size_t i = 0; i < m.figures.size(); ++i) {
            const Figure& f = m.figures[i];
            const Fig& fig = site.figures.at(m.id + ".figure." + std::to_string(i + 1));
            h += "<li><strong>" + escape(fig.text) + "</strong>" +
                 (f.reading.empty() ? "" : " <span class=\"cb-reading\">(costbook's reading: " + escape(f.reading) + ")</span>") + ": " +
                 escape(f.label) + ". Counts " + escape(f.counts) +
                 (f.cite.source.empty() || f.cite.source == "derived" ? "" : " (<a href=\"" + escape(source_href(site, f.cite.source)) + "\">" + escape(f.cite.source) + "</a>)") +
                 ".</li>\n";
        }
        h += "</ul>\n";
    }
    if (m.params_active > 0 && m.tokens > 0 && site.figures.count(m.id + ".flops")) {
        h += "<h2 id=\"first-principles\">From first principles</h2>\n<p>6 × " + escape(format_params(m.params_active)) +
             " active parameters × " + escape(format_tokens(m.tokens)) + " = " + escape(site.figures.at(m.id + ".flops").text);
        if (site.figures.count(m.id + ".implied_mfu"))
            h += ". Against the reported GPU-hours that is " + escape(site.figures.at(m.id + ".implied_mfu").text) +
                 " of the GPU's dense BF16 peak" +
                 (site.figures.count(m.id + ".implied_mfu_fp8") ? " (" + escape(site.figures.at(m.id + ".implied_mfu_fp8").text) + " of FP8 peak)" : "");
        h += ".</p>\n";
        if (const Seed* seed = site.seeds.find(m.id)) {
            Scenario sc = seed->scenario;
            sc.tab = "estimate";
            // One rule for the rate on this page, the comparisons and `costbook estimate`, said where it is used.
            const auto rate = site.rates.find(m.id);
            if (rate != site.rates.end() && rate->second.usd_per_gpu_hour > 0)
                h += "<p class=\"cb-rate\">The calculator prices GPU-hours at " + escape(format_usd(rate->second.usd_per_gpu_hour)) +
                     " an hour, " + escape(rate->second.rule) +
                     (rate->second.assumption ? " (an assumption: " + escape(rate->second.reason) + ")"
                                              : " (<a href=\"" + escape(source_href(site, rate->second.source)) + "\">" +
                                                    escape(rate->second.source) + "</a>)") + ".</p>\n";
            h += calc_embed(site, "estimate", sc, seed->sources, state.calc_count++);
            state.has_calc = true;
        }
    }
    return h;
}

std::string render_shortcode(const SiteContext& site, const Page& page, const Shortcode& sc, PageState& state,
                             Diagnostics& diags) {
    const auto need_data = [&]() {
        if (site.data) return true;
        diags.add(at(page, sc, "shortcode `" + sc.name + "` needs data/, and this site has none",
                     "add data/sources.toml and data/models/*.toml, or remove the shortcode"));
        return false;
    };
    if (sc.name == "figure") {
        if (sc.args.size() != 1) {
            diags.add(at(page, sc, "`figure` takes one key", "write {{< figure \"" + example_key(site) + "\" >}}"));
            return broken(sc.text);
        }
        const auto it = site.figures.find(sc.args[0]);
        if (it == site.figures.end()) {
            const std::string near = closest_key(site.figures, sc.args[0]);
            diags.add(at(page, sc, "unknown figure `" + sc.args[0] + "`",
                         near.empty() ? "figure keys look like " + example_key(site) + "; see README.md"
                                      : "did you mean `" + near + "`?"));
            return broken(sc.args[0]);
        }
        if (!it->second.source.empty() && it->second.source != "derived") state.cited_sources.push_back(it->second.source);
        return figure_html(site, it->second);
    }
    if (sc.name == "calc") {
        if (!need_data()) return broken(sc.text);
        for (const auto& [k, v] : sc.named)
            if (k != "tab" && k != "tabs" && k != "scenario" && k != "ladder") {
                diags.add(at(page, sc, "`calc` has no argument `" + k + "`",
                             "use tab=\"counted\", tabs=\"counted,estimate\", ladder=\"<id>\" and scenario=\"rate=2&...\""));
                return broken(sc.text);
            }
        // The tabs it shows: those named, else those the data supports; each one known and supported.
        const auto supported = [&](const std::string& t) { return std::find(site.tabs.begin(), site.tabs.end(), t) != site.tabs.end(); };
        const auto known = [&](const std::string& t) { return std::find(std::begin(kTabs), std::end(kTabs), t) != std::end(kTabs); };
        const auto why_not = [&](const std::string& t) -> std::string {
            if (t == "counted") return "it needs a ladder: add data/ladders/<id>.toml";
            if (t == "time") return "it needs a ladder (data/ladders/<id>.toml) and a [decline] in data/scenario.toml";
            if (t == "rl") return "it needs an RL model: set `rl_model` in data/scenario.toml's [defaults]";
            if (t == "serve") return "it needs a published serving day (serving-* in data/facts.toml) and a `price`";
            if (t == "task") return "it needs data/tasks.toml and a `price` in data/scenario.toml's [defaults]";
            if (t == "own") return "it needs [years] and [util] in data/scenario.toml";
            return "it needs an API price: set `price` in data/scenario.toml's [defaults]";
        };
        std::vector<std::string> tabs;
        if (sc.named.count("tabs")) {
            const std::string& list = sc.named.at("tabs");
            size_t start = 0;
            while (start <= list.size()) {
                size_t comma = list.find(',', start);
                if (comma == std::string::npos) comma = list.size();
                std::string t = list.substr(start, comma - start);
                while (!t.empty() && t.front() == ' ') t.erase(t.begin());
                while (!t.empty() && t.back() == ' ') t.pop_back();
                start = comma + 1;
                if (!known(t)) {
                    diags.add(at(page, sc, "unknown calculator tab `" + t + "` in `tabs`", "tabs: " + tab_ids()));
                    return broken(sc.text);
                }
                if (!supported(t)) {
                    diags.add(at(page, sc, "tab `" + t + "` is not supported by this site's data", why_not(t)));
                    return broken(sc.text);
                }
                if (std::find(tabs.begin(), tabs.end(), t) == tabs.end()) tabs.push_back(t);
            }
        }
        const std::vector<std::string>& shown = tabs.empty() ? site.tabs : tabs;
        const std::string tab = sc.named.count("tab") ? sc.named.at("tab") : !shown.empty() ? shown.front() : "counted";
        if (!known(tab)) {
            diags.add(at(page, sc, "unknown calculator tab `" + tab + "`", "tabs: " + join(std::begin(kTabs), std::end(kTabs))));
            return broken(sc.text);
        }
        if (!supported(tab)) {
            diags.add(at(page, sc, "tab `" + tab + "` is not supported by this site's data", why_not(tab)));
            return broken(sc.text);
        }
        if (std::find(shown.begin(), shown.end(), tab) == shown.end()) {
            diags.add(at(page, sc, "tab `" + tab + "` is not one of `tabs`", "add it to tabs=\"...\", or open another tab"));
            return broken(sc.text);
        }
        const std::string ladder = sc.named.count("ladder") ? sc.named.at("ladder") : "";
        if (!ladder.empty() && !site.data->ladder(ladder)) {
            diags.add(at(page, sc, "unknown ladder `" + ladder + "`",
                         site.data->ladders.empty() ? "this site has no ladders: add data/ladders/<id>.toml"
                                                    : "ladders: " + site.data->ladder_ids()));
            return broken(sc.text);
        }
        // The query on top of its model's seed (model=<id> starts from that model's data), on its ladder.
        const std::string query = sc.named.count("scenario") ? sc.named.at("scenario") : "";
        const std::string model = query_model(query, site.base.model);
        const Seed* seed = site.seeds.find(model, ladder);
        if (!seed) {
            const auto err = site.seeds.errors.find(model);
            if (err != site.seeds.errors.end()) diags.add(at(page, sc, err->second.message, err->second.help));
            else diags.add(at(page, sc, "unknown model `" + model + "`", "valid models: " + site.data->model_ids()));
            return broken(sc.text);
        }
        Scenario with_tab = seed->scenario;
        with_tab.tab = tab;
        Query q = apply_query(Seed{with_tab, seed->sources}, query);
        for (const Error& e : q.errors) diags.add(at(page, sc, e.message, e.help));
        for (const std::string& n : q.notes) diags.add(at(page, sc, n, "keep the value inside its range"));
        if (!q.errors.empty() || !q.notes.empty()) return broken(sc.text);
        state.has_calc = true;
        return calc_embed(site, tab, q.scenario, q.sources, state.calc_count++, tabs);
    }
    if (sc.name == "ledger") {
        if (!need_data()) return broken(sc.text);
        const Model* m = sc.args.size() == 1 ? site.data->model(sc.args[0]) : nullptr;
        if (!m || m->ledger.stages.empty()) {
            diags.add(at(page, sc, sc.args.size() == 1 ? "no ledger for model `" + sc.args[0] + "`" : "`ledger` takes one model id",
                         "models with stages: " + site.data->model_ids()));
            return broken(sc.text);
        }
        return ledger_table(site, *m);
    }
    if (sc.name == "sources") return need_data() ? sources_list(site) : broken(sc.text);
    if (sc.name == "models") return need_data() ? models_table(site) : broken(sc.text);
    if (sc.name == "assumptions") return need_data() ? assumptions_table(site) : broken(sc.text);
    if (sc.name == "runs") return need_data() ? runs_table(site) : broken(sc.text);
    if (sc.name == "prices") return need_data() ? prices_table(site) : broken(sc.text);
    if (sc.name == "tasks") {
        if (!need_data()) return broken(sc.text);
        for (const auto& [k, v] : sc.named)
            if (k != "date") {
                diags.add(at(page, sc, "`tasks` has no argument `" + k + "`", "use date=\"2025-02-15\" (or a month, 2025-02), or no argument for data/tasks.toml's dates"));
                return broken(sc.text);
            }
        if (sc.named.count("date")) {
            const std::string date = sc.named.at("date");
            if (!is_price_date(date)) {
                diags.add(at(page, sc, "`" + date + "` is not a price date", "write date=\"YYYY-MM-DD\" or date=\"YYYY-MM\""));
                return broken(sc.text);
            }
            return tasks_table(site, {date});
        }
        return tasks_table(site, site.data->task_dates);
    }
    if (sc.name == "chart") {
        if (!need_data()) return broken(sc.text);
        std::string error, help;
        const std::string html = sc.args.size() == 1 ? chart_html(site, sc.args[0], sc.named, error, help) : "";
        if (html.empty()) {
            diags.add(at(page, sc, sc.args.size() == 1 ? error : "`chart` takes one name",
                         !help.empty() ? help : "charts: " + join(std::begin(kChartNames), std::end(kChartNames))));
            return broken(sc.text);
        }
        return html;
    }
    return broken(sc.text);
}

}  // namespace costbook::site
