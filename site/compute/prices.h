// site: API prices in either currency, and cost per task on each compared price
// Index: [SECTION] Prices  [SECTION] Tasks
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "compute/types.h"
#include "costbook/inference.h"
#include "costbook/serving.h"
#include "load/data.h"

namespace costbook::site {

// ---- [SECTION] Prices ----
// A price in `currency` ("usd" or "cny"): as published, or converted at cny_per_usd (the calculator's rate).
ApiPrice price_in(const Price& p, const std::string& currency, double cny_per_usd);

// A price in yuan as a page shows it: as published, else its USD at the exchange rate of the month
// it took effect (data/prices/: [[rate]]); nullopt when neither exists: the page says so, it guesses nothing.
struct Yuan {
    ApiPrice cny;
    bool published = false;          // DeepSeek-style CNY list; false = converted at `rate`
    const MonthRate* rate = nullptr; // the month's rate, when converted
};
std::optional<Yuan> yuan_of(const Data& d, const Price& p);
// "USD price × 7.2957 CNY per USD (January 2025, fred-exchus)": what a converted yuan figure is derived from.
std::string conversion_text(const MonthRate& m);

// ---- [SECTION] Tasks ----
// Cost per task: each task in data/tasks.toml on each compared price in effect on `date`
// (Price::in_effect; "" = every compared price), cache hit and miss, in USD and in yuan where known.
std::vector<TaskCell> task_table(const Data& d, const std::string& date = "");

}  // namespace costbook::site
