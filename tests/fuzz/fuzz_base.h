// libFuzzer targets: the scenario fuzzed input applies to.
#pragma once
#include "costbook/scenario.h"

// A base inside every key's range, as a page's scenario is.
inline const costbook::Scenario& fuzz_base() {
    static const costbook::Scenario base = [] {
        costbook::Scenario s;
        for (int i = 0; i < costbook::kKeyCount; ++i)
            s.inputs[i] = costbook::Range::point(costbook::key_info(static_cast<costbook::Key>(i)).min);
        return s;
    }();
    return base;
}
