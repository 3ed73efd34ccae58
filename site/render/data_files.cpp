#include "render/data_files.h"

#include <cmath>
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

std::string json_or_null(const std::string& v) { return v.empty() ? "null" : json_quote(v); }

std::string csv_of(const std::vector<Row>& rows) {
    std::string out = "key,value,unit,text,status,assumption,source,source_title,source_url,source_date,reason,dated\n";
    for (const Row& r : rows)
        for (const std::string* v : {&r.key, &r.value, &r.unit, &r.text, &r.status, &r.assumption, &r.source, &r.source_title, &r.source_url,
                                     &r.source_date, &r.reason, &r.dated})
            out += csv_field(*v) + (v == &r.dated ? "\n" : ",");
    return out;
}

std::string json_of(const SiteContext& site, const std::vector<Row>& rows) {
    std::string out = "{\n  \"generator\": " + json_quote(std::string("costbook ") + costbook_version()) +
                      ",\n  \"site\": " + json_quote(site.config.title) + ",\n  \"base_url\": " + json_quote(site.config.base_url) +
                      ",\n  \"figures\": [";
    bool first = true;
    for (const Row& r : rows) {
        out += std::string(first ? "\n" : ",\n") + "    {\"key\": " + json_quote(r.key) + ", \"value\": " +
               (r.value.empty() ? "null" : r.value) + ", \"unit\": " + json_quote(r.unit) + ", \"text\": " + json_quote(r.text) +
               ", \"status\": " + json_quote(r.status) +
               ", \"assumption\": " + r.assumption + ", \"source\": " + json_or_null(r.source) +
               ", \"source_title\": " + json_or_null(r.source_title) + ", \"source_url\": " + json_or_null(r.source_url) +
               ", \"source_date\": " + json_or_null(r.source_date) + ", \"reason\": " + json_or_null(r.reason) +
               ", \"dated\": " + json_or_null(r.dated) + "}";
        first = false;
    }
    out += first ? "],\n  \"sources\": [" : "\n  ],\n  \"sources\": [";
    first = true;
    if (site.data)
        for (const Source& s : site.data->sources) {
            out += std::string(first ? "\n" : ",\n") + "    {\"id\": " + json_quote(s.id) + ", \"title\": " + json_quote(s.title) +
                   ", \"publisher\": " + json_or_null(s.publisher) + ", \"date\": " + json_or_null(s.date) +
                   ", \"url\": " + json_or_null(s.url) + "}";
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
