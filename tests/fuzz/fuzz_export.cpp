// libFuzzer: comparing any scenario with a base, exporting it as CSV and JSON, and reading any text
// as a page's data-sources or data-ladder attribute must never crash; both must read back as written.
// (A target of its own: this work per input would slow fuzz_scenario's parser search tenfold.)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "costbook/compare.h"
#include "costbook/export.h"
#include "costbook/ladder.h"
#include "costbook/scenario.h"
#include "fuzz_base.h"

using namespace costbook;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const Scenario& base = fuzz_base();
    const std::string_view query(reinterpret_cast<const char*>(data), size);
    Scenario s = parse_scenario(query, base).scenario;
    (void)comparison_rows(compare_scenarios(base, s, headline_metric_of(s, s.tab)));
    for (Range& r : s.inputs) r = Range::point(r.likely);   // no ranges: no 100,000-sample band per input
    const InputSources sources = parse_sources(query, base);
    if (!(parse_sources(write_sources(sources, base), base) == sources)) std::abort();
    // Any text as a page's data-ladder: an error or a spec that reads back as written.
    if (const Result<LadderSpec> l = parse_ladder(query); l && !(*parse_ladder(write_ladder(*l)) == *l)) std::abort();
    (void)export_csv(s, sources);
    (void)export_json(s, sources);
    return 0;
}
