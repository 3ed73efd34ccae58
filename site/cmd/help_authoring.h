// site: `costbook help shortcodes` and `costbook help templates` — the registries the build checks
// against, printed (render/shortcode_registry.h, render/template_vars.h), so the reference cannot drift
// Index: [SECTION] Help
#pragma once
#include <string>

namespace costbook::site {

// ---- [SECTION] Help ----
inline constexpr const char* kAuthoringHelpTopics[] = {"shortcodes", "templates"};
// Prints `topic`; `site` (its templates/shortcodes/) adds the site's own shortcodes. Exit code.
int cmd_help_authoring(const std::string& topic, const std::string& site);

}  // namespace costbook::site
