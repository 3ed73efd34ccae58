#include "compute/query.h"

namespace costbook::site {

std::string query_model(std::string_view query, const std::string& fallback) {
    const ParsedScenario first = parse_scenario(query, Scenario{});
    return first.scenario.model.empty() ? fallback : first.scenario.model;
}

Query apply_query(const Seed& seed, std::string_view query) {
    ParsedScenario p = parse_scenario(query, seed.scenario);
    Query q{std::move(p.scenario), seed.sources, std::move(p.errors), std::move(p.notes)};
    drop_changed_sources(q.sources, q.scenario, seed.scenario);
    return q;
}

}  // namespace costbook::site
