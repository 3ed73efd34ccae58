// The charts a page asks for by name, built from data through core, drawn by bars.cpp, waterfall.cpp and lines.cpp.
#include <algorithm>

#include "render/charts/from_data.h"

#include "costbook/format.h"
#include "costbook/outputs.h"
#include "render/charts/bars.h"
#include "render/charts/lines.h"
#include "render/charts/tornado.h"
#include "render/charts/waterfall.h"
#include "render/html.h"
#include "render/shortcodes.h"

namespace costbook::site {

namespace {

std::string figure_wrap(const std::string& svg, const std::string& caption) {
    return "<figure class=\"cb-chart-figure\">\n" + svg + "\n<figcaption>" + escape(caption) + "</figcaption>\n</figure>\n";
}

std::string models_chart(const SiteContext& site) {
    const Data& d = *site.data;
    std::vector<Bar> bars;
    for (const Model& m : d.models) {
        const std::string href = site.url("models/" + m.id + "/");
        if (!m.ledger.stages.empty()) {
            // The one rate rule (compute/types.h): the developer's published rate, else its GPU's likely rental.
            const auto r = site.rates.find(m.id);
            const bool own_rate = r != site.rates.end() && r->second.published;
            const double rate = r != site.rates.end() ? r->second.usd_per_gpu_hour : 0;
            const double cost = total_cost_usd(m.ledger, rate);
            bars.push_back({m.name, cost, format_usd(cost),
                            (own_rate ? "as reported: " : format_gpu_hours(total_gpu_hours(m.ledger)) + " × " + format_usd(rate) + ": ") + m.counts,
                            href, false, 0, false});
        }
        for (size_t i = 0; i < m.figures.size(); ++i) {
            const Figure& f = m.figures[i];
            const bool range = f.cost_usd_high > 0 && f.cost_usd == 0;
            bars.push_back({m.name, range ? f.cost_usd_low : f.value_usd(), site.figures.at(m.id + ".figure." + std::to_string(i + 1)).text,
                            f.label, href, true, range ? f.cost_usd_high : 0, !f.reading.empty()});
        }
    }
    for (const Fleet& f : d.fleets)
        bars.push_back({f.name, f.total_usd, format_usd(f.total_usd),
                        "owning the fleet, " + format_sig(f.years, 3) + " years" + (f.total_via.empty() ? "" : "; " + f.total_via),
                        site.url("sources/") + "#src-" + f.cite.source, true, 0, false});
    std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.value < b.value; });
    return figure_wrap(bar_chart_log("What each figure counts", "Reported training figures and estimates, log scale", bars),
                       "Each bar is labelled with what its figure counts. Accent bars: GPU-hours as reported, priced at the "
                       "rate the developer published, else at the GPU's likely rental rate (data/gpus/), as on each model's page; "
                       "grey bars: estimates and other kinds of figure; hatched bars: costbook's reading of words, not a figure the source gave.");
}

// The ladder as a waterfall, every rung as the site's starting scenario counts it, at the data's rate.
std::string ladder_chart(const SiteContext& site, const LadderData& ladder) {
    LadderInputs in;
    in.spec = &ladder.spec;
    in.usd_per_gpu_hour = site.base.get(Key::rate);
    for (size_t i = 0; i < ladder.rungs.size() && i < static_cast<size_t>(kMaxRungs); ++i) in.values[i] = ladder.rungs[i].value.likely;
    const unsigned starting = ladder.spec.starting();
    const Ladder l = compute_ladder(in, starting);
    std::vector<Step> steps;
    for (int i = 0; i < l.size; ++i) {
        const LadderStep& s = l.steps[static_cast<size_t>(i)];
        const LadderRung& g = ladder.rungs[static_cast<size_t>(i)];
        // A rung that starts off shows what switching it on would add to the rungs that start on.
        const double add = s.on ? s.add_usd : compute_ladder(in, starting | (1u << i)).steps[static_cast<size_t>(i)].add_usd;
        steps.push_back({g.spec.label, add, s.total_usd, format_usd_added(add), format_usd(s.total_usd), s.on,
                         g.cite.assumption});
    }
    const std::string first = l.size > 0 ? format_usd(l.steps[0].total_usd) : format_usd(0);
    const std::string title = "From " + first + " to " + (ladder.to.empty() ? format_usd(l.total_usd) : ladder.to);
    const std::string desc = !ladder.description.empty() ? ladder.description
                             : ladder.rungs.empty()      ? "The ladder"
                                                         : "The ladder from " + ladder.rungs.front().spec.label + " to " + ladder.rungs.back().spec.label;
    return figure_wrap(waterfall(title, desc + ", log scale", steps, true),
                       "Each rung adds what it counts; hatched rungs are assumptions." + (ladder.note.empty() ? "" : " " + ladder.note));
}

