// site: a query on top of a model's seed — what a page's calculator, `calc --scenario`,
// `calc --compare` and the exports all start from
// Index: [SECTION] Query  [SECTION] Seeded  [SECTION] Ladders
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
// The ladder a query is on: the one its `ladder=` names (a scenario written whole says which,
// core's write_scenario()), else `fallback` ("" = the data's default ladder).
std::string query_ladder(std::string_view query, const std::string& fallback = {});

struct Query {
    Scenario scenario;                  // the seed with every good key of the query applied
    InputSources sources;               // the seed's sources, for the inputs the query left as they were
    std::vector<Error> errors;          // unknown keys, bad numbers (those keys are skipped)
    std::vector<std::string> notes;     // clamps: "`mfu` 7 is above 1; clamped to 1"
};
// `seed` is the seed of query_model(query, ...) on query_ladder(query, ...): apply the query's keys on top of it.
Query apply_query(const Seed& seed, std::string_view query);

// ---- [SECTION] Seeded ----
// A query on the seed it names, as `costbook calc` reads --scenario and each of --compare's: its
// `model=` (else choice.model, else the data's default model) on its `ladder=` (else choice.ladder,
// else the data's default ladder). Fails, as seed() does, for an unknown model or ladder, and when
// choice.ladder and the query's `ladder=` name different ladders. The query's own problems are in
// query.errors, each explained by explain_ladders().
struct SeededQuery {
    Seed seed;     // what the query starts from (a scenario written relative to it is the query's change)
    Query query;
};
Result<SeededQuery> seed_query(const Data& data, ScenarioChoice choice, std::string_view query);

// ---- [SECTION] Ladders ----
// An error about a `count=` rung or a key that the scenario's ladder does not have, with its help
// saying which of the data's other ladders has it and how to read the query on that one ("add
// `ladder=llama` to the scenario"), then every ladder's rungs (or keys), this one's first. Other
// errors are left as they are. `query` is the query the errors came from.
void explain_ladders(const Data& data, const Scenario& on, std::string_view query, std::vector<Error>& errors);

}  // namespace costbook::site
