#include "render/embed.h"

#include "costbook/export.h"
#include "render/html.h"

namespace costbook::site {

std::string embed_url_path(const std::string& page_url_path, int index) {
    return "embed/" + page_url_path + "calc-" + std::to_string(index) + "/";
}

std::string embed_page(const SiteContext& site, const Page& page, int index, const std::string& calc_html) {
    const std::string back = site.config.base_url + page.url_path;   // the page in full: the link leaves the frame's site
    const std::string title = page.title.empty() ? site.config.title : page.title;
    std::string h;
    h.reserve(calc_html.size() + 2048);
    h += "<!doctype html>\n<html lang=\"" + escape(site.config.language) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         // The pages' policy (templates/partials/head.mustache); who may frame it comes as a header (write/headers.h).
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
         "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'\">\n"
         "<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"robots\" content=\"noindex\">\n"
         "<link rel=\"icon\" href=\"data:,\">\n<title>Calculator · " + escape(title) + " · " + escape(site.config.title) + "</title>\n"
         "<link rel=\"canonical\" href=\"" + escape(site.config.base_url + embed_url_path(page.url_path, index)) + "\">\n"
         "<link rel=\"stylesheet\" href=\"/css/site.css\">\n"
         // The page's own layout, over the site's: the calculator alone, filling its frame.
         "<style>.cb-embed { max-width: none; margin: 0; padding: 0; } .cb-embed main { max-width: none; margin: 0; padding: 0.5rem; } "
         ".cb-embed .cb-calc { margin: 0; } .cb-embed-credit { margin: 0 0 0.5rem; font: 400 0.875rem/1.4 var(--cb-font, sans-serif); "
         "color: var(--cb-muted, GrayText); }</style>\n"
         "<meta name=\"generator\" content=\"costbook " + std::string(costbook_version()) + "\">\n" +
         std::string(site.calculator ? "<script src=\"/calc-loader.js\" defer></script>\n" : "") + "</head>\n"
         "<body class=\"cb-embed\">\n<main id=\"main\">\n";
    // The link back is the page's one heading: a reader (and a screen reader) learns first where it comes from.
    h += "<h1 class=\"cb-embed-credit\">From <a href=\"" + escape(back) + "\" target=\"_blank\" rel=\"noopener\">" + escape(title) +
         "</a> · " + escape(site.config.title) + "</h1>\n";
    h += calc_html;
    h += "\n</main>\n";
    h += "</body>\n</html>\n";
    return h;
}

}  // namespace costbook::site
