// site: a model's seed — the scenario a site's data implies, every input with its source
// Index: [SECTION] Seed  [SECTION] Seeds  [SECTION] Rate  [SECTION] Tabs
#pragma once
#include <string_view>

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
Tabs supported_tabs(const Data& data);   // the tabs of kTabs whose needs the data meets
// What a tab needs from data/, as `costbook help tabs` prints it ("a ladder in data/ladders/").
const char* tab_needs(std::string_view tab);

}  // namespace costbook::site
