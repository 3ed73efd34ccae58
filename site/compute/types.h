// site: what compute resolves once per build, for rendering and the verbs to read
// Index: [SECTION] Figures  [SECTION] Seeds  [SECTION] Rate  [SECTION] Tabs  [SECTION] Tasks
//
// The types only: the functions that resolve them from data/ are in compute/scenario.h,
// figures.h, fit.h and prices.h, which render/ never includes (render reads these results
// through render/context.h).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "costbook/export.h"
#include "costbook/inference.h"
#include "costbook/result.h"
#include "costbook/scenario.h"
#include "load/data.h"

namespace costbook::site {

// ---- [SECTION] Figures ----
struct Fig {
    double value = 0;         // the raw number (0 for text-only figures)
    std::string text;         // formatted by core: "$5.576M"
    std::string source;       // source id, "derived", or "" for an assumption
    bool assumption = false;
    std::string reason;       // for assumptions (and derived figures: from what)
    std::string dated;        // a dated figure (an API price): its period, "2025-02-08 to 2025-09-05", shown beside it
    std::string unit;         // what `value` counts: "USD", "GPU-hours", "fraction" (0-1), core's input units; "" for text
};
// Every number prose may cite by name; the keys are listed in compute/figures.h.
using FigureRegistry = std::map<std::string, Fig>;

// ---- [SECTION] Seeds ----
struct ScenarioChoice {
    std::string model;      // "" = data's default model
    std::string gpu;        // "" = the model's GPU
    std::string precision;  // "" = the model's precision
    std::string price;      // "" = data's default price
    std::string ladder;     // "" = data's default ladder
};

// Every calculator input filled from data/, and beside each the source id it came from:
// a source id, "assumption", "derived" (the fitted MFU) or "" (a default no file gives, such as
// 1 GPU). Exported files and a page's calculator (data-sources) carry the sources.
struct Seed {
    Scenario scenario;
    InputSources sources;
    std::map<Key, Cite> assumed;   // the inputs whose value a file gives as an assumption, with its reason
};

// Every model's seed (with the data's default GPU, precision and price) on every ladder, resolved
// once per build. A model whose seed fails is absent, with its error in `errors`.
struct Seeds {
    std::map<std::string, Seed> by_model;                             // on the default ladder
    std::map<std::pair<std::string, std::string>, Seed> by_ladder;    // (model, ladder) for the other ladders
    std::map<std::string, Error> errors;
    std::string default_model, default_ladder;
    // "" = the default model, the default ladder; null when absent
    const Seed* find(const std::string& model, const std::string& ladder = {}) const {
        const std::string m = model.empty() ? default_model : model;
        if (!ladder.empty() && ladder != default_ladder) {
            const auto it = by_ladder.find({m, ladder});
            return it == by_ladder.end() ? nullptr : &it->second;
        }
        const auto it = by_model.find(m);
        return it == by_model.end() ? nullptr : &it->second;
    }
};

// ---- [SECTION] Rate ----
// The one rule for a model's rental rate, on its page, in the comparisons and in `estimate`: the
// rate its developer published with its ledger, else its GPU's likely rental rate (data/gpus/).
struct ModelRate {
    double usd_per_gpu_hour = 0;
    std::string source;       // the source id behind it
    bool published = false;   // the developer's own rate
    std::string rule;         // the rule as a page states it: "the NVIDIA H100 SXM's likely rental rate, since Meta published none"
    bool assumption = false;  // the rate is an assumption (the model's [rate] or its GPU's rental range): no source to link
    std::string reason;       // then, why
};

// ---- [SECTION] Tabs ----
// The calculator tabs a site's data supports: counted with a ladder, own with [years] and [util] in
// data/scenario.toml, rl with an RL model, inference with an API price, serve with a published
// serving day and a price, task with tasks and a price, time with a ladder and a [decline]; estimate always.
using Tabs = std::vector<std::string>;

// ---- [SECTION] Tasks ----
// One task of data/tasks.toml on one compared price, all input a cache miss or all a hit.
struct TaskCell {
    const Task* task;
    const Price* price;
    double output_tokens;              // reasoning (for a reasoning model) + answer
    ApiCost usd_miss, usd_hit, cny_miss, cny_hit;
    bool cny_known = false;            // false: no yuan list and no rate for the price's month (cny_* are 0)
    bool cny_published = false;        // the yuan are the published list, not a conversion
};

}  // namespace costbook::site
