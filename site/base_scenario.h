// site: the scenario a site's data implies — every calculator input, filled from data/
// Index: [SECTION] Base
#pragma once
#include <string>

#include "costbook/result.h"
#include "costbook/scenario.h"
#include "data.h"

namespace costbook::site {

// ---- [SECTION] Base ----
struct ScenarioChoice {
    std::string model;      // "" = data's default model
    std::string gpu;        // "" = the model's GPU
    std::string precision;  // "" = the model's precision
    std::string price;      // "" = data's default price
};

// Fails (naming the field) when the chosen model, GPU or price is unknown or lacks a figure
// the scenario needs.
Result<Scenario> base_scenario(const Data& data, const ScenarioChoice& choice = {});

}  // namespace costbook::site
