// site: which source in data/ backs each calculator input's starting value
// Index: [SECTION] Sources
#pragma once
#include "base_scenario.h"
#include "costbook/export.h"
#include "data.h"

namespace costbook::site {

// ---- [SECTION] Sources ----
// For the scenario base_scenario(data, choice) builds: each input's source id, "assumption",
// "derived" (the fitted MFU) or "" (a default no file gives, such as 1 GPU). Exported files and a
// page's calculator (data-sources) carry it.
InputSources input_sources(const Data& data, const ScenarioChoice& choice = {});

}  // namespace costbook::site
