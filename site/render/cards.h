// site: social cards — a 1200x630 PNG per page (title, headline figure, the page's chart), drawn from
// an SVG built here and rasterised with librsvg, for og:image and twitter:card summary_large_image
// Index: [SECTION] What a card shows  [SECTION] SVG  [SECTION] PNG  [SECTION] A page's card  [SECTION] Sink
//
// [X] the chart's own SVG, its CSS resolved to plain colours (librsvg reads no var() or :where())
// [X] the calculator's font (wasm/fonts/ui.ttf, Inter), the only font the rasteriser sees
// [X] byte-identical PNGs: no time or machine in them; the SVG's key in a tEXt chunk
// [ ] scripts other than Latin: the shipped font has Latin only, other glyphs draw as boxes
//
// Rasterising touches no file of the site: the font goes to fontconfig through a memfd.
#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diag.h"
#include "load/content.h"
#include "render/context.h"

namespace costbook::site {

// ---- [SECTION] What a card shows ----
inline constexpr int kCardWidth = 1200, kCardHeight = 630;   // pixels: Open Graph's and X's large image
struct CardContent {
    std::string site_title;   // small, above the title
    std::string site_host;    // "example.org" from an absolute base URL, else empty: at the foot
    std::string title;        // the page's title, wrapped to three lines at most
    std::string figure;       // the headline figure as core formatted it ("$294K"), or empty
    std::string figure_note;  // beside it, muted ("an assumption"), or empty
    std::string description;  // under the title when there is no figure, muted, three lines at most
    std::string chart_svg;    // the page's first chart (its <svg>...</svg>, or a <figure> holding one), or empty
    std::map<std::string, std::string> colours;   // the site's CSS variables (page_colours): --cb-bg, --cb-ink, ...
};
// The custom properties of a stylesheet's :root rules outside @media (its light scheme):
// {"--cb-accent": "#b4451f", ...}. The card and its chart take the page's colours from them.
std::map<std::string, std::string> page_colours(const std::string& css);

// ---- [SECTION] SVG ----
// The card as SVG, 1200x630 user units. Deterministic: equal content, equal bytes (tests keep goldens).
std::string card_svg(const CardContent& c);
// "card.png" beside a page's index.html: "models/x/index.html" → "models/x/card.png".
std::string card_path(const std::string& page_out_path);

// ---- [SECTION] PNG ----
// 16 hex digits naming what a card's PNG is made from: the SVG and the rasteriser's version. Stored
// in the PNG, so a build into the previous output can keep a card whose SVG did not change.
std::string card_key(const std::string& svg);
bool png_has_card_key(const std::string& png, const std::string& key);   // false for anything not such a PNG
// The SVG as a 1200x630 RGB PNG with `key` in a tEXt chunk; "" with `error` set when librsvg fails.
// Thread-safe: the build's rendering threads each rasterise their pages' cards.
std::string card_png(const std::string& svg, const std::string& key, std::string& error);

// ---- [SECTION] A page's card ----
// What og:image names for a page: the card costbook draws (`card` its output path), or the page's own
// image (front matter `card = "/img/x.png"` or a URL), or nothing (cards = false in site.toml, card =
// false in front matter, the 404 page). `url` is absolute when the site's base URL is, else a path.
struct PageImage {
    std::string card;   // "models/x/card.png" when costbook draws one, else ""
    std::string url;    // for og:image, or "" for none
};
PageImage page_image(const SiteContext& site, const Page& pg);
// Before rendering: every page's `card_figure` is a figure of the site, every own image a file of
// static/ (`static_paths`, as written in the output) or an http(s) URL. Errors at the front matter's key.
bool check_cards(const SiteContext& site, const std::vector<Page>& pages, const std::set<std::string>& static_paths, Diagnostics& diags);
// The card's content for a page, from what rendering it found (its first chart in `chart_html`).
CardContent page_card(const SiteContext& site, const Page& pg, const std::string& chart_html);

// ---- [SECTION] Sink ----
// Where a build's cards go, from the rendering threads (render/page.h). `previous`, when set, returns
// the last build's file at a path ("" when none): a card whose key it already carries is not redrawn.
struct CardSink {
    std::function<bool(const std::string& path, const std::string& png)> put;
    std::function<std::string(const std::string& path)> previous;
    // Set: told of each card put, with its SVG and whether it was drawn (false: kept from `previous`).
    std::function<void(const std::string& path, const std::string& svg, bool drawn)> made;
};
// The page's card (page_image(...).card) drawn, or kept from `previous`, and handed to `sink.put`.
// False when put refused it; a card librsvg could not draw is an error in `diags`.
bool make_card(const SiteContext& site, const Page& pg, const std::string& chart_html, const CardSink& sink, Diagnostics& diags);

}  // namespace costbook::site
