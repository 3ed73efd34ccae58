#include "render/data_files.h"

#include <cmath>
#include <initializer_list>
#include <string_view>
#include <string>
#include <vector>

#include "costbook/export.h"

namespace costbook::site {

namespace {

// One figure as both files write it.
struct Row {
    std::string key, value, unit, text, status, assumption, source, source_title, source_url, source_date, reason, dated;
};

const Source* find_source(const Data& d, const std::string& id) {
    if (const Source* s = d.source(id)) return s;
    for (const Source& s : d.shipped_sources)   // a shipped run's source (the default-MFU fit's figures)
        if (s.id == id) return &s;
    return nullptr;
}

std::vector<Row> rows(const SiteContext& site) {
    std::vector<Row> out;
    out.reserve(site.figures.size());
    for (const auto& [key, f] : site.figures) {
        Row r;
        r.key = key;
        r.value = f.unit.empty() || !std::isfinite(f.value) ? "" : write_number(f.value);
        r.unit = f.unit;
        r.text = f.text;
        // Derived first: a sum past an assumption is derived, and flagged as resting on one.
        r.status = f.source == "derived" ? "derived" : f.assumption || f.source.empty() ? "assumption" : "sourced";
        r.assumption = f.assumption || r.status == "assumption" ? "true" : "false";
        if (f.source != "derived" && !f.source.empty()) {
            r.source = f.source;
            if (const Source* s = site.data ? find_source(*site.data, f.source) : nullptr) {
                r.source_title = s->title;
                r.source_url = s->url;
                r.source_date = s->date;
            }
        }
        r.reason = f.reason;
        r.dated = f.dated;
        out.push_back(std::move(r));
    }
    return out;
}

// Appended in place: a file of a few hundred figures was a few thousand temporary strings.
void put_json(std::string& out, const std::string& v) { out += json_quote(v); }

// One object of a JSON array, on a line of its own: `    {"key": value, ...}`.
enum class As { quoted, quoted_or_null, raw };   // raw: a number or a bool as written, null when empty
struct Field { std::string_view key; const std::string& value; As as; };
void put_object(std::string& out, bool first, std::initializer_list<Field> fields) {
    out += first ? "\n    {" : ",\n    {";
    bool first_field = true;
    for (const Field& f : fields) {
        if (!first_field) out += ", ";
        first_field = false;
        out += '"';
        out += f.key;
        out += "\": ";
        if (f.as != As::quoted && f.value.empty()) out += "null";
        else if (f.as == As::raw) out += f.value;
        else put_json(out, f.value);
    }
    out += '}';
}

std::string csv_of(const std::vector<Row>& rows) {
    std::string out = "key,value,unit,text,status,assumption,source,source_title,source_url,source_date,reason,dated\n";
    for (const Row& r : rows)
        for (const std::string* v : {&r.key, &r.value, &r.unit, &r.text, &r.status, &r.assumption, &r.source, &r.source_title, &r.source_url,
                                     &r.source_date, &r.reason, &r.dated}) {
            out += csv_field(*v);
            out += v == &r.dated ? '\n' : ',';
        }
    return out;
}

std::string json_of(const SiteContext& site, const std::vector<Row>& rows) {
    std::string out = "{\n  \"generator\": ";
    put_json(out, std::string("costbook ") + costbook_version());
    out += ",\n  \"site\": ";
    put_json(out, site.config.title);
    out += ",\n  \"base_url\": ";
    put_json(out, site.config.base_url);
    out += ",\n  \"figures\": [";
    bool first = true;
    for (const Row& r : rows) {
        put_object(out, first, {{"key", r.key, As::quoted}, {"value", r.value, As::raw},
                                {"unit", r.unit, As::quoted}, {"text", r.text, As::quoted}, {"status", r.status, As::quoted},
                                {"assumption", r.assumption, As::raw}, {"source", r.source, As::quoted_or_null},
                                {"source_title", r.source_title, As::quoted_or_null}, {"source_url", r.source_url, As::quoted_or_null},
                                {"source_date", r.source_date, As::quoted_or_null}, {"reason", r.reason, As::quoted_or_null},
                                {"dated", r.dated, As::quoted_or_null}});
        first = false;
    }
    out += first ? "],\n  \"sources\": [" : "\n  ],\n  \"sources\": [";
    first = true;
    if (site.data)
        for (const Source& s : site.data->sources) {
            put_object(out, first, {{"id", s.id, As::quoted}, {"title", s.title, As::quoted}, {"publisher", s.publisher, As::quoted_or_null},
                                    {"date", s.date, As::quoted_or_null}, {"url", s.url, As::quoted_or_null}});
            first = false;
        }
    out += first ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

}  // namespace

DataFiles data_files(const SiteContext& site) {
    const std::vector<Row> all = rows(site);
    return {json_of(site, all), csv_of(all)};
}

}  // namespace costbook::site
