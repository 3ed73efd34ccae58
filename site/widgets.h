// site: what a shortcode becomes — figures, the calculator embed, tables, charts
// Index: [SECTION] Context  [SECTION] Widgets
#pragma once
#include <string>

#include "content.h"
#include "costbook/scenario.h"
#include "data.h"
#include "diag.h"
#include "figures.h"
#include "shortcodes.h"

namespace costbook::site {

// ---- [SECTION] Context ----
struct SiteContext {
    SiteConfig config;
    const Data* data = nullptr;     // null for a site without data/
    Scenario base;                  // the data's starting scenario
    FigureRegistry figures;
    bool calculator = false;        // calc.js + calc.wasm will be in the output
    std::string url(const std::string& path) const { return config.base_path + path; }  // "deepseek-v3/" → "/costs/deepseek-v3/"
};

struct PageState {                  // what rendering one page found out
    bool has_calc = false;
    int calc_count = 0;
    std::vector<std::string> cited_sources;
};

// ---- [SECTION] Widgets ----
// Renders one shortcode; a bad argument (unknown figure key, model, chart) is a diagnostic at
// the shortcode's position, and the HTML is a visible placeholder.
std::string render_shortcode(const SiteContext& site, const Page& page, const Shortcode& sc, PageState& state,
                             Diagnostics& diags);
std::string calc_embed(const SiteContext& site, const std::string& tab, const Scenario& s, int index);
std::string ledger_table(const SiteContext& site, const Model& m);
std::string sources_list(const SiteContext& site);
std::string models_table(const SiteContext& site);
std::string assumptions_table(const SiteContext& site);   // every assumption in data/, with its reason
std::string runs_table(const SiteContext& site);
std::string tasks_table(const SiteContext& site);         // data/tasks.toml on each compared price          // data/runs/ with implied MFU and the fit without each run's developer
std::string chart_html(const SiteContext& site, const std::string& which, std::string& error);
std::string source_href(const SiteContext& site, const std::string& source_id);

}  // namespace costbook::site
