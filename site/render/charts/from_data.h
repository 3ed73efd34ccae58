// site: the charts a page asks for by name ({{< chart "ladder" ladder="deepseek" >}}), built from what compute
// resolved and drawn by render/charts/{bars,waterfall,lines}.h
// Index: [SECTION] Charts
#pragma once
#include <map>
#include <string>

#include "render/context.h"

namespace costbook::site {

// ---- [SECTION] Charts ----
extern const char* const kChartNames[4];   // models, ladder, decline, spread
// The chart's <figure> with its SVG, or "" with `error` (and perhaps `help`) set for an unknown name or
// argument. `named`: the shortcode's key="value" arguments: ladder="<id>" for "ladder" and "decline"
// (default: the site's default ladder), rung="<id>" for "decline" (default: the ladder's first rung; it
// needs the [decline] range of data/scenario.toml, and is an error naming it without one);
// tab="<tab>" and ladder="<id>" for "spread" (what drives the tab's P10-P90: default the site's first tab).
std::string chart_html(const SiteContext& site, const std::string& which, const std::map<std::string, std::string>& named,
                       std::string& error, std::string& help);

}  // namespace costbook::site
