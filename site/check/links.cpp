#include "check/links.h"

#include <map>
#include <set>
#include <vector>

#include "costbook/scenario.h"

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

// %XX escapes decoded, as a server does before looking a path up ("caf%C3%A9/" → "café/").
std::string percent_decoded(const std::string& s) {
    std::string out;
    const auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// "a/b/../c/./d/" → "a/c/d/": `.` and `..` resolved (a `..` above the root stays at the root, as
// browsers do); a trailing slash kept.
std::string normalised(const std::string& path) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        const std::string part = path.substr(start, slash - start);
        if (part == "..") { if (!parts.empty()) parts.pop_back(); }
        else if (!part.empty() && part != ".") parts.push_back(part);
        start = slash + 1;
    }
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
    const bool folder = !path.empty() && (path.back() == '/' || (path.size() >= 2 && path.compare(path.size() - 2, 2, "/.") == 0) ||
                                          (path.size() >= 3 && path.compare(path.size() - 3, 3, "/..") == 0));
    if (!out.empty() && folder) out += '/';
    return out;
}

}  // namespace

LinkCheck check_links(const std::vector<OutFile>& files, const std::vector<std::string>& sources) {
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
    LinkCheck out;
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
            ++out.links;
            std::string path = href, anchor;
            const size_t hash = path.find('#');
            if (hash != std::string::npos) { anchor = path.substr(hash + 1); path.resize(hash); }
            // A query never names another file; a share link's #calc-0:rate=2 anchors at #calc-0.
            if (const size_t q = path.find('?'); q != std::string::npos) path.resize(q);
            if (const size_t colon = anchor.find(':'); colon != std::string::npos && anchor.rfind("calc-", 0) == 0) anchor.resize(colon);
            path = percent_decoded(path);
            std::string target;
            if (path.empty()) target = f.path;
            else if (path.rfind(base, 0) == 0) target = path.substr(base.size());
            else if (path[0] == '/') target = "\x01";  // root-relative outside the base path
            else {
                const size_t slash = f.path.rfind('/');
                target = (slash == std::string::npos ? "" : f.path.substr(0, slash + 1)) + path;
            }
            if (target != "\x01") target = normalised(target);
            if (!target.empty() && target.back() == '/') target += "index.html";
            if (target.empty()) target = "index.html";
            if (!paths.count(target) && paths.count(target + "/index.html")) target += "/index.html";
            Diagnostic d;
            if (target == "\x01") {
                d.message = "link `" + href + "` leaves the site's base path `" + base + "`";
                d.help = "costbook puts the base path in front of every href=\"/...\" and src=\"/...\" of a page (Markdown or raw HTML) "
                         "unless it already starts with it: this one was written in another attribute, or under another base path; "
                         "write it as [text](/page/), or in a template as {{site.base_path}}page/";
            } else if (!paths.count(target)) {
                d.message = "link `" + href + "` goes nowhere: no " + target + " in the output";
                d.help = "fix the path, or add the page it points to";
            } else if (!anchor.empty() && !ids[target].count(anchor)) {
                d.message = "link `" + href + "`: no `#" + anchor + "` on " + target;
                d.help = "headings get ids from their text: `## What is counted` is #what-is-counted";
            } else {
                continue;
            }
            d.path = src;
            d.len = static_cast<int>(href.size());
            out.problems.push_back({std::move(d), href});
        }
        for (const auto& [scenario, offset] : attributes(f.bytes, "data-scenario")) {
            // The embed's ladder (data-ladder, in the same tag) names its rungs' keys and ids.
            Scenario base;
            std::string ladder_error;
            const size_t tag_end = f.bytes.find('>', offset);
            const size_t at = f.bytes.find(" data-ladder=\"", offset);
            if (at != std::string::npos && at < tag_end) {
                const size_t start = at + 14, end = f.bytes.find('"', start);
                const Result<LadderSpec> spec = parse_ladder(unescape(f.bytes.substr(start, end - start)));
                if (spec) base.ladder = *spec;
                else ladder_error = spec.error.message;
            }
            const ParsedScenario p = parse_scenario(unescape(scenario), base);
            if (!scenario.empty() && p.errors.empty() && ladder_error.empty()) continue;
            Diagnostic d;
            d.path = src;
            d.message = scenario.empty()          ? "a calculator embed has no scenario"
                        : !ladder_error.empty() ? "a calculator embed's ladder does not parse: " + ladder_error
                                                : "a calculator embed's scenario does not parse: " + p.errors[0].message;
            out.problems.push_back({std::move(d), ""});
        }
    }
    return out;
}

}  // namespace costbook::site
