// costbook calc --compare A B and --csv / --export json: two scenarios side by side with the
// difference broken down by input, and a scenario with its results as the calculator downloads it.
// The figures and their text come from core (compare.h, export.h); this file only lays them out.
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cmd/calc_compare.h"
#include "cmd/report.h"
#include "compute/query.h"
#include "compute/scenario.h"
#include "costbook/compare.h"
#include "costbook/export.h"
#include "utf8.h"

namespace costbook::site {

namespace {

using json = nlohmann::ordered_json;

// A query on top of the seed it names (its model=, else opt.model; its ladder=, else --ladder).
// Problems print as `calc --scenario` prints them, with `who` said.
std::optional<Query> build(const Data& data, const CalcOptions& opt, const std::string& query, const std::string& who) {
    const std::string prefix = who.empty() ? "" : who + ": ";
    ScenarioChoice choice;
    choice.model = opt.model;
    choice.ladder = opt.ladder;
    choice.price = opt.price;
    auto seeded = seed_query(data, choice, query);
    if (!seeded) {
        print_error(prefix + seeded.error.message, seeded.error.help);
        return std::nullopt;
    }
    const Query& q = seeded->query;
    for (const Error& e : q.errors) print_error(prefix + e.message, e.help);
    if (!q.errors.empty()) return std::nullopt;
    for (const std::string& n : q.notes) print_warning(prefix + n);
    return q;
}

int usage(const std::string& message, const std::string& help) {
    print_error(message, help);
    return kExitUsage;
}

int compare(const Data& data, const CalcOptions& opt) {
    const auto a = build(data, opt, opt.compare[0], "scenario A");
    const auto b = build(data, opt, opt.compare[1], "scenario B");
    if (!a || !b) return kExitUsage;
    // The breakdown names A's rungs and keys: both must be on one ladder.
    if (a->scenario.ladder.id != b->scenario.ladder.id)
        return usage("scenario A is on ladder `" + a->scenario.ladder.id + "`, scenario B on `" + b->scenario.ladder.id + "`",
                     "compare two scenarios on one ladder: give both `ladder=" + b->scenario.ladder.id + "`, or --ladder " +
                         b->scenario.ladder.id);
    std::vector<std::string> tabs = opt.tabs;
    if (tabs.empty()) tabs.push_back(!b->scenario.tab.empty() ? b->scenario.tab : !a->scenario.tab.empty() ? a->scenario.tab : "counted");

    json out = {{"a", {{"query", opt.compare[0]}, {"scenario", write_scenario(a->scenario)}}},
                {"b", {{"query", opt.compare[1]}, {"scenario", write_scenario(b->scenario)}}},
                {"comparisons", json::array()}};
    for (const std::string& tab : tabs) {
        const Comparison c = compare_scenarios(a->scenario, b->scenario, headline_metric_of(b->scenario, tab));
        json parts = json::array();
        for (const Contribution& p : c.parts)
            parts.push_back({{"id", p.id}, {"label", p.label}, {"from", p.from}, {"to", p.to}, {"contribution", p.value},
                             {"text", p.text}});
        out["comparisons"].push_back({{"tab", tab}, {"title", tab_title(tab)}, {"metric", metric_id(c.metric)},
                                      {"label", metric_label(c.metric)}, {"a", c.a}, {"b", c.b}, {"difference", c.difference},
                                      {"text", {{"a", c.a_text}, {"b", c.b_text}, {"difference", c.difference_text}}},
                                      {"breakdown", parts}});
        if (opt.json) continue;
        std::cout << (&tab == &tabs.front() ? "" : "\n") << tab_title(tab) << ": " << metric_label(c.metric) << "\n"
                  << "  " << pad("A", 8) << pad(c.a_text, 14) << opt.compare[0] << "\n"
                  << "  " << pad("B", 8) << pad(c.b_text, 14) << opt.compare[1] << "\n"
                  << "  " << pad("B - A", 8) << c.difference_text << "\n";
        if (c.parts.empty()) {
            std::cout << "  no input differs\n";
            continue;
        }
        std::cout << "\n  by input, switched from A to B one at a time in this order (the parts add up to B - A):\n";
        size_t label_w = 0, change_w = 0;
        for (const Contribution& p : c.parts) {
            label_w = std::max(label_w, display_width(p.label));
            change_w = std::max(change_w, display_width(p.from + " \xE2\x86\x92 " + p.to));
        }
        for (const Contribution& p : c.parts)
            std::cout << "  " << pad(p.label, label_w + 2) << pad(p.from + " \xE2\x86\x92 " + p.to, change_w + 2) << p.text << "\n";
    }
    if (opt.json) std::cout << out.dump(2) << "\n";
    return kExitOk;
}

int export_file(const Data& data, const CalcOptions& opt) {
    const auto built = build(data, opt, opt.scenario, "");
    if (!built) return kExitUsage;
    Scenario s = built->scenario;
    if (!opt.tabs.empty()) s.tab = opt.tabs.front();
    if (s.tab.empty()) s.tab = "counted";   // as a page's calculator has it: the same scenario, the same bytes
    std::cout << (opt.export_format == "json" ? export_json(s, built->sources) : export_csv(s, built->sources));
    return kExitOk;
}

}  // namespace

int calc_compare_or_export(const Data& data, const CalcOptions& opt) {
    if (!opt.compare.empty() && !opt.export_format.empty())
        return usage("--compare and --csv / --export do not go together", "run them one after the other");
    if (!opt.compare.empty()) {
        if (opt.compare.size() != 2)
            return usage("--compare takes two scenarios", "costbook calc --compare 'count=rl' 'count=all&rate=2.5'");
        if (!opt.scenario.empty())
            return usage("--compare takes both scenarios itself, not --scenario",
                         "put the change into both: --compare 'count=rl&rate=2.5' 'rate=2.5'");
        if (opt.uncertainty) return usage("--compare does not sample ranges", "compare without --uncertainty");
        return compare(data, opt);
    }
    if (opt.json) return usage("--json and --" + std::string(opt.export_format == "csv" ? "csv" : "export json") + " do not go together",
                               "--export json prints the calculator's JSON download; --json prints the ledger");
    if (opt.uncertainty) return usage("--csv / --export include the headline's P10/P50/P90 already", "drop --uncertainty");
    return export_file(data, opt);
}

}  // namespace costbook::site
