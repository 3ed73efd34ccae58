// tests: the shipped data, loaded once, so figures in tests come from data/ and not from typing
#pragma once
#include <stdexcept>
#include <string>

#include "compute/scenario.h"
#include "load/data.h"

namespace fixture {

inline const costbook::site::Data& data() {
    static const costbook::site::Data d = [] {
        costbook::site::Diagnostics diags;
        auto loaded = costbook::site::load_data(COSTBOOK_SOURCE_DIR "/data", "data/", diags);
        if (!loaded) throw std::runtime_error("the shipped data/ does not load");
        return *loaded;
    }();
    return d;
}

inline const costbook::Ledger& ledger(const std::string& model) {
    const costbook::site::Model* m = data().model(model);
    if (!m) throw std::runtime_error("no model " + model + " in data/");
    return m->ledger;
}

// A model's seed from the shipped data ("" = the default model).
inline costbook::site::Seed seeded(const std::string& model = "") {
    costbook::site::ScenarioChoice c;
    c.model = model;
    auto s = costbook::site::seed(data(), c);
    if (!s) throw std::runtime_error(s.error.message);
    return *s;
}
inline costbook::Scenario scenario(const std::string& model = "") { return seeded(model).scenario; }
// The sources of its inputs, as a page's calculator and the exports carry them.
inline costbook::InputSources sources(const std::string& model = "") { return seeded(model).sources; }

}  // namespace fixture
