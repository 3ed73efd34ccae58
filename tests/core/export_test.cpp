#include <doctest/doctest.h>

#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../fixture.h"
#include "costbook/compare.h"
#include "costbook/export.h"
#include "compute/scenario.h"

using namespace costbook;

namespace {
// RFC 4180 reading, enough for the files export_csv writes.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { rows.back().back() += '"'; ++i; }
            else if (c == '"') quoted = false;
            else rows.back().back() += c;
        } else if (c == '"') quoted = true;
        else if (c == ',') rows.back().emplace_back();
        else if (c == '\n') rows.emplace_back(1);
        else rows.back().back() += c;
    }
    if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
    return rows;
}

struct Exported { Scenario s; InputSources sources; };
Exported exported(const std::string& query = "") {
    Scenario s = parse_scenario(query, fixture::scenario()).scenario;
    if (s.tab.empty()) s.tab = "counted";
    InputSources src = fixture::sources();
    drop_changed_sources(src, s, fixture::scenario());
    return {s, src};
}

std::vector<std::vector<std::string>> section(const std::vector<std::vector<std::string>>& rows, const std::string& name) {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : rows) if (r[0] == name) out.push_back(r);
    return out;
}
}  // namespace

TEST_CASE("the CSV holds every input, rung, metric and tab's results, each row with nine columns") {
    const Exported e = exported();
    const std::string csv = export_csv(e.s, e.sources);
    const auto rows = read_csv(csv);
    REQUIRE(!rows.empty());
    CHECK(csv.rfind("section,id,label,value,low,high,text,unit,source\n", 0) == 0);
    for (const auto& r : rows) CHECK_MESSAGE(r.size() == 9, std::string(r[0] + "," + (r.size() > 1 ? r[1] : "")));
    const auto inputs = section(rows, "input");
    // Every fixed key and each rung's value, in the calculator's order (the rate, the rungs, the rest).
    const std::vector<Key> keys = input_keys(e.s);
    REQUIRE(inputs.size() == static_cast<size_t>(kKeyCount + e.s.ladder.size()));
    REQUIRE(keys.size() == inputs.size());
    for (size_t i = 0; i < keys.size(); ++i) {
        const Key k = keys[i];
        const KeyInfo info = input_info(e.s, k);
        const auto& r = inputs[i];
        CHECK(r[1] == info.name);
        CHECK(r[2] == info.label);
        CHECK(parse_number(r[3]) == e.s.get(k));   // the raw value reads back exactly
        CHECK(r[6] == input_value_text(e.s, k, e.s.get(k)));
        CHECK(r[7] == info.unit);
        CHECK(r[8] == e.sources[static_cast<size_t>(k)]);
        if (e.s.range(k).is_range()) {
            CHECK(parse_number(r[4]) == e.s.range(k).low);
            CHECK(parse_number(r[5]) == e.s.range(k).high);
        } else {
            CHECK(r[4].empty());
        }
    }
    CHECK(section(rows, "count").size() == e.s.ladder.rungs.size());
    const auto metrics = section(rows, "metric");
    REQUIRE(metrics.size() == static_cast<size_t>(kMetricCount));
    const Outputs o = compute(e.s);
    for (int i = 0; i < kMetricCount; ++i) {
        const Metric m = static_cast<Metric>(i);
        CHECK(metrics[static_cast<size_t>(i)][1] == metric_id(m));
        CHECK(metrics[static_cast<size_t>(i)][6] == metric_text(m, metric_value(o, m)));
    }
    size_t result_rows_expected = 0;
    for (const char* tab : kTabs) result_rows_expected += result_rows(e.s, o, tab).size();
    CHECK(section(rows, "result").size() == result_rows_expected);
    // The data's ranges (research, people, utilisation, ...) move the ladder total: its band is there.
    const auto band = section(rows, "band");
    REQUIRE(band.size() == 1);
    const Percentiles p = simulate(e.s, Metric::ladder_total_usd);
    CHECK(parse_number(band[0][4]) == p.p10);
    CHECK(parse_number(band[0][3]) == p.p50);
    CHECK(parse_number(band[0][5]) == p.p90);
}

