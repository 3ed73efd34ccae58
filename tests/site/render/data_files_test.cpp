// site/render/data_files.h: /data.json and /data.csv on the default site and the example site —
// the same rows in both, every figure with its backing, and values that `costbook calc` and the
// pages show. (The JSON Schema check, schemas/data.schema.json with ajv: tests/browser/data_files.test.mjs.)
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "../site_fixture.h"

using namespace fixture;

namespace {
// RFC 4180: fields separated by commas, quoted when they hold a comma, quote or line end.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') quoted = true;
        else if (c == ',') { rows.back().push_back(field); field.clear(); }
        else if (c == '\n') { rows.back().push_back(field); field.clear(); rows.emplace_back(); }
        else field += c;
    }
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

std::string cell(const nlohmann::json& v) {
    if (v.is_null()) return "";
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_string()) return v.get<std::string>();
    return "";
}

const nlohmann::json* figure(const nlohmann::json& j, const std::string& key) {
    for (const auto& f : j["figures"])
        if (f["key"] == key) return &f;
    return nullptr;
}
}  // namespace

TEST_CASE("data.json and data.csv hold the same figures, each sourced, derived or an assumption, on both shipped sites") {
    const std::string example = std::string(COSTBOOK_SOURCE_DIR) + "/examples/llama-3.1-405b";
    for (const bool default_site : {true, false}) {
        CAPTURE(default_site);
        SiteCopy s = default_site ? SiteCopy() : SiteCopy(example);
        const fs::path out = s.dir / "public";
        REQUIRE(run("build --site " + s.path()).code == 0);
        const auto j = nlohmann::json::parse(read(out / "data.json"));
        const auto rows = parse_csv(read(out / "data.csv"));
        REQUIRE(rows.size() == j["figures"].size() + 1);
        const std::vector<std::string> columns = {"key", "value", "unit", "text", "status", "assumption", "source",
                                                  "source_title", "source_url", "source_date", "reason", "dated"};
        CHECK(rows[0] == columns);
        REQUIRE(j["figures"].size() > 50);
        std::map<std::string, std::string> urls;
        for (const auto& src : j["sources"]) urls[src["id"]] = cell(src["url"]);
        for (size_t i = 0; i < j["figures"].size(); ++i) {
            const auto& f = j["figures"][i];
            CAPTURE(f.dump());
            const auto& row = rows[i + 1];
            REQUIRE(row.size() == columns.size());
            for (size_t c = 0; c < columns.size(); ++c) {
                const auto& v = f[columns[c]];
                // A number reads back exactly: the CSV's text is the JSON's number.
                if (v.is_number()) CHECK(std::stod(row[c]) == v.get<double>());
                else CHECK(row[c] == cell(v));
            }
            if (f["status"] == "sourced") {
                REQUIRE(f["source"].is_string());
                if (urls.count(f["source"])) CHECK(cell(f["source_url"]) == urls[f["source"]]);
            }
            if (f["status"] == "derived") CHECK_FALSE(cell(f["reason"]).empty());   // says what it is derived from
            if (f["status"] == "assumption") CHECK(f["assumption"] == true);
            CHECK_FALSE(cell(f["text"]).empty());
            // Only text has no unit: a key form added to kFigureKeys without its unit would lose its value here.
            if (f["unit"] == "") CHECK((f["key"] == "mfu.formula" || f["key"] == "mfu.runs.from"));
        }

        SUBCASE("a model's total is what `costbook calc` prints and what its page shows") {
            const auto calc = nlohmann::json::parse(run("calc --site " + s.path() + " --json").out);
            const std::string model = calc["model"];
            const auto* hours = figure(j, model + ".total_gpu_hours");
            REQUIRE(hours);
            CHECK((*hours)["value"].get<double>() == calc["total_gpu_hours"].get<double>());
            CHECK((*hours)["text"] == calc["text"]["total_gpu_hours"]);
            CHECK((*hours)["unit"] == "GPU-hours");
            const std::string page = read(out / "models" / model / "index.html");
            CHECK(page.find(">" + (*hours)["text"].get<std::string>() + "<") != std::string::npos);
        }
        SUBCASE("the sources page links to both files") {
            const std::string sources = read(out / "sources/index.html");
            CHECK(sources.find("href=\"/data.json\"") != std::string::npos);
            CHECK(sources.find("href=\"/data.csv\"") != std::string::npos);
        }
    }
}

TEST_CASE("the data files are the same bytes build after build") {
    SiteCopy s;
    REQUIRE(run("build --site " + s.path() + " --out " + (s.dir / "a").string()).code == 0);
    REQUIRE(run("build --site " + s.path() + " --out " + (s.dir / "b").string()).code == 0);
    CHECK(read(s.dir / "a/data.json") == read(s.dir / "b/data.json"));
    CHECK(read(s.dir / "a/data.csv") == read(s.dir / "b/data.csv"));
}
