// site: what a shortcode becomes — figures, the calculator embed, tables, charts
// Index: [SECTION] Widgets
#pragma once
#include <string>
#include <vector>

#include "costbook/export.h"
#include "costbook/scenario.h"
#include "diag.h"
#include "load/content.h"
#include "render/context.h"
#include "render/shortcodes.h"

namespace costbook::site {

// ---- [SECTION] Widgets ----
// Renders one shortcode; a bad argument (unknown figure key, model, chart) is a diagnostic at
// the shortcode's position, and the HTML is a visible placeholder.
std::string render_shortcode(const SiteContext& site, const Page& page, const Shortcode& sc, PageState& state,
                             Diagnostics& diags);
// The calculator for scenario `s`, whose inputs still at their seed value carry `sources`, showing
// `tabs` (empty: those the site's data supports) and s's ladder; the page's next calculator (calc-<n>),
// kept in state.calc_html for its embed page.
std::string calc_embed(const SiteContext& site, const std::string& tab, const Scenario& s, const InputSources& sources, PageState& state,
                       const std::vector<std::string>& tabs = {});
// A page per model in data/models/: what was reported, other figures, first principles.
std::string model_page_body(const SiteContext& site, const Model& m, PageState& state);
std::string ledger_table(const SiteContext& site, const Model& m);
std::string sources_list(const SiteContext& site);
std::string models_table(const SiteContext& site);
std::string assumptions_table(const SiteContext& site);   // every assumption in data/, with its reason
std::string runs_table(const SiteContext& site);          // data/runs/ with implied MFU and the fit without each run's developer
// data/tasks.toml on the compared prices in effect on each date (YYYY-MM-DD or YYYY-MM), a table per
// date, the first open; no dates = one table of every compared price.
std::string tasks_table(const SiteContext& site, const std::vector<std::string>& dates);
std::string prices_table(const SiteContext& site);        // every price in data/prices/ with its dates, USD and yuan
std::string source_href(const SiteContext& site, const std::string& source_id);
// The figure registry as nested maps for author shortcodes: figures.<model>.total_gpu_hours.{text,value,html}.
mustache::Value figure_tree(const SiteContext& site);

}  // namespace costbook::site
