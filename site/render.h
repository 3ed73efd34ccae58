// site: Mustache templates through mstch
// Index: [SECTION] Templates  [SECTION] Render
//
// Templates are read and checked once per build (balanced sections, partials that exist,
// no partial including itself); mstch renders them. `{{var}}` escapes & < > " ';
// `{{{var}}}` is only for HTML costbook generated (page content, charts).
#pragma once
#include <map>
#include <mstch/mstch.hpp>
#include <optional>
#include <string>

#include "diag.h"

namespace costbook::site {

// ---- [SECTION] Templates ----
struct Templates {
    std::map<std::string, std::string> layouts;    // "page" → text, from templates/*.mustache
    std::map<std::string, std::string> partials;   // "head" → text, from templates/partials/*.mustache
    std::map<std::string, std::map<std::string, std::string>> used_partials;  // per layout, transitively
    bool has(const std::string& name) const { return layouts.count(name) != 0; }
};

std::optional<Templates> load_templates(const std::string& site_dir, Diagnostics& diags);
void use_html_escape();   // mstch's escape without its `/` → &#x2F;; call once before rendering threads

// ---- [SECTION] Render ----
std::string render_template(const Templates& t, const std::string& layout, const mstch::node& context);

}  // namespace costbook::site
