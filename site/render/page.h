// site: pages to HTML — each page's Markdown and shortcodes, then its template, in parallel
// Index: [SECTION] Templates  [SECTION] Pages
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "diag.h"
#include "load/content.h"
#include "load/templates.h"
#include "render/cards.h"
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
// `only` set: just those pages (indexes into `pages`) are rendered, the others' HTML is left
// empty; the rest of `pages` still gives the navigation and the lists (serve's incremental builds).
// `sink` set: each page's HTML goes to it as soon as the page is rendered (from the rendering
// threads: it must be thread-safe) and is not kept, so the site's HTML is never all in memory;
// a sink that returns false stops the rendering. The result's strings are then empty.
// `embeds` set: each rendered page's calculators' embed pages (render/embed.h), output path and HTML, in page order.
// `cards` set: each page's social card (render/cards.h) goes to it from the same threads; unset, pages
// still name their cards in og:image but none is drawn.
using PageSink = std::function<bool(size_t index, const std::string& html)>;
std::vector<std::string> render_pages(const SiteContext& site, const Templates& templates, std::vector<Page>& pages,
                                      const std::string& inject_html, Diagnostics& diags,
                                      const std::vector<size_t>* only = nullptr, const PageSink* sink = nullptr,
                                      std::vector<std::pair<std::string, std::string>>* embeds = nullptr,
                                      const CardSink* cards = nullptr);
// True for a page whose template (or a partial it includes) reads the site's pages (`{{#pages}}`)
// or its section's (`section.pages`): it must be rendered again when any page's title, href, date,
// description or weight change. The default templates: the home page and sections with their pages.
bool lists_pages(const Templates& templates, const Page& pg);

}  // namespace costbook::site
