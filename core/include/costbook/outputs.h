// costbook core: every output of a scenario, and their uncertainty
// Index: [SECTION] Outputs  [SECTION] Metrics  [SECTION] Text  [SECTION] Uncertainty
//
// The page and the calculator both call compute() and metric_text(): one number, one place.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "costbook/decline.h"
#include "costbook/estimate.h"
#include "costbook/inference.h"
#include "costbook/ladder.h"
#include "costbook/own.h"
#include "costbook/rl.h"
#include "costbook/scenario.h"
#include "costbook/serving.h"
#include "costbook/uncertainty.h"

namespace costbook {

// ---- [SECTION] Outputs ----
struct Outputs {
    Ladder ladder;                 // What is counted
    Estimate estimate;             // From first principles
    OwnCost own;                   // Rent or own
    double break_even_utilisation = 0;
    RlComparison rl;               // RL: GRPO vs PPO
    ApiCost api_usd, api_cny;      // Inference: the workload in both currencies
    double kv_mha_bytes = 0, kv_mla_bytes = 0;
    Serving serving;               // What serving costs: one day of the fleet
    ApiCost task_usd, task_cny;    // Cost per task: one task in both currencies
    double decline_usd = 0;        // Over time: the ladder total after decline_years
};

LadderInputs ladder_inputs(const Scenario& s);
EstimateInputs estimate_inputs(const Scenario& s);
OwnInputs own_inputs(const Scenario& s);
RlInputs rl_inputs(const Scenario& s);
ServingInputs serving_inputs(const Scenario& s);
TaskTokens task_tokens(const Scenario& s);
Outputs compute(const Scenario& s);          // every tab, from the likely values

// ---- [SECTION] Metrics ----
// A metric is one headline output: what a tab's result line and aria-live text show.
enum class Metric : int {
    ladder_total_usd, estimate_gpu_hours, estimate_cost_usd, own_usd_per_gpu_hour,
    break_even_utilisation, grpo_gpu_hours, ppo_gpu_hours, rl_saved_fraction,
    api_total_usd, api_total_cny, serve_margin, serve_cost_usd, task_usd, task_cny, decline_usd, count_
};
constexpr int kMetricCount = static_cast<int>(Metric::count_);
const char* metric_id(Metric m);                         // "ladder_total_usd"
const char* metric_label(Metric m);                      // "Total counted"
std::optional<Metric> find_metric(std::string_view id);
double metric_value(const Outputs& o, Metric m);
std::string metric_text(Metric m, double value);         // formatted by format.h
Metric tab_metric(std::string_view tab);                 // the headline metric of a tab
// The headline metric of `tab` in s's currency: tab_metric(), in yuan for the tabs that price
// in both (inference, task) when s.currency is "cny". What headline_text() shows.
Metric headline_metric_of(const Scenario& s, std::string_view tab);
const char* tab_title(std::string_view tab);             // "What is counted", "From first principles", …
const char* metric_tab(Metric m);                        // the tab whose results show m: "counted", "rl", …

// ---- [SECTION] Text ----
// What a page's static table and aria-live region show, and what the calculator writes
// into them: built here so both print the same characters for the same scenario.
struct Row { std::string label, value; };
std::vector<Row> result_rows(const Scenario& s, const Outputs& o, std::string_view tab); // a tab's results
std::string headline_text(const Scenario& s, const Outputs& o, std::string_view tab);    // "Total counted: $2.773B"
std::string input_value_text(Key k, double value);   // an input with its unit: "$2/GPU-hour", "35%", "2,048 GPUs"
std::string input_value_text(const KeyInfo& info, double value);                 // ... for any input's info
std::string input_value_text(const Scenario& s, Key k, double value);            // ... a rung's value too
// Live prose: a figure in a sentence bound to a calculator on the page. Its text at s, the same
// characters the page prints at the calculator's starting scenario and the calculator prints as the
// reader moves it: calc.<metric id> (metric_text()) or input.<scenario key> (input_value_text());
// "" for any other key.
std::string live_text(const Scenario& s, const Outputs& o, std::string_view key);
// The keys a calculator showing `tabs` can compute: its tabs' metrics, then the inputs they show.
std::vector<std::string> live_keys(const Scenario& s, const std::vector<std::string>& tabs);
// A tab's inputs, grouped (title "": no heading), in the calculator's order: What is counted reads
// each of s's rungs, then the rate; a model without a GPU count has no GPUs input.
struct InputGroup { const char* title; std::vector<Key> keys; };
std::vector<InputGroup> tab_inputs(const Scenario& s, std::string_view tab);
// Each of them as a row for the static table: "Rental rate (input)", "$2/GPU-hour"; a range adds
// its low–high.
std::vector<Row> input_rows(const Scenario& s, std::string_view tab);

// Every control moves what it says. What a tab's starting view shows beside a control whose change
// would not move the tab's headline at s: "does not move the total: “Owning the fleet” replaces it while
// it is counted", "not counted: switched off",
// "not in the headline: moves Wall-clock on 2,048 GPUs"; "" when it moves the headline.
std::string not_counted_reason(const Scenario& s, std::string_view tab, Key k);  // an input shown on `tab`
std::string rung_not_counted_reason(const Scenario& s, int rung);                // rung's checkbox on What is counted

// ---- [SECTION] Uncertainty ----
// Draws every ranged input from its triangular distribution, `samples` times, with a fixed
// seed: the same P10/P50/P90 on every run, native and wasm alike.
Percentiles simulate(const Scenario& s, Metric m, int samples = kDefaultSamples,
                     std::uint64_t seed = kDefaultSeed);
// What drives the spread: for each ranged input that moves m, the tornado (m with that input at
// its low and at its high, the others at their likely values: exact, no sampling) and its
// first-order share of m's variance, Var(E[m | input]) / Var(m), estimated from the very draws
// simulate() makes (same seed, same order): the draws are put in 50 equally likely bins of the
// input's own distribution (its triangular CDF) and the variance of the bins' means is taken.
// Shares need not add up to 100%: what is missing comes from inputs acting together (a product
// of two ranges). Inputs run largest share first; `band` is simulate()'s P10/P50/P90.
struct SpreadInput {
    Key key;
    double at_low = 0, at_high = 0;   // m with this input at its low / high, the others likely
    double share = 0;                 // first-order share of m's variance, 0..1
};
struct Spread {
    Metric metric = Metric::ladder_total_usd;
    double at_likely = 0;             // m at every likely value (the headline)
    Percentiles band;
    std::vector<SpreadInput> inputs;  // empty: no ranged input moves m
};
Spread spread(const Scenario& s, Metric m, int samples = kDefaultSamples, std::uint64_t seed = kDefaultSeed);
// The same inputs with their exact ends and no draws: each share and the band are NaN (not drawn
// yet), the inputs widest tornado first. What the calculator's first frame shows, in the place and
// at the height of what spread() fills in a moment later.
Spread spread_ends(const Scenario& s, Metric m);
constexpr int kSpreadBins = 50;
// One line per input, as the calculator, its page mirror and `costbook calc --uncertainty` print
// it: "Rental rate: 61% of the variance; $2.1B at $1.5/GPU-hour, $3.4B at $3/GPU-hour" ("…% of the
// variance" for a share not drawn yet).
std::vector<Row> spread_rows(const Scenario& s, const Spread& sp);
std::string spread_summary(const Scenario& s, const Spread& sp);   // "Spread from: Rental rate 61%, Research 30%"

// Why the headline (the likely values) lies outside its P10-P90 band, when it does: the ranged
// inputs that start at an end of their range ("The headline lies above this band because it takes
// Share of tokens billed at 100%, the top of its range (20%–100%); …"); "" when it is inside the band.
std::string band_note(const Scenario& s, Metric m, const Percentiles& p);

}  // namespace costbook
