// site: site.toml — the site's title, description, base URL, language and author
// Index: [SECTION] Config
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "diag.h"

namespace costbook::site {

// ---- [SECTION] Config ----
struct SiteConfig {
    std::string title, description, base_url, language = "en", author;
    std::string base_path;      // the URL path of base_url, "/" or "/costs/": every internal link starts with it
    struct NavEntry {
        std::string path;       // as written: "/", "/posts/", "/about/" (relative to the site's root)
        int line = 0, col = 0;  // in site.toml, for an error about it
    };
    std::vector<NavEntry> nav;  // [nav] pages = [...]: the menu, in this order; empty = pages by weight
    bool has_nav = false;       // a [nav] table was given (an empty list is an empty menu)
    bool cards = true;          // cards = false: no page gets a social card (render/cards.h)
};

// What is wrong with `url` as a base URL (site.toml's base_url, --base-url), said of it ("has no
// scheme"), or "" when nothing is: it is an absolute http(s) URL with a host, or a path that starts
// with `/`; it has no query or fragment, and no character a URL cannot carry as it is (a space, a
// quote, non-ASCII: refused, the help showing it percent-encoded). `help` says what a valid one is.
std::string base_url_problem(const std::string& url, std::string& help);

// Reads and checks site.toml. `base_url_override` (--base-url), when not empty, replaces its
// base_url; either way base_url ends in '/' and base_path is set from it.
std::optional<SiteConfig> load_config(const std::string& site_dir, const std::string& base_url_override, Diagnostics& diags);

}  // namespace costbook::site
