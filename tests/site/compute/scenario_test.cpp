// site/compute/scenario.h: each model's seed — every calculator input from data, set together
// with the source it came from.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "../../fixture.h"
#include "compute/scenario.h"
#include "costbook/ledger.h"
#include "costbook/outputs.h"

using namespace costbook;
using namespace costbook::site;

namespace {
const std::string& source_of(const Seed& s, Key k) { return s.sources[static_cast<int>(k)]; }
}  // namespace

TEST_CASE("the default seed is the data's: each rung of the default ladder with its value and source") {
    const Data& d = fixture::data();
    const auto s = seed(d);
    REQUIRE_MESSAGE(s, s.error.message);
    CHECK(s->scenario.model == d.default_model);
    REQUIRE_FALSE(d.ladders.empty());
    const LadderData* ladder = nullptr;
    for (const LadderData& l : d.ladders)
        if (s->scenario.ladder.find(l.rungs.front().spec.id) >= 0 && l.rungs.size() == s->scenario.ladder.rungs.size()) ladder = &l;
    REQUIRE(ladder);
    for (const LadderRung& r : ladder->rungs) {
        CAPTURE(r.spec.id);
        const Key k = fixture::rung(r.spec.id);
        CHECK(s->scenario.range(k).likely == r.value.likely);
        CHECK(source_of(*s, k) == (r.cite.assumption ? std::string("assumption") : r.cite.source));
    }
    CHECK(source_of(*s, Key::mfu) == "derived");   // the fitted default
    // Every input data/scenario.toml sets carries its source, or "assumption".
    for (const Assumption& a : d.assumptions) {
        CAPTURE(key_info(a.key).name);
        CHECK(s->scenario.get(a.key) == a.value.likely);
        CHECK(source_of(*s, a.key) == (a.cite.assumption ? "assumption" : a.cite.source));
    }
}

TEST_CASE("another model's seed starts from its size, tokens and GPU, and cites that model") {
    const Data& d = fixture::data();
    ScenarioChoice c;
    c.model = "llama-3.1-405b";
    const auto s = seed(d, c);
    REQUIRE(s);
    const Model& m = *d.model("llama-3.1-405b");
    CHECK(s->scenario.model == m.id);
    CHECK(s->scenario.get(Key::params) == m.params_active);
    CHECK(s->scenario.get(Key::tokens) == m.tokens);
    CHECK(s->scenario.get(Key::peak) == d.gpu(m.gpu)->peak(m.precision));
    CHECK(source_of(*s, Key::params) == m.cite.source);
    CHECK(s->sources != fixture::sources());
}

TEST_CASE("an unknown model, GPU or price is an error naming the field and the valid ids") {
    const Data& d = fixture::data();
    ScenarioChoice c;
    c.model = "gpt-5";
    auto s = seed(d, c);
    CHECK_FALSE(s);
    CHECK(s.error.message == "unknown model `gpt-5`");
    CHECK(s.error.field == "model");
    CHECK(s.error.help == "valid models: " + d.model_ids());
    c = {};
    c.gpu = "b200";
    s = seed(d, c);
    CHECK(s.error.field == "gpu");
    c = {};
    c.price = "free";
    CHECK(seed(d, c).error.message == "unknown price `free`");
    c = {};
    c.gpu = "a100-80gb";
    c.precision = "fp8";
    CHECK(seed(d, c).error.message == "`a100-80gb` has no fp8 peak in data");
}

TEST_CASE("all_seeds: one seed per model, found by id or \"\" for the default") {
    const Data& d = fixture::data();
    const Seeds all = all_seeds(d);
    CHECK(all.by_model.size() + all.errors.size() == d.models.size());
    CHECK(all.errors.empty());
    REQUIRE(all.find("") != nullptr);
    CHECK(all.find("")->scenario.model == d.default_model);
    CHECK(all.find("deepseek-r1")->scenario.model == "deepseek-r1");
    CHECK(all.find("gpt-5") == nullptr);
    ScenarioChoice r1;
    r1.model = "deepseek-r1";
    CHECK(all.find("deepseek-r1")->sources == seed(d, r1)->sources);
}

TEST_CASE("a tab is offered only when every input it shows has data: an input with none is never a silent 0") {
    // The minimal fixture sets [years] alone: Rent or own lacks the rest of its inputs, power among them.
    Diagnostics diags;
    const auto d = load_data(COSTBOOK_SOURCE_DIR "/tests/site/ok/minimal/data", "data/", diags);
    REQUIRE(d);
    Tabs tabs = supported_tabs(*d);
    CHECK(std::find(tabs.begin(), tabs.end(), "own") == tabs.end());
    CHECK(tab_missing(*d, "own") == "[server_overhead], [util], [host_overhead], [pue] and [kwh] in data/scenario.toml");
    CHECK(std::find(tabs.begin(), tabs.end(), "counted") != tabs.end());
    CHECK(tab_missing(*d, "counted") == "");

    // With each of them, as an assumption with its reason, the tab is offered; without [pue] alone, not.
    Data with = *d;
    for (Key k : {Key::server_overhead, Key::util, Key::host_overhead, Key::pue, Key::kwh}) {
        Assumption a;
        a.key = k;
        a.value = Range::point(key_info(k).min > 0 ? key_info(k).min : 0.5);
        a.cite.assumption = true;
        a.cite.reason = "a test's assumption";
        with.assumptions.push_back(a);
    }
    tabs = supported_tabs(with);
    CHECK(std::find(tabs.begin(), tabs.end(), "own") != tabs.end());
    with.assumptions.erase(std::remove_if(with.assumptions.begin(), with.assumptions.end(),
                                          [](const Assumption& a) { return a.key == Key::pue; }),
                           with.assumptions.end());
    CHECK(tab_missing(with, "own") == "[pue] in data/scenario.toml");
}

TEST_CASE("each tab's needs name every input only data/scenario.toml gives, and no input another file gives") {
    // The default site without its scenario.toml inputs: what a tab's inputs then lack is what its needs name.
    Data bare = fixture::data();
    bare.assumptions.clear();
    const auto s = seed(bare);
    REQUIRE_MESSAGE(s, s.error.message);
    for (const char* tab : kTabs) {
        CAPTURE(tab);
        const std::string needs = tab_needs(tab);
        for (const InputGroup& g : tab_inputs(s->scenario, tab))
            for (Key k : g.keys) {
                if (static_cast<int>(k) >= kKeyCount) continue;   // a rung's value: its ladder's
                CAPTURE(key_info(k).name);
                const bool from_scenario_toml = source_of(*s, k).empty();
                CHECK((needs.find(std::string("[") + key_info(k).name + "]") != std::string::npos) == from_scenario_toml);
            }
    }
    const std::string own = tab_needs("own");
    for (const char* k : {"[server_overhead]", "[years]", "[util]", "[host_overhead]", "[pue]", "[kwh]"}) CHECK(own.find(k) != std::string::npos);
}
