// site: `costbook check`'s rules on the data behind the figures — a figure marked derived says what
// it is derived from, a cited source has a URL, a price has its dates
// Index: [SECTION] Input  [SECTION] Rules
//
// check/ knows nothing of load/: cmd/check.cpp copies what the rules read out of the loaded data
// into these plain structs, each with the position in data/ a problem is reported at.
#pragma once
#include <string>
#include <vector>

#include "diag.h"

namespace costbook::site {

// ---- [SECTION] Input ----
struct Place { std::string path; int line = 0, col = 0; };   // "data/facts.toml", 1-based
struct CheckedCite { std::string source, reason; Place at; };   // source: an id, "derived", or "" (an assumption)
struct CheckedSource { std::string id, url, kind; Place at; };  // kind "derived" needs no URL
struct CheckedPrice { std::string id, from, until, as_of; Place at; };
struct DataToCheck {
    std::vector<CheckedCite> cites;       // every figure's backing, in load order
    std::vector<CheckedSource> sources;
    std::vector<CheckedPrice> prices;     // every price in data/prices/: the page's price table shows them all
};

// ---- [SECTION] Rules ----
// Every problem, in data order: a derived figure with an empty `reason`; a cited source (not kind
// "derived") without a `url`, once per source, at its [[source]] with the first place citing it;
// a price without `from`, or without both `until` and `as_of`.
std::vector<Diagnostic> check_data(const DataToCheck& d);

}  // namespace costbook::site
