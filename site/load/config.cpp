#include "load/config.h"

#include <algorithm>
#include <cctype>
#include <cstring>
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

std::string base_url_problem(const std::string& url, std::string& help) {
    const std::string example = "an absolute URL such as https://example.org/ or https://user.github.io/repo/, or a path such as /docs/";
    help = "write " + example;
    if (url.empty()) return "is empty";
    const size_t scheme_end = url.find("://");
    const size_t host_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
    const size_t host_end = scheme_end == std::string::npos ? 0 : std::min(url.find('/', host_start), url.size());
    // Every character is written into href attributes and the canonical link as it is: a space, a
    // quote or a non-ASCII letter would make a broken or another URL there, so it is refused, and the
    // help shows the URL percent-encoded (what the author writes is what is published, and what
    // links already under the base path are compared with).
    static const char kHex[] = "0123456789ABCDEF";
    std::string encoded, what;
    bool in_host = false;
    for (size_t i = 0; i < url.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(url[i]);
        const bool escape = c == '%' && i + 2 < url.size() && std::isxdigit(static_cast<unsigned char>(url[i + 1])) &&
                            std::isxdigit(static_cast<unsigned char>(url[i + 2]));
        if (c <= 0x20 || c >= 0x7f || std::strchr("\"<>\\^`{|}", c) || (c == '%' && !escape)) {
            if (what.empty()) {
                what = c == ' ' ? "a space" : c < 0x20 || c == 0x7f ? "a control character" : c >= 0x80 ? "a non-ASCII character"
                     : c == '%' ? "a `%` without two hex digits after it" : std::string("`") + static_cast<char>(c) + "`";
                in_host = i >= host_start && i < host_end;
            }
            encoded += '%';
            encoded += kHex[c >> 4];
            encoded += kHex[c & 15];
        } else {
            encoded += static_cast<char>(c);
        }
    }
    if (!what.empty()) {
        help = in_host ? "write the host name in ASCII (a non-ASCII name in its xn-- form)" : "percent-encode it: " + encoded;
        return "holds " + what + ", which a URL cannot carry as it is";
    }
    if (const size_t q = url.find_first_of("?#"); q != std::string::npos) {
        const bool query = url[q] == '?';
        help = std::string("leave out the ") + (query ? "query" : "fragment") + ": " + (q == 0 ? "/" : url.substr(0, q));
        return std::string("has a ") + (query ? "query (`?`)" : "fragment (`#`)") + ", which every page's address would then carry";
    }
    if (url.front() == '/') {
        if (url.size() > 1 && url[1] == '/') {
            help = "write the scheme too: https:" + url;
            return "has no scheme";
        }
        return "";   // only a path: links start with it, and og:image holds a path (README: Social cards)
    }
    if (scheme_end == std::string::npos) {
        help = "write https://" + url + " (or, for a path, start it with `/`)";
        return "is neither an absolute URL nor a path: it has no scheme";
    }
    std::string scheme = url.substr(0, scheme_end);
    for (char& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (scheme != "http" && scheme != "https") {
        help = "pages are fetched over http or https: write https://" + url.substr(host_start);
        return "is not an http or https URL";
    }
    const std::string authority = url.substr(host_start, host_end - host_start);
    std::string host = authority, port;
    bool port_given = false;
    if (!host.empty() && host.front() == '[') {   // [::1] or [::1]:8080
        const size_t close = host.find(']');
        const std::string rest = close == std::string::npos ? "" : host.substr(close + 1);
        host = close == std::string::npos ? "" : host.substr(0, close + 1);
        port_given = !rest.empty();
        port = !rest.empty() && rest.front() == ':' ? rest.substr(1) : rest.empty() ? "" : "x";
    } else if (const size_t c = host.rfind(':'); c != std::string::npos) {
        port_given = true;
        port = host.substr(c + 1);
        host.resize(c);
    }
    bool host_ok = !host.empty();
    if (host_ok && host.front() == '[') {
        for (size_t i = 1; i + 1 < host.size(); ++i)
            host_ok = host_ok && (std::isxdigit(static_cast<unsigned char>(host[i])) || host[i] == ':' || host[i] == '.');
    } else {
        for (char ch : host) host_ok = host_ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '.');
        host_ok = host_ok && host.front() != '.' && host.front() != '-';
    }
    if (!host_ok) return authority.empty() ? "has no host name" : "has no valid host name (`" + authority + "` is not one)";
    bool port_ok = !port_given || (!port.empty() && port.size() <= 5);
    for (char ch : port) port_ok = port_ok && std::isdigit(static_cast<unsigned char>(ch));
    if (!port_ok || (!port.empty() && std::stol(port) > 65535)) return "has a port that is not a number from 0 to 65535";
    return "";
}

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
        diags.add(toml_syntax_error(shown, e));
        return std::nullopt;
    }
    const size_t before = diags.size();
    TableReader r(t, shown, "", diags);
    r.only({"title", "description", "base_url", "language", "author", "nav", "cards"});
    SiteConfig c;
    c.title = r.str("title");
    c.description = r.str("description", false);
    c.base_url = r.str("base_url");
    if (const toml::node* b = t.get("base_url"); b && b->is_string()) {
        std::string help;
        if (const std::string problem = base_url_problem(c.base_url, help); !problem.empty())
            r.error(b->source(), "base_url `" + c.base_url + "` " + problem, help);
    }
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
    if (!base_url_override.empty()) {
        std::string help;
        if (const std::string problem = base_url_problem(base_url_override, help); !problem.empty()) {
            diags.error("--base-url", 0, 0, "--base-url `" + base_url_override + "` " + problem, help);
            return std::nullopt;
        }
        c.base_url = base_url_override;
    }
    if (c.base_url.empty() || c.base_url.back() != '/') c.base_url += '/';
    c.base_path = base_path_of(c.base_url);
    return c;
}

}  // namespace costbook::site
