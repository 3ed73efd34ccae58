#include "render/widgets.h"

#include "render/embed.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "compute/query.h"
#include "costbook/format.h"
#include "costbook/mfu_model.h"
#include "costbook/outputs.h"
#include "render/charts/from_data.h"
#include "render/html.h"
#include "render/live.h"
#include "render/shortcode_registry.h"
#include "render/widget_partials.h"

namespace costbook::site {

using mustache::Value;

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
// from; a dated figure (a price) says when it applied, in the text a reader sees. `text` is the
// figure's text, or its number alone (unit=false).
std::string figure_html(const SiteContext& site, const Fig& f, const std::string& text) {
    const bool sourced = !f.assumption && !(f.source == "derived" || f.source.empty());
    const Source* s = sourced && site.data ? site.data->source(f.source) : nullptr;
    const std::string title = f.assumption ? "Assumption: " + f.reason
                              : !sourced  ? "Derived: " + f.reason
                                          : "Source: " + (s ? s->title : f.source) + (f.reason.empty() ? "" : "; " + f.reason);
    return render_widget(site, "widgets/figure",
                         Value::map({{"text", text}, {"title", title}, {"assumption", f.assumption}, {"derived", !f.assumption && !sourced},
                                     {"sourced", sourced}, {"href", sourced ? source_href(site, f.source) : std::string()},
                                     {"assumptions_href", site.assumptions_page.empty() ? std::string() : site.url(site.assumptions_page) + "#cb-assumptions"}, {"dated", f.dated}}),
                         true);
}

// "¥0.2745†", "not found", "$0.55": a price or cost cell as the tables show it (widgets/price-cell).
// A yuan figure is published, converted from dollars at the price's month's rate, or not found.
Value price_cell(const std::string& text) {
    return Value::map({{"text", text}, {"missing", false}, {"converted", false}, {"how", ""}});
}
Value yuan_cell(const SiteContext& site, const Price& p, bool known, bool published, double cny) {
    if (!known) return Value::map({{"text", "not found"}, {"missing", true}, {"converted", false}, {"how", ""}});
    if (published) return price_cell(format_cny(cny));
    const MonthRate* m = p.from.size() >= 7 ? site.data->rate_for_month(p.from.substr(0, 7)) : nullptr;
    const std::string how = m ? "published only in dollars; converted at " + format_sig(m->cny_per_usd, 5) + " CNY per USD, the " +
                                    m->month + " average (" + m->cite.source + ")"
                              : "published only in dollars; converted";
    return Value::map({{"text", format_cny(cny)}, {"missing", false}, {"converted", true}, {"how", how}});
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

// The registry key nearest a mistyped one, for "did you mean".
std::string closest_key(const FigureRegistry& r, const std::string& key) {
    std::vector<std::string> keys;
    keys.reserve(r.size());
    for (const auto& [k, _] : r) keys.push_back(k);
    return closest_name(keys, key);
}

// A figure key of this site's own, for a help line: its first model's total, else any key.
std::string example_key(const SiteContext& site) {
    if (site.data)
        for (const Model& m : site.data->models)
            if (site.figures.count(m.id + ".total_gpu_hours")) return m.id + ".total_gpu_hours";
    return site.figures.empty() ? "<model>.total_gpu_hours" : site.figures.begin()->first;
}

}  // namespace

std::string calc_embed(const SiteContext& site, const std::string& tab, const Scenario& s, const InputSources& sources, PageState& state,
                       const std::vector<std::string>& tabs) {
    const int index = state.calc_count++;
    const Outputs o = compute(s);
    std::string tab_list;
    for (const std::string& t : tabs.empty() ? site.tabs : tabs) tab_list += (tab_list.empty() ? "" : ",") + t;
    // The sources behind the inputs that still hold the data's values: the calculator's downloads cite them.
    // The ladder's rungs (labels, kinds) and the tabs to show travel beside the scenario.
    std::vector<Value> rows;
    std::vector<Row> results = result_rows(s, o, tab);
    for (Row& r : input_rows(s, tab)) results.push_back(std::move(r));   // what the calculator writes too
    for (const Row& r : results) rows.push_back(Value::map({{"label", r.label}, {"value", r.value}}));
    return state.calc_html.emplace_back(render_widget(site, "widgets/calc",
                         Value::map({{"id", "calc-" + std::to_string(index)}, {"tab", tab}, {"tabs", tab_list},
                                     {"embed", site.url(embed_url_path(state.url_path, index))},
                                     {"scenario", write_scenario(s)}, {"sources", write_sources(sources, s)},
                                     {"ladder", s.ladder.rungs.empty() ? std::string() : write_ladder(s.ladder)},
                                     {"aria_label", std::string("Cost calculator, ") + tab_title(tab) +
                                                        ": Tab moves between controls, arrow keys change a slider"},
                                     {"calculator", site.calculator}, {"live", headline_text(s, o, tab)},
                                     {"caption", std::string(tab_title(tab)) + ": results and inputs for this scenario"},
                                     {"rows", Value::list(std::move(rows))}})));
}

std::string ledger_table(const SiteContext& site, const Model& m) {
    const double rate = m.ledger.usd_per_gpu_hour;
    std::vector<Value> stages;
    for (const Stage& s : m.ledger.stages) {
        const Gpu* g = site.data->gpu(s.gpu);
        const std::string detail = wall_gpu_hours(s) > 0
            ? format_count(s.gpus) + " GPUs × " + format_sig(s.wall_hours, 4) + " h = " +
                  (std::floor(wall_gpu_hours(s)) == wall_gpu_hours(s) ? format_count(wall_gpu_hours(s)) : format_sig(wall_gpu_hours(s), 4)) + " GPU-hours"
            : "";
        stages.push_back(Value::map({{"name", s.name}, {"detail", detail}, {"gpu", g ? g->name : s.gpu.empty() ? "not named" : s.gpu},
                                     {"gpu_hours", format_gpu_hours(s.gpu_hours)},
                                     {"cost", rate > 0 ? format_usd(stage_cost_usd(s, rate)) : std::string()},
                                     {"source", s.source}, {"source_href", source_href(site, s.source)}}));
    }
    return render_widget(site, "widgets/ledger",
                         Value::map({{"caption", m.name + ": GPU-hours as published" + (rate > 0 ? ", at " + format_usd(rate) + " per GPU-hour" : "") +
                                                 (rate > 0 && m.rate.assumption ? " (an assumption: " + m.rate.reason + ")" : "")},
                                     {"has_rate", rate > 0}, {"stages", Value::list(std::move(stages))},
                                     {"total_gpu_hours", format_gpu_hours(total_gpu_hours(m.ledger))},
                                     {"total_cost", rate > 0 ? format_usd(total_cost_usd(m.ledger, rate)) : std::string()}}));
}

std::string sources_list(const SiteContext& site) {
    std::vector<Value> list;
    for (const Source& s : site.data->sources)
        list.push_back(Value::map({{"id", s.id}, {"title", s.title}, {"url", s.url}, {"publisher", s.publisher}, {"date", s.date},
                                   {"kind", s.kind}, {"covers", s.covers}, {"read_via", s.read_via}}));
    return render_widget(site, "widgets/sources", Value::map({{"sources", Value::list(std::move(list))}}));
}

std::string assumptions_table(const SiteContext& site) {
    std::vector<Value> rows;
    const auto row = [&](const std::string& label, const std::string& value, const std::string& range, const Cite& c) {
        const bool cited = !(c.source.empty() || c.source == "derived");
        rows.push_back(Value::map({{"label", label}, {"value", value}, {"range", range}, {"reason", c.reason},
                                   {"source", cited ? c.source : std::string()}, {"source_href", cited ? source_href(site, c.source) : std::string()},
                                   {"assumption", c.assumption}}));
    };
    // Every ladder's rungs that state their own value (a multiplier, an amount), the default ladder's first,
    // each key once as its input.<key> figure has it (compute/figures.h); then data/scenario.toml's.
    std::vector<const LadderData*> ladders;
    if (const LadderData* l = site.data->ladder(site.data->default_ladder)) ladders.push_back(l);
    for (const LadderData& l : site.data->ladders)
        if (l.id != site.data->default_ladder) ladders.push_back(&l);
    std::vector<std::string> keys;
    for (const LadderData* l : ladders)
        for (const LadderRung& g : l->rungs) {
            if (std::find(keys.begin(), keys.end(), g.spec.key) != keys.end()) continue;   // an earlier ladder's rung owns the key
            keys.push_back(g.spec.key);
            if (!g.stated) continue;
            const std::string key = "input." + g.spec.key;
            const auto f = site.figures.find(key);
            if (f == site.figures.end()) continue;
            const std::string range = site.figures.count(key + ".range") ? site.figures.at(key + ".range").text : "";
            row(l->id == site.data->default_ladder ? g.spec.label : g.spec.label + " (the " + l->id + " ladder)", f->second.text, range, g.cite);
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
    return render_widget(site, "widgets/assumptions", Value::map({{"rows", Value::list(std::move(rows))}}));
}

std::string models_table(const SiteContext& site) {
    std::vector<Value> list;
    for (const Model& m : site.data->models) {
        std::string reported;
        if (!m.ledger.stages.empty()) reported = format_gpu_hours(total_gpu_hours(m.ledger));
        else if (!m.figures.empty()) reported = site.figures.at(m.id + ".figure.1").text;
        else if (m.gpus > 0) reported = format_count(m.gpus) + " GPUs";
        list.push_back(Value::map({{"name", m.name}, {"href", site.url("models/" + m.id + "/")}, {"developer", m.developer},
                                   {"reported", reported}, {"counts", m.counts}}));
    }
    return render_widget(site, "widgets/models", Value::map({{"models", Value::list(std::move(list))}}));
}

std::string runs_table(const SiteContext& site) {
    const Data& d = *site.data;
    const auto& points = site.runs;
    const Accuracy& loo = site.runs_lodo;   // each run predicted without its developer's runs
    std::vector<Value> runs;
    for (size_t i = 0; i < points.size(); ++i) {
        const Run& r = *d.run(points[i].id);
        // Under the name: the GPU, the architecture and FP8 when used, then the source.
        const Developer* dev = d.developer(r.developer);
        const std::string kind = (dev ? dev->name + ", " : "") + (!r.gpu_name.empty() ? r.gpu_name : r.gpu) + ", " +
                                 (r.architecture == "moe" ? "MoE" : "dense") + (r.precision == "fp8" ? ", FP8" : "") +
                                 (r.reported == "gpus x days" ? ", GPUs × days" : "");
        // A shipped run's source is not on the site's sources page: link to the source itself.
        const Source* src = d.run_source(r);
        const std::string href = r.shipped && src ? src->url : source_href(site, r.cite.source);
        runs.push_back(Value::map({{"name", r.name}, {"kind", kind}, {"source", r.cite.source}, {"source_href", href},
                                   {"params_active", format_params(r.params_active)}, {"tokens", format_sig(r.tokens, 4)},
                                   {"gpu_hours", format_sig(r.gpu_hours, 4)}, {"implied_mfu", format_percent(points[i].implied_mfu)},
                                   {"fit_mfu", format_percent(loo.predicted_mfu[i])}, {"error", format_signed_percent(loo.errors[i])}}));
    }
    return render_widget(site, "widgets/runs", Value::map({{"runs", Value::list(std::move(runs))}}));
}

namespace {

// One table of the task costs at the prices in effect on `date` ("" = every compared price), captioned with the date.
std::string tasks_table_on(const SiteContext& site, const std::string& date) {
    const std::string on = date.empty() ? "at every compared price" : "at the prices in effect " + std::string(date.size() == 7 ? "in " : "on ") + date;
    const Task* last = nullptr;
    std::vector<Value> rows;
    for (const TaskCell& c : site.tasks) {
        if (!date.empty() && !c.price->in_effect(date)) continue;
        const bool first = c.task != last;   // a task's first row heads its group
        last = c.task;
        rows.push_back(Value::map({{"task", first ? c.task->name : std::string()}, {"tokens", first ? task_tokens_text(*c.task) : std::string()},
                                   {"price", c.price->name}, {"source", c.price->cite.source},
                                   {"source_href", source_href(site, c.price->cite.source)}, {"period", c.price->period_text()},
                                   {"output_tokens", format_count(c.output_tokens)}, {"usd_miss", format_usd(c.usd_miss.total)},
                                   {"usd_hit", format_usd(c.usd_hit.total)},
                                   {"cny_miss", yuan_cell(site, *c.price, c.cny_known, c.cny_published, c.cny_miss.total)},
                                   {"cny_hit", yuan_cell(site, *c.price, c.cny_known, c.cny_published, c.cny_hit.total)}}));
    }
    return render_widget(site, "widgets/tasks", Value::map({{"on", on}, {"rows", Value::list(std::move(rows))}}));
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
    std::vector<Value> tables;
    for (const char* cur : {"usd", "cny"}) {
        const bool usd = std::string(cur) == "usd";
        std::vector<Value> rows;
        for (const Price& p : site.data->prices) {
            const std::string k = "price." + p.id + "." + cur + ".";
            const bool missing = !site.figures.count(k + "hit");
            std::vector<Value> cells;
            if (!missing)
                for (const char* part : {"hit", "miss", "output"}) {
                    const Fig& f = site.figures.at(k + part);
                    cells.push_back(usd ? price_cell(f.text) : yuan_cell(site, p, true, p.cny.has_value(), f.value));
                }
            rows.push_back(Value::map({{"name", p.name}, {"source", p.cite.source}, {"source_href", source_href(site, p.cite.source)},
                                       {"period", p.period_text()},
                                       {"missing", missing},
                                       {"cells", Value::list(std::move(cells))}}));
        }
        tables.push_back(Value::map({{"caption", usd ? "In US dollars" : "In yuan"}, {"usd", usd}, {"rows", Value::list(std::move(rows))}}));
    }
    return render_widget(site, "widgets/prices", Value::map({{"tables", Value::list(std::move(tables))}}));
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
            h += calc_embed(site, "estimate", sc, seed->sources, state);
            state.has_calc = true;
        }
    }
    return h;
}

namespace {

const AuthorShortcode* find_author_shortcode(const SiteContext& site, const std::string& name) {
    for (const AuthorShortcode& a : site.author_shortcodes)
        if (a.name == name) return &a;
    return nullptr;
}

// templates/shortcodes/<name>.mustache over its arguments, the page, the site and the figure registry.
std::string author_shortcode(const SiteContext& site, const Page& page, const Shortcode& sc, Diagnostics& diags) {
    const auto it = site.shortcodes ? site.shortcodes->find(sc.name) : mustache::PartialMap::const_iterator{};
    if (!site.shortcodes || it == site.shortcodes->end()) return broken(sc.text);
    std::vector<Value::Entry> ctx;
    for (const auto& [k, v] : sc.named) ctx.emplace_back(k, v);
    ctx.emplace_back("page", Value::map({{"title", page.title}, {"description", page.description}, {"date", page.date},
                                         {"path", site.url(page.url_path)}}));
    ctx.emplace_back("site", Value::map({{"title", site.config.title}, {"description", site.config.description},
                                         {"base_url", site.config.base_url}, {"base_path", site.config.base_path},
                                         {"language", site.config.language}, {"author", site.config.author}}));
    ctx.emplace_back("figures", site.figure_tree);
    std::string out;
    const auto partials = [&](std::string_view n) { return widget_partial(site, n); };
    if (!it->second.render_to(out, Value::map(std::move(ctx)), partials)) {
        diags.add(at(page, sc, "shortcode `" + sc.name + "` stopped rendering: its partials nest too deep or it passed the size limit",
                     "look for a partial in templates/shortcodes/" + sc.name + ".mustache that includes itself"));
        return broken(sc.text);
    }
    // Inline in a sentence, a block alone on its line: a block's last newline is kept.
    if (!sc.block && !out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace

mustache::Value figure_tree(const SiteContext& site) {
    // "a.b.c" → figures.a.b.c, each node a map with text, value and html beside its children.
    struct Node { std::map<std::string, Node> kids; const Fig* fig = nullptr; };
    Node root;
    for (const auto& [key, fig] : site.figures) {
        Node* n = &root;
        size_t start = 0;
        while (true) {
            const size_t dot = key.find('.', start);
            n = &n->kids[key.substr(start, dot == std::string::npos ? std::string::npos : dot - start)];
            if (dot == std::string::npos) break;
            start = dot + 1;
        }
        n->fig = &fig;
    }
    const std::function<Value(const Node&)> value = [&](const Node& n) {
        std::vector<Value::Entry> e;
        for (const auto& [k, kid] : n.kids) e.emplace_back(k, value(kid));
        if (n.fig) {
            e.emplace_back("text", n.fig->text);
            e.emplace_back("value", format_without_unit(n.fig->text));
            e.emplace_back("html", figure_html(site, *n.fig, n.fig->text));
        }
        return Value::map(std::move(e));
    };
    return value(root);
}

std::string render_shortcode(const SiteContext& site, const Page& page, const Shortcode& sc, PageState& state,
                             Diagnostics& diags) {
    if (sc.literal) return escape(sc.text);   // {{</* name */>}}: shown, never run
    const auto need_data = [&]() {
        if (site.data) return true;
        diags.add(at(page, sc, "shortcode `" + sc.name + "` needs data/, and this site has none",
                     "add data/sources.toml and data/models/*.toml, or remove the shortcode"));
        return false;
    };
    // Every argument checked against the shortcode's registry entry (or the author template's names).
    const ShortcodeInfo* info = find_builtin_shortcode(sc.name);
    std::string help;
    std::string bad;
    if (info) bad = check_arguments(*info, sc, help);
    else if (const AuthorShortcode* a = find_author_shortcode(site, sc.name)) bad = check_arguments(*a, sc, help);
    if (!bad.empty()) {
        if (sc.name == "figure" && sc.args.size() != 1) help = "write {{< figure \"" + example_key(site) + "\" >}}; " + help;
        diags.add(at(page, sc, bad, help));
        return broken(sc.text);
    }
    if (!info) return author_shortcode(site, page, sc, diags);
    if (sc.name == "figure") {   // live or not, unit= is a boolean
        const auto unit = sc.named.find("unit");
        if (unit != sc.named.end() && unit->second != "true" && unit->second != "false") {
            diags.add(at(page, sc, "`unit` is true or false, not `" + unit->second + "`",
                         "write unit=false for the number without its unit word"));
            return broken(sc.text);
        }
    }
    if (sc.name == "figure" && is_live(sc)) {
        // Bound to a calculator on the page: its value there, which the calculator then rewrites.
        const bool bare = sc.named.count("unit") && sc.named.at("unit") == "false";
        const LiveBinding b = bind_live(state, sc.args[0], sc.named.at("live"), bare);
        if (!b.calc) {
            diags.add(at(page, sc, b.error, b.help));
            return broken(sc.text);
        }
        // The registry's figure (its source) where it reads the same; else computed from the calculator's scenario.
        const auto it = site.figures.find(sc.args[0]);
        const std::string full = live_text(b.calc->scenario, compute(b.calc->scenario), sc.args[0]);
        Fig f = it != site.figures.end() && it->second.text == full
                    ? it->second
                    : Fig{0, full, "derived", false, "computed by costbook from the scenario of the calculator on this page", {}, {}};
        if (!f.source.empty() && f.source != "derived") state.cited_sources.push_back(f.source);
        return live_html(b, sc.args[0], bare, figure_html(site, f, b.text));
    }
    if (sc.name == "figure") {
        const auto it = site.figures.find(sc.args[0]);
        if (const auto need = site.figure_needs.find(sc.args[0]); it == site.figures.end() && need != site.figure_needs.end()) {
            const NeedsError e = needs_error("figure", sc.args[0], need->second);   // a figure of this kind, without its data
            diags.add(at(page, sc, e.message, e.help));
            return broken(sc.args[0]);
        }
        if (it == site.figures.end()) {
            const std::string near = closest_key(site.figures, sc.args[0]);
            diags.add(at(page, sc, "unknown figure `" + sc.args[0] + "`",
                         near.empty() ? "figure keys look like " + example_key(site) + "; `costbook help figures` lists them"
                                      : "did you mean `" + near + "`?"));
            return broken(sc.args[0]);
        }
        const auto unit = sc.named.find("unit");
        if (!it->second.source.empty() && it->second.source != "derived") state.cited_sources.push_back(it->second.source);
        const bool bare = unit != sc.named.end() && unit->second == "false";
        return figure_html(site, it->second, bare ? format_without_unit(it->second.text) : it->second.text);
    }
    if (sc.name == "calc") {
        if (!need_data()) return broken(sc.text);
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
        Query q = apply_query(Seed{with_tab, seed->sources, seed->assumed}, query);
        for (const Error& e : q.errors) diags.add(at(page, sc, e.message, e.help));
        for (const std::string& n : q.notes) diags.add(at(page, sc, n, "keep the value inside its range"));
        if (!q.errors.empty() || !q.notes.empty()) return broken(sc.text);
        state.has_calc = true;
        state.calcs.push_back({"calc-" + std::to_string(state.calc_count), q.scenario, shown});
        return calc_embed(site, tab, q.scenario, q.sources, state, tabs);
    }
    if (sc.name == "ledger") {
        if (!need_data()) return broken(sc.text);
        const Model* m = site.data->model(sc.args[0]);
        if (!m || m->ledger.stages.empty()) {
            diags.add(at(page, sc, "no ledger for model `" + sc.args[0] + "`",
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
        const std::string html = chart_html(site, sc.args[0], sc.named, error, help);
        if (state.first_chart.empty()) state.first_chart = html;
        if (html.empty()) {
            diags.add(at(page, sc, error,
                         !help.empty() ? help : "charts: " + join(std::begin(kChartNames), std::end(kChartNames))));
            return broken(sc.text);
        }
        return html;
    }
    return broken(sc.text);
}

}  // namespace costbook::site
