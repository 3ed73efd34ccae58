#include "write/headers.h"

#include <set>

namespace costbook::site {

bool is_embed_route(std::string_view rel) { return rel.substr(0, kEmbedFolder.size()) == kEmbedFolder; }

HeaderPairs route_headers(std::string_view rel) {
    if (is_embed_route(rel)) return {{"Content-Security-Policy", "frame-ancestors *"}};
    return {{"Content-Security-Policy", "frame-ancestors 'self'"}, {"X-Frame-Options", "SAMEORIGIN"}};
}

std::string headers_file(const std::vector<std::string>& paths, const std::string& base_path) {
    std::string out = "# Written by costbook build from the same rules `costbook serve` answers with: only " + base_path +
                      std::string(kEmbedFolder) + " may be framed by other sites.\n";
    const auto rule = [&](const std::string& pattern, std::string_view rel) {
        out += base_path + pattern + "\n";
        for (const auto& [name, value] : route_headers(rel)) out += "  " + name + ": " + value + "\n";
    };
    // The top level, sorted (the file is the same for the same output), where there are pages: framing
    // matters for documents alone, and Cloudflare Pages reads at most 100 rules.
    std::set<std::string> files, folders;
    const auto page = [](const std::string& p) { return p.size() > 5 && p.compare(p.size() - 5, 5, ".html") == 0; };
    for (const std::string& p : paths) {
        if (is_embed_route(p) || !page(p)) continue;
        const size_t slash = p.find('/');
        if (slash == std::string::npos) files.insert(p);
        else folders.insert(p.substr(0, slash));
    }
    bool embeds = false;
    for (const std::string& p : paths) embeds = embeds || is_embed_route(p);
    if (embeds) rule(std::string(kEmbedFolder) + "*", kEmbedFolder);
    if (files.count("index.html")) rule("", "index.html");   // the home page at the base path itself
    for (const std::string& f : files) rule(f, f);
    for (const std::string& d : folders) rule(d + "/*", d + "/");
    return out;
}

}  // namespace costbook::site
