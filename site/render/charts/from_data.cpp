// The charts a page asks for by name, built from data through core, drawn by bars.cpp, waterfall.cpp and lines.cpp.
#include <algorithm>

#include "render/charts/from_data.h"

#include "costbook/format.h"
#include "costbook/outputs.h"
#include "render/charts/bars.h"
#include "render/charts/lines.h"
#include "render/charts/waterfall.h"
#include "render/html.h"

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
            const bool own_rate = m.ledger.usd_per_gpu_hour > 0;
            const double rate = own_rate ? m.ledger.usd_per_gpu_hour : site.base.get(Key::rate);
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
                       "developer's rate or the scenario's; grey bars: estimates and other kinds of figure; hatched bars: "
                       "costbook's reading of words, not a figure the source gave.");
}

std::string ladder_chart(const SiteContext& site) {
    const Ladder l = compute_ladder(ladder_inputs(site.base), site.base.rungs);
    const Assumption* research = site.data->assumption(Key::research_mult);
    const Assumption* people = site.data->assumption(Key::people_usd);
    std::vector<Step> steps;
    for (int i = 0; i < kRungCount; ++i) {
        const LadderStep& s = l.steps[i];
        const bool assumption = (i == 2 && research && research->cite.assumption) || (i == 3 && people && people->cite.assumption);
        steps.push_back({rung_label(i), s.add_usd, s.total_usd, (s.add_usd >= 0 ? "+" : "") + format_usd(s.add_usd),
                         format_usd(s.total_usd), s.on, assumption});
    }
    return figure_wrap(waterfall("From " + format_usd(l.steps[0].total_usd) + " to the fleet", "The ladder from R1's headline to owning the fleet, log scale", steps, true),
                       "Each rung adds what it counts; hatched rungs are assumptions. The fleet rung replaces rented compute "
                       "with what owning the GPUs cost.");
}

std::string decline_chart(const SiteContext& site) {
    const Range r = site.base.range(Key::decline);
    const double start = compute_ladder(ladder_inputs(site.base), LADDER_V3_HEADLINE).total_usd;
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
    return figure_wrap(line_chart("The same run, later", "V3's final-run cost at falling annual rates", series, xt, yt, true),
                       "V3's " + format_usd(start) + " final run if the cost of the same compute keeps falling; the rates are "
                       "the scenario's range for the annual decline.");
}

}  // namespace

const char* const kChartNames[3] = {"models", "ladder", "decline"};

std::string chart_html(const SiteContext& site, const std::string& which, std::string& error) {
    if (which == "models") return models_chart(site);
    if (which == "ladder") return ladder_chart(site);
    if (which == "decline") return decline_chart(site);
    error = "unknown chart `" + which + "`";
    return "";
}

}  // namespace costbook::site
