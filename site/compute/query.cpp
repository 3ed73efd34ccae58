#include "compute/query.h"

#include <algorithm>

namespace costbook::site {

std::string query_model(std::string_view query, const std::string& fallback) {
    const ParsedScenario first = parse_scenario(query, Scenario{});
    return first.scenario.model.empty() ? fallback : first.scenario.model;
}

std::string query_ladder(std::string_view query, const std::string& fallback) {
    const ParsedScenario first = parse_scenario(query, Scenario{});
    return first.ladder.empty() ? fallback : first.ladder;
}

Query apply_query(const Seed& seed, std::string_view query) {
    ParsedScenario p = parse_scenario(query, seed.scenario);
    Query q{std::move(p.scenario), seed.sources, std::move(p.errors), std::move(p.notes)};
    drop_changed_sources(q.sources, q.scenario, seed.scenario);
    return q;
}

Result<SeededQuery> seed_query(const Data& data, ScenarioChoice choice, std::string_view query) {
    using R = Result<SeededQuery>;
    const std::string named = query_ladder(query);
    if (!named.empty() && !choice.ladder.empty() && named != choice.ladder)
        return R::fail("the scenario's `ladder=" + named + "` is not the ladder asked for, `" + choice.ladder + "`",
                       "drop one of the two, or make them name the same ladder", "ladder");
    if (!named.empty()) choice.ladder = named;
    choice.model = query_model(query, choice.model);
    auto seeded = seed(data, choice);
    if (!seeded) return R::fail(seeded.error.message, seeded.error.help, seeded.error.field);
    SeededQuery out{*seeded, apply_query(*seeded, query)};
    explain_ladders(data, out.seed.scenario, query, out.query.errors);
    return R::ok(std::move(out));
}

namespace {

std::string ticked(const std::string& s) { return "`" + s + "`"; }

// "`a`", "`a` and `b`", "`a`, `b` and `c`"
std::string and_list(const std::vector<std::string>& words) {
    std::string out;
    for (size_t i = 0; i < words.size(); ++i) out += (i == 0 ? "" : i + 1 == words.size() ? " and " : ", ") + ticked(words[i]);
    return out;
}

// The data's ladders, the scenario's first, then the others in the data's order.
std::vector<const LadderData*> ladders_from(const Data& data, const Scenario& on) {
    std::vector<const LadderData*> out;
    if (const LadderData* l = data.ladder(on.ladder.id)) out.push_back(l);
    for (const LadderData& l : data.ladders)
        if (l.id != on.ladder.id) out.push_back(&l);
    return out;
}

// "rungs by ladder: deepseek (this scenario's): rl, final; llama: run405, family; or all, none"
std::string rungs_by_ladder(const Data& data, const Scenario& on) {
    std::string out;
    for (const LadderData* l : ladders_from(data, on)) {
        std::string list;
        for (const RungSpec& r : l->spec.rungs) list += (list.empty() ? "" : ", ") + r.id;
        out += (out.empty() ? "rungs by ladder: " : "; ") + l->id + (l->id == on.ladder.id ? " (this scenario's)" : "") + ": " + list;
    }
    return out.empty() ? "this site has no ladders (data/ladders/)" : out + "; or all, none";
}

// The other ladders that have all of `words` (rung ids, or rung keys and their aliases).
std::vector<std::string> ladders_with(const Data& data, const Scenario& on, const std::vector<std::string>& words, bool rungs) {
    std::vector<std::string> out;
    for (const LadderData* l : ladders_from(data, on)) {
        if (l->id == on.ladder.id) continue;
        const bool all = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
            return rungs ? l->spec.find(w) >= 0 : l->spec.find_key(w) >= 0;
        });
        if (all) out.push_back(l->id);
    }
    return out;
}

// What to do about words of another ladder: "`run405` and `family` are ladder `llama`'s: add
// `ladder=llama` to the scenario"; "" when no other ladder has them all.
std::string move_to(const std::vector<std::string>& words, const std::vector<std::string>& ladders) {
    if (ladders.empty()) return "";
    const std::string are = words.size() == 1 ? " is " : " are ";
    if (ladders.size() == 1)
        return and_list(words) + are + "ladder `" + ladders[0] + "`'s: add `ladder=" + ladders[0] + "` to the scenario";
    std::string names;
    for (const std::string& l : ladders) names += (names.empty() ? "" : " or ") + ("`ladder=" + l + "`");
    return and_list(words) + are + "on more than one ladder: add " + names + " to the scenario";
}

}  // namespace

void explain_ladders(const Data& data, const Scenario& on, std::string_view query, std::vector<Error>& errors) {
    for (Error& e : errors) {
        if (e.field == "count") {
            // The rungs of every count= the scenario's ladder does not know.
            std::vector<std::string> unknown;
            for (const std::string_view part : split_query(query)) {
                const ParsedScenario p = parse_scenario(part, on);
                if (p.errors.empty() || p.errors[0].field != "count") continue;
                std::string value(part.substr(part.find('=') == std::string_view::npos ? part.size() : part.find('=') + 1));
                for (size_t at; (at = value.find("%2C")) != std::string::npos || (at = value.find("%2c")) != std::string::npos;)
                    value.replace(at, 3, ",");
                size_t start = 0;
                while (start <= value.size()) {
                    size_t comma = value.find(',', start);
                    if (comma == std::string::npos) comma = value.size();
                    const std::string word = value.substr(start, comma - start);
                    if (!word.empty() && word != "all" && word != "none" && on.ladder.find(word) < 0 &&
                        std::find(unknown.begin(), unknown.end(), word) == unknown.end())
                        unknown.push_back(word);
                    start = comma + 1;
                }
            }
            if (unknown.empty()) continue;   // `count=rl,,final`: core's help says it
            const std::string move = move_to(unknown, ladders_with(data, on, unknown, true));
            e.help = (move.empty() ? "" : move + "; ") + rungs_by_ladder(data, on);
        } else if (!e.field.empty() && e.message.rfind("unknown scenario key", 0) == 0) {
            const std::vector<std::string> key = {e.field};
            const std::string move = move_to(key, ladders_with(data, on, key, false));
            if (!move.empty()) e.help = move + "; " + e.help;
        }
    }
}

}  // namespace costbook::site
