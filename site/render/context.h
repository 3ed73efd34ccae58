// site: what rendering reads — the site's config and data as loaded, and what compute resolved
// from them once per build (seeds, figures, the fit's runs, the task table)
// Index: [SECTION] Site  [SECTION] Page
#pragma once
#include <map>
#include <string>
#include <vector>

#include "compute/types.h"
#include "costbook/mfu_model.h"
#include "costbook/scenario.h"
#include "load/config.h"
#include "load/content.h"
#include "load/data.h"
#include "mustache/mustache.h"
#include "render/shortcode_registry.h"

namespace costbook::site {

// ---- [SECTION] Site ----
struct SiteContext {
    SiteConfig config;
    const Data* data = nullptr;     // null for a site without data/
    Seeds seeds;                    // every model's seed
    Scenario base;                  // the default model's seed: the data's starting scenario
    FigureRegistry figures;
    std::map<std::string, std::string> figure_needs;   // a figure key the data cannot make → what of data/ it needs (compute/figures.h)
    std::vector<RunPoint> runs;     // data/runs/ as the default-MFU fit sees them
    Accuracy runs_lodo;             // the fit's prediction for each of them without its developer's runs
    std::vector<TaskCell> tasks;    // data/tasks.toml on each compared price
    Tabs tabs;                      // the calculator tabs the data supports: an embed's default
    std::map<std::string, ModelRate> rates;   // each model's rental rate by the one rule (compute/types.h)
    bool calculator = false;        // calc.js + calc.wasm will be in the output
    std::string assumptions_page;   // the first page with {{< assumptions >}} ("methodology/"): where assumption labels link; "" = none
    const mustache::PartialMap* partials = nullptr;     // the site's templates/partials/: its widgets/* replace the built-in ones
    const mustache::PartialMap* shortcodes = nullptr;   // templates/shortcodes/: the author's shortcodes
    std::vector<AuthorShortcode> author_shortcodes;     // each with the arguments its template reads
    mustache::Value figure_tree;    // the figure registry as nested maps, for author shortcodes (null when it has none)
    std::map<std::string, std::string> card_colours;   // the site's CSS variables, for its social cards (render/cards.h)
    std::string url(const std::string& path) const { return config.base_path + path; }  // "deepseek-v3/" → "/costs/deepseek-v3/"
};

// ---- [SECTION] Page ----
struct PageCalc {                   // a calculator on the page, as live figures bind to it
    std::string id;                 // "calc-0": its figure's id, in page order
    Scenario scenario;              // the scenario it starts at
    std::vector<std::string> tabs;  // the tabs it shows
};
struct PageState {                  // what rendering one page found out
    std::string url_path;           // the page's ("rl/"): its calculators' embeds live under embed/rl/
    bool has_calc = false;
    int calc_count = 0;
    std::vector<PageCalc> calcs;    // every calculator, before live figures render (page.cpp's order)
    std::vector<std::string> calc_html; // each calculator's figure as rendered, by index: its embed page (render/embed.h)
    std::vector<std::string> cited_sources;
    std::string first_chart;        // the first {{< chart >}}'s HTML: the page's social card draws it
};

}  // namespace costbook::site
