// site: a calculator's embed — /embed/<page>/<calc id>/, the calculator alone with a link back
// Index: [SECTION] Embeds
//
// Every calculator a page carries (`{{< calc >}}`, a model page's) is also a page of its own at
// `embed/<the page's path><calc id>/` ("embed/rl/calc-0/", the home page's "embed/calc-0/"), for
// other sites to put in an <iframe>. It keeps the figure's id, so the page's share links
// (`#calc-0:rate=3`) open it the same way, and it is the only route other sites may frame
// (write/headers.h). The calculator's "Embed" button copies the <iframe> for it (its data-embed).
#pragma once
#include <string>

#include "load/content.h"
#include "render/context.h"

namespace costbook::site {

// ---- [SECTION] Embeds ----
std::string embed_url_path(const std::string& page_url_path, int index);   // "embed/rl/calc-0/"
// The embed page of `calc_html` (the figure as the page rendered it, index `index`), with a link
// back to `page` and the calculator's loader; root-relative links, before the base path is put in front.
std::string embed_page(const SiteContext& site, const Page& page, int index, const std::string& calc_html);

}  // namespace costbook::site
