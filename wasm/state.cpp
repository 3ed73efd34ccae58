// The scenario on screen: what it computes to, and what it tells the page.
#include <algorithm>
#include <string>
#include <vector>

#include "calc.h"

namespace costbook::calc {

namespace {
State g_state;
std::string g_live, g_hash, g_table;  // what the page was last told

bool in_tab(const std::string& tab, Key k) {
    for (const InputGroup& g : tab_groups(tab))
        for (Key t : g.keys) if (t == k) return true;
    return false;
}

// Over time declines the ladder's total: the ladder's inputs feed it too.
bool feeds_band(const std::string& tab, Key k) { return in_tab(tab, k) || (tab == "time" && in_tab("counted", k)); }

// The band and what drives it, from one set of draws; `ends_only`: the inputs and their ends alone,
// no draws (a few evaluations instead of 100,000), laid out where the band will be.
void update_band(bool ends_only = false) {
    State& st = state();
    st.band = {};
    bool ranged = false;
    for (Key k : input_keys(st.s)) ranged = ranged || (st.s.range(k).is_range() && feeds_band(st.s.tab, k));
    if (!ranged) return;
    if (ends_only) {
        st.band.spread = spread_ends(st.s, headline_metric(st.s));
        st.band.shown = !st.band.spread.inputs.empty();
        return;
    }
    st.band.spread = spread(st.s, headline_metric(st.s));
    st.band.p = st.band.spread.band;
    st.band.shown = st.band.p.p10 != st.band.p.p90;
    // A headline outside its own band says why (an input that starts at an end of its range).
    st.band.note = st.band.shown ? band_note(st.s, headline_metric(st.s), st.band.p) : "";
}

// What each control on the tab shown would not move, and why (core's text): drawn beside it.
void update_reasons() {
    State& st = state();
    for (std::string& r : st.reasons) r.clear();
    for (std::string& r : st.rung_reasons) r.clear();
    for (const InputGroup& g : tab_groups(st.s.tab))
        for (Key k : g.keys) st.reasons[static_cast<size_t>(k)] = not_counted_reason(st.s, st.s.tab, k);
    if (st.s.tab == "counted")
        for (int i = 0; i < st.s.ladder.size(); ++i) st.rung_reasons[static_cast<size_t>(i)] = rung_not_counted_reason(st.s, i);
}

std::vector<std::string> split_tabs(const std::string& list) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= list.size()) {
        size_t comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        const std::string t = list.substr(start, comma - start);
        start = comma + 1;
        for (const char* known : kTabs)
            if (t == known && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
    return out;
}
}  // namespace

State& state() { return g_state; }

std::string share_link() {
    const State& st = state();
    return write_link(st.s, st.pinned ? &st.pin : nullptr, st.page);
}

std::vector<InputGroup> tab_groups(const std::string& tab) { return tab_inputs(state().page, tab); }

Metric headline_metric(const Scenario& s) { return headline_metric_of(s, s.tab); }

void start(const std::string& page_query, const std::string& tab, const std::string& ladder, const std::string& tabs,
           const std::string& hash_query) {
    State& st = state();
    // The page's ladder first: its rungs name the keys and `count=` ids the scenario uses.
    Scenario base;
    if (!ladder.empty()) {
        const Result<LadderSpec> spec = parse_ladder(ladder);
        if (spec) base.ladder = *spec;
        else st.message = "This page's ladder could not be read: " + spec.error.message;
    }
    st.page = parse_scenario(page_query, base).scenario;
    st.tabs = split_tabs(tabs);
    if (st.tabs.empty()) st.tabs.assign(std::begin(kTabs), std::end(kTabs));
    if (!tab.empty()) st.page.tab = tab;
    if (st.page.tab.empty()) st.page.tab = st.tabs.front();
    st.s = st.page;
    if (!hash_query.empty()) apply_hash(hash_query);
    edited();
    // What drives the band, its inputs and their ends, now: the first frame shows them at its final
    // height (a frame that grows after it moves the page below it). The draws, ~100,000 evaluations
    // of the scenario, wait for the first settle(), after the first frame is on screen.
    update_band(true);
}

void apply_hash(const std::string& hash_query) {
    State& st = state();
    const ParsedLink link = parse_link(hash_query, st.page);   // the scenario and a pinned one (core's form)
    st.s = link.now.scenario;
    if (link.pinned) {   // a link without a pin (one on the page, opened later) keeps the reader's
        st.pinned = true;
        st.pin = link.pin.scenario;
    }
    st.message.clear();
    for (const ParsedScenario* p : {&link.now, &link.pin}) {
        for (const Error& e : p->errors) st.message += "\n\xE2\x80\xA2 " + e.message;
        for (const std::string& n : p->notes) st.message += "\n\xE2\x80\xA2 " + n;
    }
    if (!st.message.empty()) st.message = "Some settings in this link were not applied:" + st.message;
    edited();
}

void reset() {
    State& st = state();
    st.s = st.page;
    st.message.clear();
    edited();
}

void edited() {
    State& st = state();
    st.out = compute(st.s);
    update_reasons();
    update_comparison();
    st.band.stale = true;
    st.unsettled = true;
    live_update();
}


bool settle() {
    State& st = state();
    if (!st.unsettled) return false;
    st.unsettled = false;
    if (st.band.faded()) update_band();
    // While a scenario is pinned, the page also hears the comparison (compare.h's text).
    const std::string live = st.pinned ? comparison_summary(st.comparison) : headline_text(st.s, st.out, st.s.tab);
    if (live != g_live) set_live_text(g_live = live);
    std::vector<Row> rows = result_rows(st.s, st.out, st.s.tab);
    if (st.pinned)
        for (Row& r : comparison_rows(st.comparison)) rows.push_back(std::move(r));
    for (Row& r : input_rows(st.s, st.s.tab)) rows.push_back(std::move(r));   // what the generator lists too
    std::string table = tab_title(st.s.tab);
    for (const Row& r : rows) table += "\n" + r.label + "\t" + r.value;
    if (table != g_table) set_table(tab_title(st.s.tab), rows), g_table = table;
    const std::string hash = share_link();
    if (hash != g_hash) write_hash(g_hash = hash);
    set_spread(st.band.shown ? st.band.spread : Spread{}, st.s);
    live_settled();
    return true;
}

}  // namespace costbook::calc