TEST_CASE("the CSV says what produced it, and the same scenario gives the same bytes") {
    const Exported e = exported("count=rl,final&rate=2.5");
    const std::string csv = export_csv(e.s, e.sources);
    CHECK(csv == export_csv(e.s, e.sources));
    const auto meta = section(read_csv(csv), "meta");
    REQUIRE(meta.size() == 6);
    CHECK(meta[0][1] == "costbook");
    CHECK(meta[0][6] == costbook_version());
    CHECK(meta[1][6] == fixture::data().default_model);
    CHECK(meta[2][6] == "counted");
    CHECK(meta[4][1] == "scenario");
    // The scenario row is the whole scenario: read back on nothing, it is the same scenario.
    Scenario on_ladder;   // read back on its ladder, as `costbook calc` reads it on the site's
    on_ladder.ladder = e.s.ladder;
    CHECK(parse_scenario(meta[4][6], on_ladder).scenario == e.s);
    CHECK(meta[5][6] == "costbook calc --csv --scenario '" + meta[4][6] + "'");
}

TEST_CASE("sources: the data's ids for inputs that hold the data's values, none for changed ones") {
    const Exported e = exported("rate=2.5");
    const auto rows = section(read_csv(export_csv(e.s, e.sources)), "input");
    const auto source_of = [&](Key k) {
        for (const auto& r : rows) if (r[1] == input_info(e.s, k).name) return r[8];
        return std::string("(no row)");
    };
    const auto& d = fixture::data();
    CHECK(source_of(Key::rate).empty());   // changed by the reader
    CHECK(source_of(fixture::rung("final")) == d.model(d.default_model)->ledger.stages[0].source);
    CHECK(source_of(fixture::rung("research")) == "assumption");
    CHECK(source_of(Key::mfu) == "derived");
    CHECK(source_of(Key::years) == d.assumption(Key::years)->cite.source);
    CHECK(source_of(fixture::rung("fleet")) == d.ladder(d.default_ladder)->rungs[static_cast<size_t>(fixture::rung_index("fleet"))].cite.source);
    const InputSources unchanged = fixture::sources();
    CHECK(unchanged[static_cast<int>(Key::rate)] == d.model(d.default_model)->ledger.rate_source);
}

TEST_CASE("a page's data-sources attribute round-trips; unknown keys and odd ids are skipped") {
    const InputSources s = fixture::sources();
    const Scenario base = fixture::scenario();
    CHECK(parse_sources(write_sources(s, base), base) == s);
    CHECK(write_sources(s, base).find("final_gpu_hours=") != std::string::npos);   // a rung's key, from its ladder
    const InputSources odd = parse_sources("rate=ok-id&nokey=x&mfu=bad id&pue=&gpus=<script>&kwh=a.b_c", base);
    CHECK(odd[static_cast<int>(Key::rate)] == "ok-id");
    CHECK(odd[static_cast<int>(Key::mfu)].empty());
    CHECK(odd[static_cast<int>(Key::pue)].empty());
    CHECK(odd[static_cast<int>(Key::gpus)].empty());
    CHECK(odd[static_cast<int>(Key::kwh)] == "a.b_c");
}

TEST_CASE("CSV fields with commas and quotes are quoted") {
    const Exported e = exported("tab=estimate");
    const std::string csv = export_csv(e.s, e.sources);
    // "Wall-clock on 2,048 GPUs": a comma inside a label.
    const Outputs o = compute(e.s);
    const std::string wall = result_rows(e.s, o, "estimate")[2].label;
    REQUIRE(wall.find(',') != std::string::npos);
    CHECK(csv.find(",\"" + wall + "\",") != std::string::npos);
    CHECK(export_filename(e.s, "csv") == "costbook-" + fixture::data().default_model + "-estimate.csv");
}

