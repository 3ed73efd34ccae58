// site: the built-in widget partials — how a figure, the calculator, a ledger, the sources and the
// models table render — and the lookup that prefers a site's own templates/partials/widgets/<name>
// Index: [SECTION] Partials
#pragma once
#include <string>
#include <string_view>

#include "mustache/mustache.h"
#include "render/context.h"

namespace costbook::site {

// ---- [SECTION] Partials ----
const mustache::PartialMap& builtin_widget_partials();   // "widgets/figure" → compiled, once
const char* builtin_widget_source(std::string_view name);   // its text, to copy and change; nullptr if none
// The site's partial of that name, else the built-in one; nullptr for neither.
const mustache::Template* widget_partial(const SiteContext& site, std::string_view name);
// Renders widget partial `name` over `ctx`. `inline_widget`: one trailing newline is dropped, so a
// figure sits in its sentence.
std::string render_widget(const SiteContext& site, std::string_view name, const mustache::Value& ctx, bool inline_widget = false);

}  // namespace costbook::site
