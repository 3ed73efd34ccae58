#include "load/config.h"

#include <filesystem>
#include <toml++/toml.h>

#include "files.h"
#include "load/toml_reader.h"

namespace fs = std::filesystem;

namespace costbook::site {

namespace {
// "https://example.org/costs" → "/costs/"; "" or a bare host → "/".
std::string base_path_of(const std::string& url) {
    size_t start = url.find("://");
    start = start == std::string::npos ? 0 : url.find('/', start + 3);
    if (start == std::string::npos) return "/";
    std::string p = url.substr(start);
    const size_t q = p.find_first_of("?#");
    if (q != std::string::npos) p.resize(q);
    if (p.empty() || p.front() != '/') p = "/" + p;
    if (p.back() != '/') p += '/';
    return p;
}

}  // namespace

std::optional<SiteConfig> load_config(const std::string& site_dir, const std::string& base_url_override, Diagnostics& diags) {
    const fs::path p = fs::path(site_dir) / "site.toml";
    const std::string shown = "site.toml";
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
        diags.error(shown, 0, 0, "no site.toml in " + (site_dir.empty() ? std::string(".") : site_dir),
                    "run costbook in a site folder, pass --site DIR, or create one with `costbook new DIR`");
        return std::nullopt;
    }
    std::string text;
    if (!read_site_file(p.string(), shown, text, diags) || !toml_shape_ok(text, shown, diags)) return std::nullopt;
    diags.remember(shown, text);
    toml::table t;
    try {
        t = toml::parse(text, shown);
    } catch (const toml::parse_error& e) {
        diags.add(diagnostic_at(shown, e.source(), std::string(e.description())));
        return std::nullopt;
    }
    const size_t before = diags.size();
    TableReader r(t, shown, "", diags);
    r.only({"title", "description", "base_url", "language", "author", "nav", "cards"});
    SiteConfig c;
    c.title = r.str("title");
    c.description = r.str("description", false);
    c.base_url = r.str("base_url");
    const std::string lang = r.str("language", false);
    if (!lang.empty()) c.language = lang;
    c.author = r.str("author", false);
    if (const toml::node* cards = t.get("cards")) {   // each page's social card, on unless this says false
        if (cards->is_boolean()) c.cards = *cards->value<bool>();
        else r.error(cards->source(), "`cards` must be true or false", "cards = false: no page gets a social card (og:image)");
    }
    // [nav] pages = ["/", "/posts/"]: the menu's order, each a page's URL path (checked against the pages in build).
    if (const toml::table* nav = r.table("nav")) {
        c.has_nav = true;
        TableReader n(*nav, shown, "[nav]", diags);
        n.only({"pages"});
        const toml::node* pn = nav->get("pages");
        if (pn && !pn->is_array()) n.error(pn->source(), "`pages` in [nav] is a list of page paths", "write pages = [\"/\", \"/posts/\"]");
        if (const toml::array* pages = pn ? pn->as_array() : nullptr) {
            for (const toml::node& e : *pages) {
                const auto v = e.value<std::string>();
                if (!v || v->empty() || v->front() != '/') {
                    n.error(e.source(), "a [nav] entry is a page's path in double quotes, starting with `/`", "write pages = [\"/\", \"/posts/\"]");
                    continue;
                }
                c.nav.push_back({*v, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)});
            }
        } else if (!nav->contains("pages")) {
            n.error(nav->source(), "[nav] needs `pages`", "write pages = [\"/\", \"/posts/\"]: the menu, in order");
        }
    }
    if (diags.size() != before) return std::nullopt;
    if (!base_url_override.empty()) c.base_url = base_url_override;
    if (c.base_url.empty() || c.base_url.back() != '/') c.base_url += '/';
    c.base_path = base_path_of(c.base_url);
    return c;
}

}  // namespace costbook::site
