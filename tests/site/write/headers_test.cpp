// site/write/headers.h: who may frame which route — the rules serve answers with and build writes
// into _headers — and a header file in which no path matches two rules.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "write/headers.h"

using namespace costbook::site;

namespace {
std::string header(const HeaderPairs& h, const std::string& name) {
    for (const auto& [n, v] : h)
        if (n == name) return v;
    return "";
}

// The rules of a _headers file: each path pattern with its header lines.
struct Rule { std::string pattern; std::vector<std::string> lines; };
std::vector<Rule> parse(const std::string& file) {
    std::vector<Rule> rules;
    size_t at = 0;
    while (at < file.size()) {
        const size_t end = file.find('\n', at);
        const std::string line = file.substr(at, end - at);
        at = end == std::string::npos ? file.size() : end + 1;
        if (line.empty() || line[0] == '#') continue;
        if (line[0] == '/') rules.push_back({line, {}});
        else if (!rules.empty()) rules.back().lines.push_back(line);
    }
    return rules;
}

// Netlify's and Cloudflare Pages' matching: a trailing * matches any rest; otherwise the path itself.
bool matches(const std::string& pattern, const std::string& url) {
    if (!pattern.empty() && pattern.back() == '*') return url.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
    return pattern == url;
}
}  // namespace

TEST_CASE("only the embeds may be framed by other sites; every other file by the site alone") {
    const HeaderPairs embed = route_headers("embed/rl/calc-0/index.html");
    CHECK(header(embed, "Content-Security-Policy") == "frame-ancestors *");
    CHECK(header(embed, "X-Frame-Options").empty());
    for (const char* rel : {"index.html", "rl/index.html", "calc.js", "embedded/index.html", "404.html"}) {
        CAPTURE(rel);
        const HeaderPairs h = route_headers(rel);
        CHECK(header(h, "Content-Security-Policy") == "frame-ancestors 'self'");
        CHECK(header(h, "X-Frame-Options") == "SAMEORIGIN");
    }
}

TEST_CASE("_headers gives every page of the output exactly one rule, so hosts that join overlapping rules cannot merge two policies") {
    const std::vector<std::string> paths = {"index.html", "404.html", "rl/index.html", "models/a/index.html", "css/site.css",
                                            "calc.js", "embed/calc-0/index.html", "embed/rl/calc-0/index.html", "embedded/index.html"};
    for (const std::string base : {"/", "/costs/"}) {
        CAPTURE(base);
        const std::vector<Rule> rules = parse(headers_file(paths, base));
        std::vector<std::string> urls = {base};   // the home page at the base path itself
        for (const std::string& p : paths)
            if (p.find(".html") != std::string::npos) urls.push_back(base + p);
        urls.push_back(base + "rl/");
        urls.push_back(base + "embed/rl/calc-0/");
        for (const std::string& url : urls) {
            CAPTURE(url);
            std::vector<const Rule*> hits;
            for (const Rule& r : rules)
                if (matches(r.pattern, url)) hits.push_back(&r);
            REQUIRE(hits.size() == 1);
            const bool embed = url.rfind(base + "embed/", 0) == 0;
            const std::vector<std::string> want = embed ? std::vector<std::string>{"  Content-Security-Policy: frame-ancestors *"}
                                                        : std::vector<std::string>{"  Content-Security-Policy: frame-ancestors 'self'",
                                                                                   "  X-Frame-Options: SAMEORIGIN"};
            CHECK(hits[0]->lines == want);
        }
        for (const Rule& r : rules) {   // files that are not pages need no rule: a stylesheet is not framed
            CHECK_FALSE(matches(r.pattern, base + "css/site.css"));
            CHECK_FALSE(matches(r.pattern, base + "calc.js"));
        }
    }
}
