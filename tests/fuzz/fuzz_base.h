// libFuzzer targets: the scenario fuzzed input applies to.
#pragma once
#include "costbook/scenario.h"

// A base inside every key's range, as a page's scenario is, on a ladder with a rung of each kind
// (so the fuzzer reaches rung keys and `count=` ids as a page's calculator has them).
inline const costbook::Scenario& fuzz_base() {
    static const costbook::Scenario base = [] {
        using namespace costbook;
        Scenario s;
        s.ladder = *parse_ladder("l;a:gpu_hours:a_gpu_hours::on:A;b:multiple:b_mult:a:on:B;c:fixed:c_usd::off:C;"
                                 "d:stands_in:d_usd:a,b:on:D");
        s.rungs = s.ladder.starting();
        for (Key k : input_keys(s)) s.inputs[static_cast<size_t>(k)] = Range::point(input_info(s, k).min);
        return s;
    }();
    return base;
}
