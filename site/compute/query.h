// site: a query on top of a model's seed — what a page's calculator, `calc --scenario`,
// `calc --compare` and the exports all start from
// Index: [SECTION] Query
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "compute/scenario.h"
#include "costbook/export.h"
#include "costbook/result.h"
#include "costbook/scenario.h"

namespace costbook::site {

// ---- [SECTION] Query ----
// The model a query starts from: the one its `model=` names (so `model=<id>` starts from that
// model's data, its size, tokens and GPU, not just its name), else `fallback`.
std::string query_model(std::string_view query, const std::string& fallback = {});

struct Query {
    Scenario scenario;                  // the seed with every good key of the query applied
    InputSources sources;               // the seed's sources, for the inputs the query left as they were
    std::vector<Error> errors;          // unknown keys, bad numbers (those keys are skipped)
    std::vector<std::string> notes;     // clamps: "`mfu` 7 is above 1; clamped to 1"
};
// `seed` is the seed of query_model(query, ...): apply the query's keys on top of it.
Query apply_query(const Seed& seed, std::string_view query);

}  // namespace costbook::site
