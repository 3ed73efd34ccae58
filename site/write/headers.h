// site: the HTTP headers each route of the output is answered with — one source for `costbook
// serve` (serve/server.cpp) and for the static hosts' `_headers` file `costbook build` writes
// (Netlify and Cloudflare Pages read it)
// Index: [SECTION] Routes  [SECTION] Hosts
//
// Framing: a calculator's embed (`embed/<page>/<calc id>/`, render/embed.h) may be framed by any
// site (`Content-Security-Policy: frame-ancestors *`); every other route only by the site itself
// (`frame-ancestors 'self'`, and `X-Frame-Options: SAMEORIGIN` for browsers before CSP 2). A
// <meta> policy cannot say this (browsers ignore frame-ancestors there), so it travels as a header;
// the pages' own <meta> policy (templates/partials/head.mustache) still applies beside it.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace costbook::site {

// ---- [SECTION] Routes ----
using HeaderPairs = std::vector<std::pair<std::string, std::string>>;
constexpr std::string_view kEmbedFolder = "embed/";           // the embeds' folder in the output
bool is_embed_route(std::string_view rel);                     // rel: relative to the output, "embed/rl/calc-0/index.html"
HeaderPairs route_headers(std::string_view rel);               // the framing headers for that file

// ---- [SECTION] Hosts ----
// `_headers` for the output whose files are `paths` (relative, "css/site.css") under `base_path`
// ("/" or "/costs/"): the embed folder's rule, and one rule per other top-level page or folder with
// pages (framing matters for documents alone), so
// no path matches two rules (Cloudflare Pages joins the values of rules that overlap, which would
// make two policies of frame-ancestors, and both would be enforced).
std::string headers_file(const std::vector<std::string>& paths, const std::string& base_path);
constexpr const char* kHeadersFile = "_headers";

}  // namespace costbook::site
