// Live prose and what drives the spread, on the page: the figures in sentences bound to this
// calculator (live.js finds them), rewritten through core's live_text() on every change and
// announced once a change settles; and the spread's lines (core's spread_rows()) as a list the
// page's screen readers reach.
#include <emscripten/emscripten.h>

#include <string>

#include "calc.h"
#include "costbook/format.h"

namespace {
EM_JS(void, js_live_update, (), { cbLiveUpdate(); });
EM_JS(void, js_live_settled, (), { cbLiveSettled(); });
EM_JS(void, js_set_spread, (const char* title, const char* rows), { cbSetSpread(UTF8ToString(title), UTF8ToString(rows)); });
}  // namespace

namespace costbook::calc {

void live_update() { js_live_update(); }
void live_settled() { js_live_settled(); }

void set_spread(const Spread& sp, const Scenario& s) {
    static std::string told = "-";   // what the page was last told
    std::string rows;
    for (const Row& r : spread_rows(s, sp)) rows += (rows.empty() ? "" : "\n") + r.label + ": " + r.value;
    if (rows == told) return;
    told = rows;
    js_set_spread(rows.empty() ? "" : "What drives the spread", rows.c_str());
}

}  // namespace costbook::calc

using namespace costbook::calc;

extern "C" {
// A live figure's text at the scenario on screen (core's live_text()); bare: without its unit word.
EMSCRIPTEN_KEEPALIVE const char* calc_live_text(const char* key, int bare) {
    static std::string out;
    const State& st = state();
    out = costbook::live_text(st.s, st.out, key);
    if (bare) out = costbook::format_without_unit(out);
    return out.c_str();
}
}
