// site: `costbook check`'s reading of the rendered output — every internal link and #anchor
// resolves, every calculator embed carries a scenario that parses
// Index: [SECTION] Check
#pragma once
#include <string>
#include <vector>

#include "diag.h"
#include "write/write.h"

namespace costbook::site {

// ---- [SECTION] Check ----
struct LinkProblem {
    Diagnostic diag;        // path (the page's source), message, help; no line or column yet
    std::string needle;     // the text to find in the source file for the position ("" = none)
};
struct LinkCheck {
    int links = 0;                      // internal links and anchors checked
    std::vector<LinkProblem> problems;
};
// `files` as a build captured them, `sources[i]` the source of files[i] ("content/a.md").
LinkCheck check_links(const std::vector<OutFile>& files, const std::vector<std::string>& sources);

}  // namespace costbook::site