TEST_CASE("the JSON holds the CSV's content as numbers and strings") {
    const Exported e = exported("currency=cny&tab=inference&research_mult=2");
    const std::string text = export_json(e.s, e.sources);
    CHECK(text == export_json(e.s, e.sources));
    const auto j = nlohmann::json::parse(text);
    CHECK(j["costbook"] == costbook_version());
    CHECK(j["tab"] == "inference");
    CHECK(j["currency"] == "cny");
    Scenario on_ladder;   // the scenario reads back on its ladder, as `costbook calc` reads it on the site's
    on_ladder.ladder = e.s.ladder;
    CHECK(parse_scenario(j["scenario"].get<std::string>(), on_ladder).scenario == e.s);
    CHECK(j["command"] == "costbook calc --export json --scenario '" + j["scenario"].get<std::string>() + "'");
    const std::vector<Key> keys = input_keys(e.s);
    REQUIRE(j["inputs"].size() == keys.size());
    for (size_t i = 0; i < keys.size(); ++i) {
        const auto& in = j["inputs"][i];
        const Key k = keys[i];
        const std::string& src = e.sources[static_cast<size_t>(k)];
        CHECK(in["key"] == input_info(e.s, k).name);
        CHECK(in["value"].get<double>() == e.s.get(k));
        CHECK(in["text"] == input_value_text(e.s, k, e.s.get(k)));
        CHECK(in.contains("low") == e.s.range(k).is_range());
        if (src.empty()) CHECK(in["source"].is_null());
        else CHECK(in["source"] == src);
    }
    CHECK(j["inputs"][static_cast<size_t>(1 + fixture::rung_index("research"))]["source"].is_null());   // changed: after the rate
    REQUIRE(j["metrics"].size() == static_cast<size_t>(kMetricCount));
    const Outputs o = compute(e.s);
    for (int i = 0; i < kMetricCount; ++i) {
        const Metric m = static_cast<Metric>(i);
        CHECK(j["metrics"][static_cast<size_t>(i)]["id"] == metric_id(m));
        CHECK(j["metrics"][static_cast<size_t>(i)]["value"].get<double>() == metric_value(o, m));
        CHECK(j["metrics"][static_cast<size_t>(i)]["text"] == metric_text(m, metric_value(o, m)));
    }
    CHECK(j["count"].size() == e.s.ladder.rungs.size());
    REQUIRE(j["results"].size() == std::size(kTabs));
    for (size_t t = 0; t < std::size(kTabs); ++t) {
        CHECK(j["results"][t]["tab"] == kTabs[t]);
        const std::vector<Row> rows = result_rows(e.s, o, kTabs[t]);
        REQUIRE(j["results"][t]["rows"].size() == rows.size());
        for (size_t r = 0; r < rows.size(); ++r) CHECK(j["results"][t]["rows"][r]["text"] == rows[r].value);
    }
    // The inference headline in yuan: its band comes from the ranged inputs that move it, if any.
    const Percentiles p = simulate(e.s, Metric::api_total_cny);
    CHECK(j.contains("band") == (p.p10 != p.p90));
}

TEST_CASE("a scenario without ranges has no band; values that are not finite are null, never nan") {
    Exported e = exported();
    for (Range& r : e.s.inputs) r = Range::point(r.likely);
    e.s.set(Key::kwh, 2);   // power alone costs more than renting: owning never breaks even (infinite)
    e.s.set(Key::rate, 0.1);
    const auto j = nlohmann::json::parse(export_json(e.s, e.sources));
    CHECK_FALSE(j.contains("band"));
    CHECK(j["metrics"][static_cast<int>(Metric::break_even_utilisation)]["value"].is_null());
    const std::string csv = export_csv(e.s, e.sources);
    CHECK(csv.find("nan") == std::string::npos);
    CHECK(csv.find(",inf,") == std::string::npos);
    CHECK(csv.find("never (above 100%)") != std::string::npos);   // core's text for it
}
