// site: a model's seed — the scenario a site's data implies, every input with its source
// Index: [SECTION] Seed  [SECTION] Seeds  [SECTION] Rate  [SECTION] Tabs
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "compute/types.h"
#include "load/data.h"

namespace costbook::site {

// ---- [SECTION] Seed ----
// Fails (naming the field) when the chosen model, GPU or price is unknown or lacks a figure
// the scenario needs.
Result<Seed> seed(const Data& data, const ScenarioChoice& choice = {});

// ---- [SECTION] Seeds ----
// Every model's seed, with the data's default GPU, precision and price, on every ladder.
Seeds all_seeds(const Data& data);

// ---- [SECTION] Rate ----
// A model's rental rate by the one rule (types.h), on `gpu` (its own when null).
ModelRate model_rate(const Data& data, const Model& m, const Gpu* gpu = nullptr);

// ---- [SECTION] Tabs ----
// A tab is supported when the data meets its needs and every input it shows (core's tab_inputs())
// has data: a source, or a labelled assumption. An input with neither is never shown as 0.
Tabs supported_tabs(const Data& data);   // the tabs of kTabs whose needs the data meets
// What the data lacks for `tab`, as an author adds it ("[pue] and [kwh] in data/scenario.toml"); "": supported.
std::string tab_missing(const Data& data, std::string_view tab);
// What a tab needs from data/, as `costbook help tabs` prints it: the files other than data/scenario.toml,
// then the inputs only data/scenario.toml gives ("a ladder; [decline] and [decline_years] in data/scenario.toml").
std::string tab_needs(std::string_view tab);

}  // namespace costbook::site
