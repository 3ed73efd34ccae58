// site: pages to HTML — each page's Markdown and shortcodes, then its template, in parallel
// Index: [SECTION] Templates  [SECTION] Pages
#pragma once
#include <string>
#include <vector>

#include "diag.h"
#include "load/content.h"
#include "load/templates.h"
#include "render/context.h"

namespace costbook::site {

// ---- [SECTION] Templates ----
// Once per build, before any page: every template's variables checked against the registry
// (render/template_vars.h), and the site's partials, author shortcodes and the figure tree they
// read attached to `site`. False, with the errors in `diags`, when a template is wrong.
bool prepare_templates(SiteContext& site, const Templates& templates, Diagnostics& diags);

// ---- [SECTION] Pages ----
// Every page's HTML, in the order of `pages` (whose Markdown bodies are freed as they are
// rendered, to keep a large site's peak memory down). `inject_html` goes before each page's
// last </body> (serve's live-reload script). Problems go to `diags` in page order; the result
// is then incomplete.
std::vector<std::string> render_pages(const SiteContext& site, const Templates& templates, std::vector<Page>& pages,
                                      const std::string& inject_html, Diagnostics& diags);

}  // namespace costbook::site
