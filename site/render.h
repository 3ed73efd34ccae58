// site: Mustache templates, checked and compiled once per build (site/mustache.h renders)
// Index: [SECTION] Templates  [SECTION] Render
//
// Templates are read and checked once per build (balanced sections, partials that exist,
// no partial including itself), then compiled once. `{{var}}` escapes & < > " ';
// `{{{var}}}` is only for HTML costbook generated (page content, charts).
#pragma once
#include <map>
#include <optional>
#include <string>

#include "diag.h"
#include "mustache.h"

namespace costbook::site {

// ---- [SECTION] Templates ----
struct Templates {
    std::map<std::string, std::string> layouts;    // "page" → text, from templates/*.mustache
    std::map<std::string, std::string> partials;   // "head" → text, from templates/partials/*.mustache
    mustache::PartialMap compiled_layouts, compiled_partials;  // compiled once; rendered from many threads
    bool has(const std::string& name) const { return layouts.count(name) != 0; }
};

std::optional<Templates> load_templates(const std::string& site_dir, Diagnostics& diags);

// ---- [SECTION] Render ----
std::string render_template(const Templates& t, const std::string& layout, const mustache::Value& context);

}  // namespace costbook::site
