// site: templates/*.mustache and templates/partials/*.mustache, compiled and checked once per build
// Index: [SECTION] Templates
//
// Each template is compiled once by the Mustache engine (mustache/mustache.h), which finds
// unterminated tags and unbalanced sections; then each compiled template is asked which partials
// it names, so a missing partial or a partial that includes itself is an error before anything
// renders. `{{var}}` escapes & < > " '; `{{{var}}}` is only for HTML costbook generated.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "diag.h"
#include "mustache/mustache.h"

namespace costbook::site {

// ---- [SECTION] Templates ----
struct Templates {
    mustache::PartialMap layouts;    // "page" → compiled templates/page.mustache
    mustache::PartialMap partials;   // "head" → compiled templates/partials/head.mustache; "widgets/figure" → partials/widgets/figure.mustache
    mustache::PartialMap shortcodes; // "note" → compiled templates/shortcodes/note.mustache: {{< note ... >}}
    bool has(const std::string& name) const { return layouts.count(name) != 0; }
};

std::optional<Templates> load_templates(const std::string& site_dir, Diagnostics& diags);

}  // namespace costbook::site
