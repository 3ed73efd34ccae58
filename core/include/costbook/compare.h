// costbook core: two scenarios side by side, and the difference broken down by input
// Index: [SECTION] Comparison  [SECTION] Text
//
// "DeepSeek's accounting" (count=rl) against "full accounting" (count=all&rate=2.5): A's value of
// a metric, B's, B − A, and how much of B − A each differing input (and each rung switched on or
// off) accounts for. The calculator (pin, then change) and `costbook calc --compare A B` both
// print what these functions return: one number, one place.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "costbook/outputs.h"
#include "costbook/scenario.h"

namespace costbook {

// ---- [SECTION] Comparison ----
struct Contribution {
    std::string id;         // the scenario key ("rate"), or "count.<rung id>" for a rung switched on or off
    std::string label;      // key_info(k).label, or the rung's label
    std::string from, to;   // A's and B's value as core formats them: "$2/GPU-hour", "counted"
    double value = 0;       // how far switching it from A to B moved the metric
    std::string text;       // value as a signed difference: "+$2.479B", "-4.2 pts", "0"
};

struct Comparison {
    Metric metric = Metric::ladder_total_usd;
    double a = 0, b = 0, difference = 0;           // difference = b − a
    std::string a_text, b_text, difference_text;   // metric_text(a), metric_text(b), difference_text()
    std::vector<Contribution> parts;               // what differs, in attribution order (empty: same inputs)
};

// Sequential attribution: starting from A, the differing rungs (in rung order) and then the
// differing inputs (in input_keys() order) are switched to B's one at a time; each part is the change in
// the metric that one switch makes. The parts telescope, so they sum to B − A exactly (up to
// floating-point rounding), whatever the model's interactions; the price is that a part depends
// on the order (with the fleet rung counted, the rental rate moves the total by nothing). An
// input differs when its likely value does (what compute() uses); `model`, `tab` and `currency`
// are not inputs. A part can be 0: the input differs but the metric does not use it. A and B
// share a ladder (A's rungs and keys name the parts).
Comparison compare_scenarios(const Scenario& a, const Scenario& b, Metric m);

// ---- [SECTION] Text ----
// A signed difference in the metric's unit: "+$2.479B", "-1.2M GPU-hours"; percentages in
// points ("+4.2 pts"); "0" for no change; "n/a" when not finite.
std::string difference_text(Metric m, double d);
// What the calculator's static table and aria-live region carry while a scenario is pinned:
// rows "Pinned: <metric>", "Now: <metric>", "Difference", then one per part that moves the
// metric ("<label>: <from> → <to>" = "+$X"), then "Also changed (no effect)" when some do not.
std::vector<Row> comparison_rows(const Comparison& c);
// One sentence for the aria-live region: "Total counted: $2.773B; pinned $294K; difference +$2.479B".
std::string comparison_summary(const Comparison& c);

}  // namespace costbook
