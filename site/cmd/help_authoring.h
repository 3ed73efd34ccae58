// site: `costbook help shortcodes` and `costbook help templates` — the registries the build checks
// against, printed (render/shortcode_registry.h, render/template_vars.h), so the reference cannot drift
// Index: [SECTION] Help
#pragma once
#include <string>

namespace costbook::site {

// ---- [SECTION] Help ----
struct HelpOptions;
// Rows of cmd/help.cpp's kHelpTopics. `o.site` (its templates/shortcodes/) adds the site's own
// shortcodes. Exit code.
int help_shortcodes(const HelpOptions& o);
int help_templates(const HelpOptions& o);

}  // namespace costbook::site
