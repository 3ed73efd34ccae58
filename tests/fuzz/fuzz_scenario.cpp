// libFuzzer: the scenario parser must never crash, and what it writes must read back the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "costbook/outputs.h"
#include "costbook/scenario.h"
#include "fuzz_base.h"

using namespace costbook;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const Scenario& base = fuzz_base();
    const std::string_view query(reinterpret_cast<const char*>(data), size);
    const ParsedScenario p = parse_scenario(query, base);
    const std::string written = write_scenario(p.scenario);
    const ParsedScenario again = parse_scenario(written, base);
    if (!again.errors.empty() || !(again.scenario == p.scenario)) std::abort();  // round trip broken
    (void)headline_text(p.scenario, compute(p.scenario), p.scenario.tab);
    return 0;
}
