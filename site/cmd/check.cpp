// costbook check: renders the site in memory, then checks every internal link and #anchor,
// and every calculator embed's scenario (check/links.h), and the data behind the figures
// (check/data_rules.h). Reports all problems, then exits 1.
#include <filesystem>
#include <iostream>
#include <map>
#include <unistd.h>

#include "build.h"
#include "check/data_rules.h"
#include "check/links.h"
#include "cmd/cli.h"
#include "files.h"
#include "load/data.h"
#include "utf8.h"

namespace costbook::site {

namespace {

// Where a link appears in its source file, for the error's line and column.
LineCol locate(const std::string& text, const std::string& needle) {
    size_t at = text.find("(" + needle);
    if (at != std::string::npos) ++at; else at = text.find(needle);
    return at == std::string::npos ? LineCol{} : line_col(text, at);
}

// What check/data_rules.h reads, copied out of the loaded data with its positions.
DataToCheck data_to_check(const Data& d) {
    DataToCheck out;
    const auto place = [](const Where& w) { return Place{w.path, w.line, w.col}; };
    for (const Cite& c : d.cites) out.cites.push_back({c.source, c.reason, place(c.where)});
    for (const Source& s : d.sources) out.sources.push_back({s.id, s.url, s.kind, place(s.where)});
    for (const Price& p : d.prices) out.prices.push_back({p.id, p.from, p.until, p.as_of, place(p.where)});
    return out;
}

}  // namespace

int cmd_check(const BuildOptions& opts) {
    BuildOptions o = opts;
    if (const int usage = build_flags_usage(o)) return usage;
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
    LinkCheck check = check_links(files, sources);
    // Only a broken link needs its position: each source file is read once, then.
    const std::string site_dir = o.site.empty() ? "." : o.site;
    std::map<std::string, std::string> read;
    for (LinkProblem& p : check.problems) {
        if (!p.needle.empty()) {
            auto [text, fresh] = read.emplace(p.diag.path, std::string());
            if (fresh) text->second = read_file(site_dir + "/" + p.diag.path);
            const LineCol at = locate(text->second, p.needle);
            p.diag.line = at.line;
            p.diag.col = at.col;
        }
        diags.add(std::move(p.diag));
    }
    // The data again (the build validated it; loading is a few milliseconds): its rules point into data/.
    Diagnostics scratch;
    const std::string data_dir = site_dir + "/data";
    std::error_code ec;
    if (std::filesystem::is_directory(data_dir, ec))
        if (const auto data = load_data(data_dir, "data/", scratch))
            for (Diagnostic& d : check_data(data_to_check(*data))) diags.add(std::move(d));
    if (!diags.empty()) {
        diags.print(std::cerr, isatty(2));
        return kExitBadInput;
    }
    std::cout << "checked " << stats.pages << " pages: " << check.links << " internal links and anchors resolve, every figure has a source"
              << ", every derived figure says what it is derived from, every cited source has a URL, every price has its dates\n";
    return kExitOk;
}

}  // namespace costbook::site
