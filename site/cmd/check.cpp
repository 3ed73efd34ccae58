// costbook check: renders the site in memory, then checks every internal link and #anchor,
// and every calculator embed's scenario (check/links.h). Reports all problems, then exits 1.
#include <iostream>
#include <map>
#include <unistd.h>

#include "build.h"
#include "check/links.h"
#include "cmd/cli.h"
#include "files.h"
#include "utf8.h"

namespace costbook::site {

namespace {

// Where a link appears in its source file, for the error's line and column.
LineCol locate(const std::string& text, const std::string& needle) {
    size_t at = text.find("(" + needle);
    if (at != std::string::npos) ++at; else at = text.find(needle);
    return at == std::string::npos ? LineCol{} : line_col(text, at);
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
    if (!diags.empty()) {
        diags.print(std::cerr, isatty(2));
        return kExitBadInput;
    }
    std::cout << "checked " << stats.pages << " pages: " << check.links << " internal links and anchors resolve, every figure has a source\n";
    return kExitOk;
}

}  // namespace costbook::site
