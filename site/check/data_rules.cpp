#include "check/data_rules.h"

#include <map>

namespace costbook::site {

namespace {
Diagnostic at(const Place& p, std::string message, std::string help, std::string label = {}, std::string note = {}) {
    Diagnostic d;
    d.path = p.path;
    d.line = p.line;
    d.col = p.col;
    d.message = std::move(message);
    d.label = std::move(label);
    d.note = std::move(note);
    d.help = std::move(help);
    return d;
}
std::string where(const Place& p) { return p.path + ":" + std::to_string(p.line) + ":" + std::to_string(p.col); }
}  // namespace

std::vector<Diagnostic> check_data(const DataToCheck& d) {
    std::vector<Diagnostic> out;
    std::map<std::string, const CheckedCite*> first_cite;   // source id → where it is first cited
    for (const CheckedCite& c : d.cites) {
        if (c.source == "derived" && c.reason.empty()) {
            Diagnostic e = at(c.at, "a figure marked derived does not say what it is derived from",
                              "add `reason = \"...\"` naming the figures and source ids it is computed from: the page shows it beside the figure",
                              "`reason` is missing or empty");
            e.len = 9;   // under "derived"
            out.push_back(std::move(e));
        }
        if (!c.source.empty() && c.source != "derived") first_cite.emplace(c.source, &c);
    }
    for (const CheckedSource& s : d.sources) {
        const auto cited = first_cite.find(s.id);
        if (cited == first_cite.end() || s.kind == "derived" || !s.url.empty()) continue;
        Diagnostic e = at(s.at, "source `" + s.id + "` is cited but has no `url`",
                          "add `url = \"https://...\"`: the address of the document, or of the copy read (say so in `read_via`)",
                          "a reader cannot follow it", "first cited at " + where(cited->second->at));
        e.len = 10;   // [[source]]
        out.push_back(std::move(e));
    }
    for (const CheckedPrice& p : d.prices) {
        std::vector<Diagnostic> found;
        if (p.from.empty())
            found.push_back(at(p.at, "price `" + p.id + "` has no `from` date", "add `from = YYYY-MM-DD`, the day it took effect",
                               "the page shows it with no date"));
        if (p.until.empty() && p.as_of.empty())
            found.push_back(at(p.at, "price `" + p.id + "` has neither `until` nor `as_of`",
                               "add `until = YYYY-MM-DD` (the first day it no longer applied) or `as_of = YYYY-MM-DD` (the latest date a copy of the source shows it)",
                               "a reader cannot tell whether it still applies"));
        for (Diagnostic& e : found) {
            e.len = 9;   // [[price]]
            out.push_back(std::move(e));
        }
    }
    return out;
}

}  // namespace costbook::site
