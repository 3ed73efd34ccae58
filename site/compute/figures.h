// site: every number prose may cite by name, computed by core from data, with its source
// Index: [SECTION] Registry
#pragma once
#include <map>
#include <string_view>
#include <string>
#include <vector>

#include "costbook/mfu_model.h"
#include "costbook/scenario.h"
#include "compute/types.h"
#include "load/data.h"

namespace costbook::site {

// ---- [SECTION] Registry ----
// Keys: <model>.total_cost_usd, <model>.total_gpu_hours, <model>.rate, <model>.params_active,
// <model>.params_total, <model>.tokens, <model>.gpus, <model>.flops, <model>.implied_mfu,
// <model>.implied_mfu_fp8, <model>.<stage>.gpu_hours|cost_usd|gpus|wall_hours|gpus_x_hours,
// <model>.figure.<n>, gpu.<id>.bf16|fp8|watts|price|rental|mfu_bf16|mfu_fp8, price.<id>.usd|cny.hit|miss|output,
// fleet.<id>.total_usd|opex_usd|capex_usd|gpus|years, exchange.cny_per_usd,
// ladder.<rung>.add|total and ladder.total (the default ladder, every rung counted),
// ladder.<ladder id>.<rung>.add|total and ladder.<ladder id>.total (every ladder), ladder.reported
// (the rungs that are models' ledgers) and ladder.reported_x (their multiple of the first rung),
// calc.<metric id> (the data's scenario), input.<scenario key> (its starting value; a rung's key too) and
// input.<scenario key>.range ("1×–10×", for inputs given as ranges), kv.mha|mla|mla_share|mha_x,
// fact.<id> (data/facts.toml), mfu.runs|developers|formula|flat|implied.min|implied.max,
// mfu.loo|lodo|flat|flat.lodo.within30|median, mfu.loo|lodo|flat.lodo.coverage (the default-MFU fit).
// `lodo`: leave_one_group_out(run_points(d)), when the caller has it already; computed here otherwise.
//
// A figure exists only when the data it is computed from does: serve.* needs what the serve tab needs
// (tab_needs()), calc.<metric> what its tab needs (and a _cny metric an exchange rate), kv.* a model's
// [attention] and [kv_bytes], exchange.cny_per_usd an [exchange] rate, input.<key> a value from data/
// (data/scenario.toml, a ladder's rung, or the model, GPU, price, fact or task the seed reads it from).
// `needs`, when given, gets each such key this site's data cannot make, with what it needs
// ("[pue] in data/scenario.toml"), for the error where a page or a template names it.
// Every ladder's rung keys are inputs: input.<key> is the default ladder's rung where two ladders share a key.
using FigureNeeds = std::map<std::string, std::string>;   // figure key → what of data/ it needs
FigureRegistry build_figures(const Data& d, const Scenario& base, const Accuracy* lodo = nullptr, FigureNeeds* needs = nullptr);

// Every key form build_figures makes, with its meaning: what `costbook help figures` prints (with an
// example from the site's own registry). A test asserts every key of the shipped sites matches a row,
// and every row a key, so the list cannot drift. `<...>` stands for any id (ids may hold dots).
struct FigureKeyInfo { const char* pattern; const char* meaning; const char* unit; };   // unit: "USD", "GPU-hours", "fraction"
                                                                                     // ... ("" for text, or where the key says: input, fact, calc)
extern const FigureKeyInfo kFigureKeys[];   // ends with {nullptr, nullptr, nullptr}
bool figure_key_matches(std::string_view pattern, std::string_view key);
const FigureKeyInfo* figure_key_info(std::string_view key);   // the first row a key matches (rows run specific to general), or null

// A reported figure's text, the one form every page, chart and command shows: "$79M",
// "over $100M", "under $50", or a range "$20M–$50M".
std::string figure_text(const Figure& f);

}  // namespace costbook::site
