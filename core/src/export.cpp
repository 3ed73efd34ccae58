#include "costbook/export.h"

#include <cmath>
#include <string>
#include <vector>

#include "costbook/compare.h"
#include "costbook/outputs.h"

#ifndef COSTBOOK_VERSION
#error "core/CMakeLists.txt defines COSTBOOK_VERSION from the project's version"
#endif

namespace costbook {

const char* costbook_version() { return COSTBOOK_VERSION; }

// ---- Sources ----
namespace {
bool is_source_id(std::string_view v) {
    if (v.empty() || v.size() > 80) return false;
    for (char c : v)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            return false;
    return true;
}
}  // namespace

std::string write_sources(const InputSources& sources, const Scenario& s) {
    std::string out;
    for (Key k : input_keys(s)) {
        const std::string& id = sources[static_cast<size_t>(k)];
        if (is_source_id(id)) out += (out.empty() ? "" : "&") + std::string(input_info(s, k).name) + "=" + id;
    }
    return out;
}

InputSources parse_sources(std::string_view text, const Scenario& s) {
    InputSources out;
    for (const std::string_view pair : split_query(text)) {
        const size_t eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        const auto k = find_input(s, pair.substr(0, eq));
        const std::string_view id = pair.substr(eq + 1);
        if (k && is_source_id(id)) out[static_cast<int>(*k)] = std::string(id);
    }
    return out;
}

void drop_changed_sources(InputSources& sources, const Scenario& now, const Scenario& start) {
    for (int i = 0; i < kInputCount; ++i)
        if (now.inputs[static_cast<size_t>(i)] != start.inputs[static_cast<size_t>(i)]) sources[static_cast<size_t>(i)].clear();
}

// ---- Files ----
namespace {

// What both formats hold, gathered once.
struct Field { const char* id; const char* label; std::string text; };
struct Line { std::string section, id, label, value, low, high, text, unit, source; };

std::string raw(double v) { return std::isfinite(v) ? write_number(v) : ""; }

std::string tab_of(const Scenario& s) { return s.tab.empty() ? "counted" : s.tab; }

std::string command(const Scenario& s, const char* flag) {
    return std::string("costbook calc ") + flag + " --scenario '" + write_scenario(s) + "'";
}

std::vector<Field> meta(const Scenario& s, const char* flag) {
    return {{"costbook", "costbook version", costbook_version()},
            {"model", "Model", s.model},
            {"tab", "Tab", tab_of(s)},
            {"currency", "Currency", s.currency},
            {"scenario", "Scenario (query string)", write_scenario(s)},
            {"command", "Reproduce with", command(s, flag)}};
}

// Every row of the file but the meta ones, in file order.
std::vector<Line> lines(const Scenario& s, const InputSources& sources) {
    std::vector<Line> out;
    for (int i = 0; i < s.ladder.size(); ++i) {
        const bool on = (s.rungs >> i) & 1u;
        const RungSpec& rung = s.ladder.rungs[static_cast<size_t>(i)];
        out.push_back({"count", rung.id, rung.label, on ? "1" : "0", "", "", on ? "counted" : "not counted", "", ""});
    }
    for (Key k : input_keys(s)) {
        const KeyInfo info = input_info(s, k);
        const Range& r = s.range(k);
        out.push_back({"input", info.name, info.label, raw(r.likely), r.is_range() ? raw(r.low) : "",
                       r.is_range() ? raw(r.high) : "", input_value_text(info, r.likely), info.unit,
                       sources[static_cast<size_t>(k)]});
    }
    const Outputs o = compute(s);
    for (int i = 0; i < kMetricCount; ++i) {
        const Metric m = static_cast<Metric>(i);
        const double v = metric_value(o, m);
        out.push_back({"metric", metric_id(m), metric_label(m), raw(v), "", "", metric_text(m, v), "", ""});
    }
    const Metric headline = headline_metric_of(s, tab_of(s));
    if (s.has_ranges()) {
        const Percentiles p = simulate(s, headline);
        if (p.p10 != p.p90)
            out.push_back({"band", metric_id(headline), std::string(metric_label(headline)) + ", P10/P50/P90", raw(p.p50),
                           raw(p.p10), raw(p.p90),
                           metric_text(headline, p.p10) + " / " + metric_text(headline, p.p50) + " / " + metric_text(headline, p.p90),
                           "", ""});
    }
    for (const char* tab : kTabs)
        for (const Row& row : result_rows(s, o, tab)) out.push_back({"result", tab, row.label, "", "", "", row.value, "", ""});
    return out;
}

}  // namespace

// Both copy the runs between characters that need quoting whole: data.json and data.csv quote
// every text of every figure on each build.
std::string csv_field(std::string_view v) {
    bool plain = true;   // a byte loop: find_first_of searches the four characters once per byte
    for (size_t i = 0; i < v.size() && plain; ++i) plain = v[i] != ',' && v[i] != '"' && v[i] != '\r' && v[i] != '\n';
    if (plain) return std::string(v);
    std::string out = "\"";
    for (size_t from = 0;;) {
        const size_t q = v.find('"', from);
        out.append(v.substr(from, q == std::string_view::npos ? std::string_view::npos : q + 1 - from));
        if (q == std::string_view::npos) break;
        out += '"';   // a quote doubled
        from = q + 1;
    }
    return out + "\"";
}

std::string json_quote(std::string_view v) {
    std::string out;
    out.reserve(v.size() + 2);
    out += '"';
    size_t from = 0;
    for (size_t i = 0; i < v.size(); ++i) {
        const char c = v[i];
        const unsigned char u = static_cast<unsigned char>(c);
        if (c != '"' && c != '\\' && u >= 0x20) continue;
        out.append(v.data() + from, i - from);
        from = i + 1;
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') out += "\\n";
        else {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    out.append(v.data() + from, v.size() - from);
    return out + '"';
}

namespace {
std::string json_string(const std::string& v) { return json_quote(v); }

std::string json_number(const std::string& raw_text) { return raw_text.empty() ? "null" : raw_text; }

}  // namespace

std::string export_csv(const Scenario& s, const InputSources& sources) {
    std::string out = "section,id,label,value,low,high,text,unit,source\n";
    const auto row = [&](const Line& l) {
        out += csv_field(l.section) + "," + csv_field(l.id) + "," + csv_field(l.label) + "," + csv_field(l.value) + "," +
               csv_field(l.low) + "," + csv_field(l.high) + "," + csv_field(l.text) + "," + csv_field(l.unit) + "," +
               csv_field(l.source) + "\n";
    };
    for (const Field& f : meta(s, "--csv")) row({"meta", f.id, f.label, "", "", "", f.text, "", ""});
    for (const Line& l : lines(s, sources)) row(l);
    return out;
}

std::string export_json(const Scenario& s, const InputSources& sources) {
    std::string out = "{\n";
    for (const Field& f : meta(s, "--export json")) out += "  " + json_string(f.id) + ": " + json_string(f.text) + ",\n";
    const std::vector<Line> all = lines(s, sources);
    // Lines of one section as a JSON array of objects; `fields` picks and names the columns.
    const auto section = [&](const char* name, const char* key, auto&& fields) {
        out += std::string("  \"") + key + "\": [";
        bool first = true;
        for (const Line& l : all) {
            if (l.section != name) continue;
            out += std::string(first ? "\n" : ",\n") + "    {" + fields(l) + "}";
            first = false;
        }
        out += first ? "]" : "\n  ]";
    };
    section("count", "count", [](const Line& l) {
        return "\"id\": " + json_string(l.id) + ", \"label\": " + json_string(l.label) + ", \"on\": " + (l.value == "1" ? "true" : "false");
    });
    out += ",\n";
    section("input", "inputs", [](const Line& l) {
        return "\"key\": " + json_string(l.id) + ", \"label\": " + json_string(l.label) + ", \"value\": " + json_number(l.value) +
               (l.low.empty() ? "" : ", \"low\": " + l.low + ", \"high\": " + l.high) + ", \"text\": " + json_string(l.text) +
               ", \"unit\": " + json_string(l.unit) + ", \"source\": " + (l.source.empty() ? "null" : json_string(l.source));
    });
    out += ",\n";
    section("metric", "metrics", [](const Line& l) {
        return "\"id\": " + json_string(l.id) + ", \"label\": " + json_string(l.label) + ", \"value\": " + json_number(l.value) +
               ", \"text\": " + json_string(l.text);
    });
    for (const Line& l : all)
        if (l.section == "band")
            out += ",\n  \"band\": {\"metric\": " + json_string(l.id) + ", \"p10\": " + json_number(l.low) + ", \"p50\": " +
                   json_number(l.value) + ", \"p90\": " + json_number(l.high) + ", \"text\": " + json_string(l.text) + "}";
    out += ",\n  \"results\": [";
    bool first_tab = true;
    for (const char* tab : kTabs) {
        out += std::string(first_tab ? "\n" : ",\n") + "    {\"tab\": " + json_string(tab) + ", \"title\": " +
               json_string(tab_title(tab)) + ", \"rows\": [";
        first_tab = false;
        bool first = true;
        for (const Line& l : all) {
            if (l.section != "result" || l.id != tab) continue;
            out += std::string(first ? "" : ", ") + "{\"label\": " + json_string(l.label) + ", \"text\": " + json_string(l.text) + "}";
            first = false;
        }
        out += "]}";
    }
    out += "\n  ]\n}\n";
    return out;
}

std::string export_filename(const Scenario& s, std::string_view extension) {
    return "costbook-" + (s.model.empty() ? std::string("scenario") : s.model) + "-" + tab_of(s) + "." + std::string(extension);
}

}  // namespace costbook
