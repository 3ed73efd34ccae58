// `costbook help`: every topic prints a registry of the code, so the reference cannot drift from it.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "cmd/help.h"
#include "compute/figures.h"
#include "compute/scenario.h"
#include "costbook/outputs.h"
#include "load/data.h"

using fixture::run;
using namespace costbook;
using namespace costbook::site;
namespace fs = std::filesystem;

TEST_CASE("costbook help alone lists every topic with its one line") {
    const auto r = run("help");
    REQUIRE(r.code == 0);
    for (const HelpTopic* t = kHelpTopics; t->name; ++t) {
        CAPTURE(t->name);
        CHECK(r.out.find(std::string(t->name) + " ") != std::string::npos);
        CHECK(r.out.find(t->summary) != std::string::npos);
    }
}

TEST_CASE("an unknown help topic is a usage error naming the topics") {
    const auto r = run("help figure");
    CHECK(r.code == 2);
    CHECK(r.err.find("error: no help topic `figure`") != std::string::npos);
    CHECK(r.err.find("topics: figures, data, tabs, shortcodes, templates") != std::string::npos);
}

TEST_CASE("help figures prints every key form with its meaning, and examples from the site's own registry") {
    const auto r = run("help figures");
    REQUIRE(r.code == 0);
    for (const FigureKeyInfo* k = kFigureKeys; k->pattern; ++k) {
        CAPTURE(k->pattern);
        CHECK(r.out.find(k->pattern) != std::string::npos);
        CHECK(r.out.find(k->meaning) != std::string::npos);
    }
    const Data& d = fixture::data();
    const FigureRegistry figures = build_figures(d, fixture::scenario());
    const std::string key = "ladder.total";
    CHECK(r.out.find("e.g. " + key + " = " + figures.at(key).text) != std::string::npos);
    // Outside a site, no examples, and it says how to get them.
    const auto bare = run("help figures", "/");
    CHECK(bare.code == 0);
    CHECK(bare.out.find("e.g. ") == std::string::npos);
    CHECK(bare.out.find("--site DIR") != std::string::npos);
}

TEST_CASE("every figure key the shipped sites make has a row in kFigureKeys, and every row a key") {
    std::set<const FigureKeyInfo*> used;
    const fs::path root(COSTBOOK_SOURCE_DIR);
    for (const fs::path& dir : {root / "data", root / "examples/llama-3.1-405b/data", fixture::kMinimal / "data"}) {
        Diagnostics diags;
        const auto d = load_data(dir.string(), "data/", diags);
        REQUIRE_MESSAGE(d, fixture::printed(diags));
        const auto base = seed(*d);
        REQUIRE(base);
        for (const auto& [key, fig] : build_figures(*d, base->scenario)) {
            const FigureKeyInfo* k = figure_key_info(key);
            CHECK_MESSAGE(k != nullptr, key << std::string(" has no row in kFigureKeys (compute/figures.cpp)"));
            used.insert(k);
        }
    }
    for (const FigureKeyInfo* k = kFigureKeys; k->pattern; ++k) CHECK_MESSAGE(used.count(k), std::string(k->pattern) << " matches no key of the shipped sites");
}

TEST_CASE("help tabs names every tab of core with its title, headline and what it needs, and what this site supports") {
    const auto r = run("help tabs");
    REQUIRE(r.code == 0);
    const Tabs here = supported_tabs(fixture::data());
    for (const char* tab : kTabs) {
        CAPTURE(tab);
        CHECK(std::string(tab_needs(tab)).size() > 0);
        const bool yes = std::find(here.begin(), here.end(), tab) != here.end();
        CHECK(r.out.find(std::string(tab_title(tab))) != std::string::npos);
        CHECK(r.out.find(std::string(tab_needs(tab)) + (yes ? "  [yes]" : "  [no]")) != std::string::npos);
    }
    for (int i = 0; i < kMetricCount; ++i) CHECK(r.out.find(std::string("calc.") + metric_id(static_cast<Metric>(i))) != std::string::npos);
}

TEST_CASE("help data prints every file and table the loader reads, with its keys") {
    const auto r = run("help data", "/");
    REQUIRE(r.code == 0);
    for (const DataTable& t : kDataSchema) {
        CAPTURE(t.file);
        CHECK(r.out.find(std::string("\n") + t.file + "\n") != std::string::npos);
        CHECK(r.out.find(t.holds) != std::string::npos);
        for (const DataKey& k : t.keys) CHECK(r.out.find(k.name) != std::string::npos);
    }
    CHECK(r.out.find("bf16_dense_flop_per_s* (FLOP/s)") != std::string::npos);
}

TEST_CASE("help data lists the allowed values of each key the loader checks, from the loader's own table") {
    const auto r = run("help data", "/");
    REQUIRE(r.code == 0);
    for (const DataValues& v : kDataValues) {
        CAPTURE(v.file);
        CAPTURE(v.key);
        const size_t file = r.out.find(std::string("\n") + v.file + "\n");
        REQUIRE(file != std::string::npos);
        const size_t line = r.out.find(std::string("    ") + v.key + ": one of", file);
        REQUIRE(line != std::string::npos);
        for (const DataValue& x : v.values) CHECK(r.out.find(x.value, line) != std::string::npos);
    }
    CHECK(r.out.find("kind: one of primary (") != std::string::npos);
    CHECK(r.out.find("architecture: one of dense, moe (mixture of experts)") != std::string::npos);
    // The inputs a [<input>] table may name: the calculator's, not the link's words (model, count, tab, currency).
    const size_t inputs = r.out.find("<input>: one of");
    REQUIRE(inputs != std::string::npos);
    const std::string list = r.out.substr(inputs, r.out.find("\n\n", inputs) - inputs);
    CHECK(list.find("kwh") != std::string::npos);
    for (const char* word : {"currency", " tab", "count"}) CHECK(list.find(word) == std::string::npos);
}

TEST_CASE("help tabs says what a site lacks for a tab it does not offer") {
    const auto r = run("help tabs --site " + (fixture::kMinimal).string(), "/");
    REQUIRE(r.code == 0);
    CHECK(r.out.find("[pue] and [kwh] in data/scenario.toml  [no]") != std::string::npos);
    CHECK(r.out.find("this site lacks: [server_overhead], [util], [host_overhead], [pue] and [kwh] in data/scenario.toml") != std::string::npos);
}