// The cost of one rung of the ladder (its own cost at the data's rate) as the same compute gets cheaper.
std::string decline_chart(const SiteContext& site, const LadderData& ladder, int rung) {
    const Range r = site.base.range(Key::decline);
    LadderInputs in;
    in.spec = &ladder.spec;
    in.usd_per_gpu_hour = site.base.get(Key::rate);
    for (size_t i = 0; i < ladder.rungs.size() && i < static_cast<size_t>(kMaxRungs); ++i) in.values[i] = ladder.rungs[i].value.likely;
    const double start = compute_ladder(in, 1u << rung).total_usd;
    const std::string& label = ladder.rungs[static_cast<size_t>(rung)].spec.label;
    std::vector<Series> series;
    for (double rate : {r.likely, r.low, r.high}) {
        if (!series.empty() && rate == r.likely) continue;
        Series s{"-" + format_percent(rate) + " a year", {}, ""};
        for (int y = 0; y <= 5; ++y) s.points.push_back({static_cast<double>(y), cost_after_years(start, rate, y)});
        s.end_text = format_usd(s.points.back().y);
        series.push_back(s);
    }
    std::vector<std::pair<double, std::string>> xt, yt;
    for (int y = 0; y <= 5; ++y) xt.push_back({static_cast<double>(y), y == 0 ? "now" : "+" + std::to_string(y) + " yr"});
    for (double v = 1; v <= 1e7; v *= 10)
        if (v >= series[0].points.back().y / 10 || v == 1e7) yt.push_back({v, format_usd(v)});
    return figure_wrap(line_chart("The same run, later", label + " at falling annual rates", series, xt, yt, true),
                       label + ", " + format_usd(start) + ", if the cost of the same compute keeps falling; the rates are "
                       "the scenario's range for the annual decline.");
}

// The axis' ticks in the metric's unit (metric_text()'s format.h function).
TickFormat tick_format(Metric m) {
    switch (m) {
        case Metric::estimate_gpu_hours:
        case Metric::grpo_gpu_hours:
        case Metric::ppo_gpu_hours: return format_gpu_hours;
        case Metric::break_even_utilisation:
        case Metric::rl_saved_fraction:
        case Metric::serve_margin: return format_percent;
        case Metric::api_total_cny:
        case Metric::task_cny: return format_cny;
        default: return format_usd;
    }
}

// What drives a tab's P10-P90 at the site's starting scenario: core's spread() as a tornado.
std::string spread_chart(const Scenario& seed, const std::string& tab) {
    Scenario s = seed;
    s.tab = tab;
    const Metric m = headline_metric_of(s, tab);
    const Spread sp = spread(s, m);
    std::vector<TornadoRow> rows;
    for (const SpreadInput& in : sp.inputs) {
        const KeyInfo info = input_info(s, in.key);
        const Range& r = s.range(in.key);
        rows.push_back({info.label, format_percent(in.share) + " of the variance", in.at_low, in.at_high,
                        metric_text(m, in.at_low) + " at " + input_value_text(info, r.low),
                        metric_text(m, in.at_high) + " at " + input_value_text(info, r.high)});
    }
    const std::string headline = metric_text(m, sp.at_likely);
    const std::string band = format_span(metric_text(m, sp.band.p10), metric_text(m, sp.band.p90));
    if (rows.empty())
        return "<p class=\"cb-chart-empty\">" + escape(std::string(metric_label(m)) + ": " + headline +
                                                        "; no ranged input moves it, so it has no spread.") + "</p>\n";
    return figure_wrap(tornado_chart(std::string("What drives the spread of ") + metric_label(m),
                                     std::string(metric_label(m)) + " " + headline + ", P10-P90 " + band +
                                         "; each input at its low and its high, the others at their likely values.",
                                     sp.at_likely, headline, rows, tick_format(m)),
                       std::string(metric_label(m)) + ", " + headline + " at the likely values (the line), P10\u2013P90 " + band +
                           ". Each bar is the headline with one ranged input at the low and the high of its range and "
                           "the others at their likely values; beside each input, its share of the headline's variance over " +
                           format_count(kDefaultSamples) + " seeded draws (the draws behind the P10\u2013P90).");
}

}  // namespace

