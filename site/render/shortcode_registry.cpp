#include "render/shortcode_registry.h"

#include <algorithm>

namespace costbook::site {

namespace {
const char* const kPos = "";   // the positional argument's name in ShortcodeArg
}  // namespace

const std::vector<ShortcodeInfo>& builtin_shortcodes() {
    static const std::vector<ShortcodeInfo> list = {
        {"figure", "a number from the figure registry, linked to its source or labelled an assumption",
         "{{< figure \"<model>.total_gpu_hours\" >}}",
         {{kPos, "the figure's key (`costbook help figures` lists them)"},
          {"unit", "false: the number without its unit word, for prose that names the unit (\"15.6T\", not \"15.6T tokens\")"},
          {"live", "true: the figure follows the page's calculator (calc.<metric> or input.<key>; the page keeps its value for "
                   "readers without JavaScript); with several calculators, the id of one: live=\"calc-1\""}},
         "widgets/figure"},
        {"calc", "the calculator, with a static table of the same results", "{{< calc tab=\"counted\" scenario=\"count=rl,final\" >}}",
         {{"tab", "the tab it opens on (`costbook help tabs`); default: the first shown"},
          {"tabs", "the tabs it shows, comma-separated; default: those the site's data supports"},
          {"ladder", "a ladder id from data/ladders/; default: the site's default ladder"},
          {"scenario", "a query on top of the model's seed: \"model=<id>&rate=2&mfu=0.35\""}},
         "widgets/calc"},
        {"chart", "an SVG chart drawn from data: models, ladder, decline or spread", "{{< chart \"ladder\" >}}",
         {{kPos, "the chart: models, ladder, decline or spread (what drives a tab's P10-P90: each ranged input's share of the variance and the headline at its low and high)"},
          {"ladder", "ladder, decline and spread: a ladder id; default: the site's default ladder"},
          {"rung", "decline: the rung whose cost declines; default: the ladder's first"},
          {"tab", "spread: the tab whose headline it explains (`costbook help tabs`); default: the site's first"}},
         nullptr},
        {"ledger", "a model's stages as published, with GPU-hours, cost and sources", "{{< ledger \"<model>\" >}}",
         {{kPos, "a model id from data/models/ that has stages"}}, "widgets/ledger"},
        {"sources", "every source in data/sources.toml, each with an anchor figures link to", "{{< sources >}}", {}, "widgets/sources"},
        {"models", "every model in data/models/: developer, what was reported, what it counts", "{{< models >}}", {}, "widgets/models"},
        {"assumptions", "every assumption in data/ with its value, range and reason", "{{< assumptions >}}", {}, "widgets/assumptions"},
        {"runs", "data/runs/ with the MFU each run implies and the fit's prediction without its developer", "{{< runs >}}", {}, "widgets/runs"},
        {"tasks", "data/tasks.toml priced on the compared API prices, a table per price date", "{{< tasks date=\"2025-02\" >}}",
         {{"date", "one price date, YYYY-MM-DD or YYYY-MM; default: data/tasks.toml's dates"}}, "widgets/tasks"},
        {"prices", "every price in data/prices/ with its dates, in dollars and yuan", "{{< prices >}}", {}, "widgets/prices"},
    };
    return list;
}

const ShortcodeInfo* find_builtin_shortcode(const std::string& name) {
    for (const ShortcodeInfo& s : builtin_shortcodes())
        if (name == s.name) return &s;
    return nullptr;
}

std::string builtin_shortcode_names() {
    std::string out;
    for (const ShortcodeInfo& s : builtin_shortcodes()) out += (out.empty() ? "" : ", ") + std::string(s.name);
    return out;
}

namespace {
std::string arg_list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

// The shared rule: at most one positional value where one is taken, and only the listed keys.
std::string check(const std::string& name, bool positional, const std::vector<std::string>& keys, const Shortcode& sc,
                  std::string& help) {
    const std::string valid = "arguments of `" + name + "`: " + arg_list(keys) + " (see `costbook help shortcodes`)";
    if (positional && sc.args.size() != 1) {
        help = valid;
        return sc.args.empty() ? "`" + name + "` needs a quoted value first" : "`" + name + "` takes one quoted value, not " + std::to_string(sc.args.size());
    }
    if (!positional && !sc.args.empty()) {
        help = valid;
        return "`" + name + "` takes no quoted value, only key=\"value\" arguments";
    }
    for (const auto& [k, v] : sc.named)
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
            help = valid;
            return "`" + name + "` has no argument `" + k + "`";
        }
    return {};
}
}  // namespace

std::string check_arguments(const ShortcodeInfo& info, const Shortcode& sc, std::string& help) {
    std::vector<std::string> keys;
    for (const ShortcodeArg& a : info.args)
        if (*a.name) keys.push_back(a.name);
    return check(info.name, info.needs_positional(), keys, sc, help);
}

std::string check_arguments(const AuthorShortcode& info, const Shortcode& sc, std::string& help) {
    return check(info.name, false, info.args, sc, help);
}

std::string shortcodes_help(const std::vector<AuthorShortcode>& author) {
    std::string out = "Shortcodes: write them in Markdown as {{< name \"value\" key=\"value\" >}}. An unknown argument is an error.\n";
    for (const ShortcodeInfo& s : builtin_shortcodes()) {
        out += "\n" + std::string(s.name) + "  " + s.meaning + "\n    " + s.example + "\n";
        for (const ShortcodeArg& a : s.args)
            out += std::string("    ") + (*a.name ? std::string(a.name) + "=" : std::string("\"value\"")) + "  " + a.meaning + "\n";
        if (s.partial) out += std::string("    renders through templates/partials/") + s.partial + ".mustache (override it by writing that file)\n";
    }
    out += "\nAuthor shortcodes: templates/shortcodes/<name>.mustache is {{< name key=\"value\" >}}; its arguments are the names\n"
           "its template reads besides `page`, `site` and `figures` (a figure: {{{figures.<model>.total_gpu_hours.html}}}).\n";
    if (author.empty()) out += "This site has none.\n";
    for (const AuthorShortcode& a : author) out += "\n" + a.name + "  templates/shortcodes/" + a.name + ".mustache\n    arguments: " + arg_list(a.args) + "\n";
    return out;
}

}  // namespace costbook::site
