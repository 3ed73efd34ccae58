// costbook check: renders the site in memory, then checks every internal link and #anchor,
// and every calculator embed's scenario. Reports all problems, then exits 1.
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

#include "build.h"
#include "cli.h"
#include "costbook/scenario.h"
#include "write.h"

namespace costbook::site {

namespace {

// Attribute values of `name` in an HTML string, with their byte offsets. costbook writes its
// own HTML with double-quoted attributes; that is all this needs to read.
std::vector<std::pair<std::string, size_t>> attributes(const std::string& html, const std::string& name) {
    std::vector<std::pair<std::string, size_t>> out;
    const std::string key = " " + name + "=\"";
    for (size_t p = html.find(key); p != std::string::npos; p = html.find(key, p + 1)) {
        const size_t start = p + key.size();
        const size_t end = html.find('"', start);
        if (end == std::string::npos) break;
        out.emplace_back(html.substr(start, end - start), p);
    }
    return out;
}

std::string unescape(std::string s) {
    const std::pair<const char*, const char*> ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
    for (const auto& [e, c] : ents)
        for (size_t p = s.find(e); p != std::string::npos; p = s.find(e, p + 1)) s.replace(p, std::string(e).size(), c);
    return s;
}

// Where a link appears in its source file, for the error's line and column.
void locate(const std::string& text, const std::string& needle, int& line, int& col) {
    line = 1; col = 1;
    size_t at = text.find("(" + needle);
    if (at != std::string::npos) ++at; else at = text.find(needle);
    if (at == std::string::npos) return;
    for (size_t i = 0; i < at; ++i) { if (text[i] == '\n') { ++line; col = 1; } else ++col; }
}

}  // namespace

int cmd_check(const BuildOptions& opts) {
    BuildOptions o = opts;
    std::vector<OutFile> files;
    std::vector<std::string> sources;
    o.capture = &files;
    o.page_sources = &sources;
    Diagnostics diags;
    BuildStats stats;
    if (!build_site(o, diags, stats)) {
        diags.print(std::cerr, isatty(2));
        return kExitBadInput;
    }
    std::map<std::string, std::set<std::string>> ids;   // output path → ids in it
    std::set<std::string> paths;
    for (const OutFile& f : files) {
        paths.insert(f.path);
        if (f.path.size() > 5 && f.path.compare(f.path.size() - 5, 5, ".html") == 0)
            for (const auto& [id, _] : attributes(f.bytes, "id")) ids[f.path].insert(unescape(id));
    }
    // The base path every internal link starts with: read from the home page's stylesheet link.
    std::string base = "/";
    for (const OutFile& f : files)
        if (f.path == "index.html")
            for (const auto& [href, _] : attributes(f.bytes, "href"))
                if (href.size() > 12 && href.compare(href.size() - 12, 12, "css/site.css") == 0) base = href.substr(0, href.size() - 12);
    int links = 0;
    const std::string site_dir = o.site.empty() ? "." : o.site;
    std::map<std::string, std::string> sources_read;
    for (size_t i = 0; i < files.size(); ++i) {
        const OutFile& f = files[i];
        if (!f.copy_from.empty() || f.path.size() < 5 || f.path.compare(f.path.size() - 5, 5, ".html") != 0) continue;
        const std::string src = i < sources.size() ? sources[i] : f.path;
        std::vector<std::pair<std::string, size_t>> refs = attributes(f.bytes, "href");
        for (auto& r : attributes(f.bytes, "src")) refs.push_back(r);
        for (const auto& [raw, offset] : refs) {
            const std::string href = unescape(raw);
            if (href.empty() || href.find("://") != std::string::npos || href.rfind("mailto:", 0) == 0 || href.rfind("//", 0) == 0 ||
                href.rfind("data:", 0) == 0)
                continue;
            ++links;
            std::string path = href, anchor;
            const size_t hash = path.find('#');
            if (hash != std::string::npos) { anchor = path.substr(hash + 1); path.resize(hash); }
            std::string target;
            if (path.empty()) target = f.path;
            else if (path.rfind(base, 0) == 0) target = path.substr(base.size());
            else if (path[0] == '/') target = "\x01";  // root-relative outside the base path
            else {
                const size_t slash = f.path.rfind('/');
                target = (slash == std::string::npos ? "" : f.path.substr(0, slash + 1)) + path;
            }
            if (!target.empty() && target.back() == '/') target += "index.html";
            if (target.empty()) target = "index.html";
            if (!paths.count(target) && paths.count(target + "/index.html")) target += "/index.html";
            Diagnostic d;
            if (target == "\x01") {
                d.message = "link `" + href + "` leaves the site's base path `" + base + "`";
                d.help = "write links from the site root as /page/; costbook adds the base path";
            } else if (!paths.count(target)) {
                d.message = "link `" + href + "` goes nowhere: no " + target + " in the output";
                d.help = "fix the path, or add the page it points to";
            } else if (!anchor.empty() && !ids[target].count(anchor)) {
                d.message = "link `" + href + "`: no `#" + anchor + "` on " + target;
                d.help = "headings get ids from their text: `## What is counted` is #what-is-counted";
            } else {
                continue;
            }
            // Only a broken link needs its position: each source file is read once, then.
            d.path = src;
            auto [text, fresh] = sources_read.emplace(src, std::string());
            if (fresh) text->second = read_file(site_dir + "/" + src);
            locate(text->second, href, d.line, d.col);
            d.len = static_cast<int>(href.size());
            diags.add(std::move(d));
        }
        for (const auto& [scenario, offset] : attributes(f.bytes, "data-scenario")) {
            const ParsedScenario p = parse_scenario(unescape(scenario), Scenario{});
            if (!scenario.empty() && p.errors.empty()) continue;
            Diagnostic d;
            d.path = src;
            d.message = scenario.empty() ? "a calculator embed has no scenario" : "a calculator embed's scenario does not parse: " + p.errors[0].message;
            diags.add(std::move(d));
        }
    }
    if (!diags.empty()) {
        diags.print(std::cerr, isatty(2));
        return kExitBadInput;
    }
    std::cout << "checked " << stats.pages << " pages: " << links << " internal links and anchors resolve, every figure has a source\n";
    return kExitOk;
}

}  // namespace costbook::site