const char* const kChartNames[4] = {"models", "ladder", "decline", "spread"};

std::string chart_html(const SiteContext& site, const std::string& which, const std::map<std::string, std::string>& named,
                       std::string& error, std::string& help) {
    const auto arg = [&](const char* k) { const auto it = named.find(k); return it == named.end() ? std::string() : it->second; };
    for (const auto& [k, v] : named)
        if (!((which == "ladder" && k == "ladder") || (which == "decline" && (k == "ladder" || k == "rung")) ||
              (which == "spread" && (k == "ladder" || k == "tab")))) {
            error = "chart `" + which + "` has no argument `" + k + "`";
            help = which == "ladder" ? "write {{< chart \"ladder\" ladder=\"<id>\" >}}"
                   : which == "decline" ? "write {{< chart \"decline\" ladder=\"<id>\" rung=\"<rung id>\" >}}"
                   : which == "spread"  ? "write {{< chart \"spread\" tab=\"<tab>\" ladder=\"<id>\" >}}"
                                        : "write {{< chart \"" + which + "\" >}}";
            return "";
        }
    if (which == "models") return models_chart(site);
    if (which == "spread") {
        // A tab's headline at the site's starting scenario (on the ladder named): default the first tab.
        const std::string tab = !arg("tab").empty() ? arg("tab") : !site.tabs.empty() ? site.tabs.front() : "counted";
        if (std::find(site.tabs.begin(), site.tabs.end(), tab) == site.tabs.end()) {
            error = "chart `spread` has no tab `" + tab + "` on this site";
            std::string tabs;
            for (const std::string& t : site.tabs) tabs += (tabs.empty() ? "" : ", ") + t;
            help = "tabs this site's data supports: " + tabs;
            return "";
        }
        const Seed* seed = site.seeds.find(site.base.model, arg("ladder"));
        if (!seed) {
            error = "unknown ladder `" + arg("ladder") + "`";
            help = site.data->ladders.empty() ? "add data/ladders/<id>.toml" : "ladders: " + site.data->ladder_ids();
            return "";
        }
        return spread_chart(seed->scenario, tab);
    }
    if (which != "ladder" && which != "decline") {
        error = "unknown chart `" + which + "`";
        return "";
    }
    // Both draw a ladder: the one named, else the site's default.
    const std::string id = !arg("ladder").empty() ? arg("ladder") : site.data->default_ladder;
    const LadderData* ladder = site.data->ladder(id);
    if (!ladder) {
        error = id.empty() ? "chart `" + which + "` needs a ladder, and this site has none" : "unknown ladder `" + id + "`";
        help = site.data->ladders.empty() ? "add data/ladders/<id>.toml" : "ladders: " + site.data->ladder_ids();
        return "";
    }
    if (which == "ladder") return ladder_chart(site, *ladder);
    // The decline of one rung: the one named, else the ladder's first.
    const std::string rung = arg("rung");
    const int index = rung.empty() ? 0 : ladder->spec.find(rung);
    if (index < 0) {
        error = "ladder `" + ladder->id + "` has no rung `" + rung + "`";
        help = "its rungs: " + ladder->spec.ids();
        return "";
    }
    // It draws the scenario's range of annual decline ([decline]): without one, no curve at all, not one at 0%.
    if (const auto need = site.figure_needs.find("input.decline"); need != site.figure_needs.end()) {
        const NeedsError e = needs_error("chart", "decline", need->second);
        error = e.message;
        help = e.help;
        return "";
    }
    return decline_chart(site, *ladder, index);
}

}  // namespace costbook::site
