// tests: the shipped data, loaded once, so figures in tests come from data/ and not from typing
#pragma once
#include <stdexcept>
#include <initializer_list>
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
// A rung of the default ladder (data/ladders/, [defaults] ladder): its index, its value's key, its spec.
inline int rung_index(const std::string& id) {
    const int i = scenario().ladder.find(id);
    if (i < 0) throw std::runtime_error("no rung " + id + " in the default ladder");
    return i;
}
inline costbook::Key rung(const std::string& id) { return costbook::rung_key(rung_index(id)); }
inline std::string rung_label(const std::string& id) { return scenario().ladder.rungs[static_cast<size_t>(rung_index(id))].label; }
inline unsigned rungs(std::initializer_list<const char*> ids) {   // count=<ids> as a bitmask
    unsigned out = 0;
    for (const char* id : ids) out |= 1u << rung_index(id);
    return out;
}
// The sources of its inputs, as a page's calculator and the exports carry them.
inline costbook::InputSources sources(const std::string& model = "") { return seeded(model).sources; }

}  // namespace fixture
