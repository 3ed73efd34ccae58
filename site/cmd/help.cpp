#include "cmd/help.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cmd/cli.h"
#include "cmd/help_authoring.h"
#include "cmd/report.h"
#include "compute/figures.h"
#include "compute/scenario.h"
#include "costbook/format.h"
#include "costbook/outputs.h"
#include "load/data.h"

namespace costbook::site {

const HelpTopic kHelpTopics[] = {
    {"figures", "figure keys for {{< figure \"KEY\" >}}: what each means, with an example from the site", help_figures},
    {"data", "the files of data/: each table's keys, which are required, and their units", help_data},
    {"tabs", "the calculator's tabs for {{< calc tab=... tabs=... >}}: what each shows and needs", help_tabs},
    {"shortcodes", "every shortcode, built-in and the site's templates/shortcodes/, with its arguments", help_shortcodes},
    {"templates", "template variables per page kind, and the built-in widget partials a site can replace", help_templates},
    {nullptr, nullptr, nullptr},
};

namespace {
// The site's data, quietly: help works anywhere, and only borrows examples from a site that loads.
std::optional<Data> quiet_data(const std::string& site) {
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::path(site) / "data";
    if (!std::filesystem::is_directory(dir, ec)) return std::nullopt;
    Diagnostics quiet;
    return load_data(dir.string(), "data/", quiet);
}
}  // namespace

int help_figures(const HelpOptions& o) {
    const std::optional<Data> data = quiet_data(o.site);
    FigureRegistry figures;
    if (data)
        if (const auto base = seed(*data)) figures = build_figures(*data, base->scenario);
    std::cout << "Figure keys: {{< figure \"KEY\" >}} prints a number computed from data/, linked to its source.\n"
              << "<model>, <stage>, <id>, <rung> are ids from data/; a typo gets a \"did you mean\".\n"
              << (figures.empty() ? "(run in a site folder, or pass --site DIR, for examples from its data)\n"
                                  : "Examples come from the site " + (o.site == "." ? std::string("in this folder") : "in " + o.site) + ".\n")
              << "\n";
    for (const FigureKeyInfo* k = kFigureKeys; k->pattern; ++k) {
        std::printf("  %-30s %s\n", k->pattern, k->meaning);
        for (const auto& [key, fig] : figures)
            if (figure_key_info(key) == k) {
                std::printf("  %-30s   e.g. %s = %s\n", "", key.c_str(), fig.text.c_str());
                break;
            }
    }
    return kExitOk;
}

int help_data(const HelpOptions&) {
    std::cout << "data/ is TOML. Every table with figures needs `source = \"<id>\"` (data/sources.toml) or\n"
              << "`assumption = true` with a one-line `reason`; `source = \"derived\"` needs a `reason` saying from what.\n"
              << "Keys marked * are required; an unknown key is an error listing the known ones.\n";
    std::string file;
    for (const DataTable& t : kDataSchema) {
        if (file != t.file) std::cout << "\n" << t.file << "\n";
        file = t.file;
        std::cout << "  " << (*t.table ? t.table : "(top level)") << ": " << t.holds << "\n    ";
        std::string line;
        for (const DataKey& k : t.keys) {
            std::string item = std::string(k.name) + (k.required ? "*" : "") + (*k.unit ? std::string(" (") + k.unit + ")" : "");
            if (line.size() + item.size() > 90) { std::cout << line << "\n    "; line.clear(); }
            line += (line.empty() ? "" : ", ") + item;
        }
        std::cout << line << "\n";
        // The keys whose value is one of a set (the loader's own list), and the inputs scenario.toml may set.
        const auto wrapped = [](const std::string& head, const std::string& list) {
            std::string out = "    " + head, word;
            size_t width = out.size();
            for (size_t i = 0; i <= list.size(); ++i) {
                if (i < list.size() && list[i] != ' ') { word += list[i]; continue; }
                if (word.empty()) continue;
                if (width + 1 + word.size() > 94) { out += "\n     "; width = 5; }
                out += " " + word;
                width += 1 + word.size();
                word.clear();
            }
            return out + "\n";
        };
        for (const DataValues& v : kDataValues)
            if (t.file == std::string(v.file) && t.table == std::string(v.table))
                std::cout << wrapped(std::string(v.key) + ": one of", values_text(v));
        if (std::string(t.table) == "[<input>]") std::cout << wrapped("<input>: one of", scenario_input_ids());
    }
    return kExitOk;
}

int help_tabs(const HelpOptions& o) {
    const std::optional<Data> data = quiet_data(o.site);
    const Tabs here = data ? supported_tabs(*data) : Tabs{};
    std::cout << "Calculator tabs: {{< calc tab=\"ID\" >}} opens one, tabs=\"a,b\" shows those; by default an embed\n"
              << "shows every tab the site's data supports. `costbook calc --tab ID` prints one.\n\n";
    std::printf("  %-10s %-24s %-22s %s\n", "id", "title", "headline (calc.<id>)", data ? "needs (this site: yes/no)" : "needs");
    for (const char* tab : kTabs) {
        const bool yes = std::find(here.begin(), here.end(), tab) != here.end();
        std::printf("  %-10s %-24s %-22s %s%s\n", tab, tab_title(tab), metric_id(tab_metric(tab)), tab_needs(tab).c_str(),
                    data ? (yes ? "  [yes]" : "  [no]") : "");
        if (data && !yes)   // what this site lacks for it, as the author adds it
            std::printf("  %-10s %-24s %-22s this site lacks: %s\n", "", "", "", tab_missing(*data, tab).c_str());
    }
    std::cout << "\nMetrics, as figure keys calc.<id>:\n";
    for (int i = 0; i < kMetricCount; ++i)
        std::printf("  calc.%-32s %s\n", metric_id(static_cast<Metric>(i)), metric_label(static_cast<Metric>(i)));
    return kExitOk;
}

int cmd_help(const std::string& topic, const HelpOptions& o) {
    std::string names;
    for (const HelpTopic* t = kHelpTopics; t->name; ++t) {
        if (topic == t->name) return t->print(o);
        names += (names.empty() ? "" : ", ") + std::string(t->name);
    }
    if (!topic.empty()) {
        print_error("no help topic `" + topic + "`", "topics: " + names);
        return kExitUsage;
    }
    std::cout << "costbook help TOPIC [--site DIR]: a reference printed from costbook's own code.\n\n";
    for (const HelpTopic* t = kHelpTopics; t->name; ++t) std::printf("  %-12s %s\n", t->name, t->summary);
    std::cout << "\nThe verbs: costbook new|build|serve|check|calc|estimate --help.\n";
    return kExitOk;
}

}  // namespace costbook::site
