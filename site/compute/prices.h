// site: API prices in either currency, and cost per task on each compared price
// Index: [SECTION] Prices  [SECTION] Tasks
#pragma once
#include <string>
#include <vector>

#include "compute/types.h"
#include "costbook/inference.h"
#include "costbook/serving.h"
#include "load/data.h"

namespace costbook::site {

// ---- [SECTION] Prices ----
// A price in `currency` ("usd" or "cny"): as published, or converted at cny_per_usd.
ApiPrice price_in(const Price& p, const std::string& currency, double cny_per_usd);

// ---- [SECTION] Tasks ----
// Cost per task: each task in data/tasks.toml on each compared price, cache hit and miss.
std::vector<TaskCell> task_table(const Data& d, double cny_per_usd);

}  // namespace costbook::site
