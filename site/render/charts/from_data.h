// site: the charts a page asks for by name ({{< chart "ladder" >}}), built from what compute
// resolved and drawn by render/charts/{bars,waterfall,lines}.h
// Index: [SECTION] Charts
#pragma once
#include <string>

#include "render/context.h"

namespace costbook::site {

// ---- [SECTION] Charts ----
extern const char* const kChartNames[3];   // models, ladder, decline
// The chart's <figure> with its SVG, or "" with `error` set for an unknown name.
std::string chart_html(const SiteContext& site, const std::string& which, std::string& error);

}  // namespace costbook::site
