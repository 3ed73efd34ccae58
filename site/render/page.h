// site: pages to HTML — each page's Markdown and shortcodes, then its template, in parallel
// Index: [SECTION] Pages
#pragma once
#include <string>
#include <vector>

#include "diag.h"
#include "load/content.h"
#include "load/templates.h"
#include "render/context.h"

namespace costbook::site {

// ---- [SECTION] Pages ----
// Every page's HTML, in the order of `pages` (whose Markdown bodies are freed as they are
// rendered, to keep a large site's peak memory down). `inject_html` goes before each page's
// last </body> (serve's live-reload script). Problems go to `diags` in page order; the result
// is then incomplete.
// `only` set: just those pages (indexes into `pages`) are rendered, the others' HTML is left
// empty; the rest of `pages` still gives the navigation and the lists (serve's incremental builds).
std::vector<std::string> render_pages(const SiteContext& site, const Templates& templates, std::vector<Page>& pages,
                                      const std::string& inject_html, Diagnostics& diags,
                                      const std::vector<size_t>* only = nullptr);
// True for a page whose context lists the site's pages (`{{#pages}}`: title, href, date,
// description of each): it must be rendered again when any of those change. Today the home page.
bool lists_pages(const Page& pg);

}  // namespace costbook::site
