// site: the data a site is built from, as loaded from data/**/*.toml
// Index: [SECTION] Types  [SECTION] Schema  [SECTION] Loading  [SECTION] Lookup
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "costbook/inference.h"
#include "costbook/ladder.h"
#include "costbook/ledger.h"
#include "costbook/scenario.h"
#include "costbook/uncertainty.h"
#include "diag.h"

namespace costbook::site {

// ---- [SECTION] Types ----
struct Where { std::string path; int line = 0, col = 0; };   // where a thing was defined

struct Cite {                 // how a figure is backed
    std::string source;       // source id, "derived", or "" for a pure assumption
    bool assumption = false;  // the page labels it "assumption"
    std::string reason;       // one line: why this value (for a derived figure: from what)
    Where where;              // its `source` key (else its table): where `costbook check` points
};

struct Source {
    std::string id, title, publisher, date, url, kind, covers, read_via;
    Where where;
};

struct Gpu {
    std::string id, name;
    double bf16_flop_per_s = 0, fp8_flop_per_s = 0;  // dense peaks; fp8 0 = no FP8
    double memory_gb = 0, watts = 0, nvlink_gb_per_s = 0;
    Cite spec;
    Range purchase_usd;  Cite purchase;
    Range rental_usd_per_gpu_hour;  Cite rental;
    std::string generation;          // "ampere" or "hopper": a term of the default-MFU fit
    Where where;
    double peak(const std::string& precision) const { return precision == "fp8" ? fp8_flop_per_s : bf16_flop_per_s; }
};

struct Figure {               // a reported figure other than a ledger: an estimate, a bound, a cluster
    std::string label, counts, bound;  // bound: "", "above", "below"
    std::string reading;      // not "": the number is costbook's reading of these words, not a figure the source gave (hatched)
    double cost_usd = 0, cost_usd_low = 0, cost_usd_high = 0;
    double gpus = 0, usd_per_gpu = 0;   // hardware value = gpus × usd_per_gpu
    Cite cite;
    double value_usd() const;           // the figure's point value in USD
};

struct Attention { double layers = 0, heads = 0, head_dim = 0, kv_latent_dim = 0, rope_dim = 0; Cite cite; };

struct Model {
    std::string id, name, developer, released, architecture, base_model, precision, gpu, counts, excludes;
    double params_total = 0, params_active = 0, tokens = 0, gpus = 0;
    Cite cite;
    Ledger ledger;                   // stages as published; empty when none were
    Cite rate;                       // [rate]'s backing: a source, or an assumption with its reason
    std::vector<Figure> figures;
    std::optional<Attention> attention;
    Where where;
};

struct Price {
    std::string id, name, model, note;
    std::string from, until;          // in effect from `from` (YYYY-MM-DD) up to, not including, `until`
    std::string as_of;                // no `until` yet: the latest date a copy of the source shows it (a price's "as of")
    bool reasoning = false;           // the model thinks before answering, billed as output
    std::optional<ApiPrice> usd, cny;
    Cite cite;
    Where where;
    // In effect on a day ("2025-02-15"), or on some day of a month ("2025-02"): from `from` on, before
    // `until`, or, with no `until`, up to `as_of` (after it the price is unknown, not assumed unchanged).
    bool in_effect(const std::string& date) const;
    std::string period_text() const;  // "2025-02-08 to 2025-09-05", "from 2026-08-16, as of 2026-11-15"
};
bool is_price_date(const std::string& date);   // YYYY-MM-DD or YYYY-MM, as `in_effect` takes

struct Fleet {
    std::string id, name;
    double gpus = 0, years = 0, total_usd = 0, opex_usd = 0;
    double capex_usd = 0;     // as the source's text gives it (0 = not given: total − opex)
    std::string total_via;    // not "": how the exact total reached the site, when not from the source's own text
    Cite cite;
    Where where;
};

struct Developer {            // who trained runs (data/developers.toml); the fit is judged on developers it never saw
    std::string id, name;
    Where where;
};

struct Run {                  // a published pre-training run with reported GPU-hours (data/runs/)
    std::string id, name, model, gpu, precision, architecture;   // model: the data/models/ file it came from, if any
    std::string developer;    // a data/developers.toml id: the fit is validated with all of a developer's runs held out
    std::string reported;     // how the hours were published: "gpu-hours", "gpu-hours per trillion tokens", "gpus x days"
    double params_active = 0, params_total = 0, tokens = 0, gpu_hours = 0;   // gpu_hours: as published, or GPUs × days × 24
    std::vector<double> gpus, days;   // for "gpus x days": each phase's GPUs and days, as published
    Cite cite;
    Where where;
    // Resolved at load from the GPU file of the data set the run came from (the site's, or the shipped
    // runs' own), so a shipped run on a GPU the site does not describe still fits.
    std::string gpu_name, gpu_generation;
    double gpu_bf16_flop_per_s = 0;
    bool shipped = false;     // one of costbook's shipped runs (not in the site's data/runs/)
};

struct Task {                 // a typical task, for cost per task (data/tasks.toml); token counts are assumptions
    std::string id, name;
    double input_tokens = 0, reasoning_tokens = 0, output_tokens = 0;   // reasoning: what a reasoning model thinks
    Cite cite;
    Where where;
};

struct Assumption { Key key; Range value; Cite cite; Where where; };

struct LadderRung {           // one [[rung]] of a data/ladders/<id>.toml
    RungSpec spec;            // what core computes with: id, label, key, kind, refs, starts_on
    Range value;              // its value in its kind's unit: GPU-hours, a multiple, USD
    Cite cite;                // its source (a model's ledger, a fleet, or the rung's own), or an assumption
    bool reported = false;    // its GPU-hours are models' published ledgers (`model = ...`)
    bool stated = false;      // its value is the rung's own (`likely`, with a source or as an assumption)
    Where where;
};

struct LadderData {           // a ladder from a headline to a full cost (data/ladders/<id>.toml)
    std::string id;
    std::string to;           // the chart's title reads "From <the first rung's total> to <to>"
    std::string description;  // the chart's description
    std::string note;         // under the chart, after what every ladder chart says
    std::vector<LadderRung> rungs;
    LadderSpec spec;          // the rungs' specs, checked by core
    Where where;
};

struct MonthRate {            // an exchange rate of one month (data/prices/: [[rate]]), for prices published only in USD
    std::string month;        // "2025-01"
    double cny_per_usd = 0;
    Cite cite;
    Where where;
};

struct Fact {                 // a sourced figure prose may cite that no other file holds (data/facts.toml)
    std::string id, unit, note;   // unit: usd, cny, gpu_hours, percent, multiple, count, flop, tokens, params, bytes, hours, flop_per_s, number
    Range value;                  // low/high when the source gives a range
    Cite cite;
    Where where;
};

struct Data {
    std::vector<Source> sources;
    std::vector<Gpu> gpus;
    std::vector<Model> models;      // sorted by id
    std::vector<Price> prices;
    std::vector<Fleet> fleets;
    double cny_per_usd = 0;  Cite exchange;   // the calculator's exchange rate
    std::vector<MonthRate> monthly_rates;     // a price published only in USD converts at its `from` month's rate
    std::vector<Assumption> assumptions;
    std::vector<Fact> facts;
    std::vector<Developer> developers;   // in file order
    std::vector<Run> runs;          // in file order
    std::vector<Task> tasks;        // in file order; the first is the calculator's
    std::vector<std::string> task_prices;   // price ids the task table compares, each on the dates it was in effect
    std::vector<std::string> task_dates;    // the price dates a page's task table offers ("2025-02-15"); the first is open
    std::vector<Cite> cites;        // every figure's backing as loaded, with its position (costbook check reads them)
    std::vector<LadderData> ladders;        // by file name
    std::string default_model, rl_model, default_price;   // rl_model, default_price: "" when the site has none
    std::string default_ladder;     // [defaults] ladder, else the first ladder; "" without ladders
    std::string runs_mode = "add";  // [defaults] runs: "add" (shipped runs + data/runs/) or "replace" (data/runs/ only)
    std::vector<Source> shipped_sources;   // what the shipped runs among `runs` cite (not on the site's sources page)
    int shipped_runs = 0, own_runs = 0;   // how many of `runs` are costbook's shipped runs, and the site's data/runs/
    std::string runs_from() const;  // which runs the fit used, as a page states it: "the 34 published runs costbook ships"

    // ---- [SECTION] Lookup ----
    const Source* source(const std::string& id) const;
    const Gpu* gpu(const std::string& id) const;
    const Model* model(const std::string& id) const;
    const Price* price(const std::string& id) const;
    const Fleet* fleet(const std::string& id) const;
    const Assumption* assumption(Key k) const;
    std::string model_ids() const;   // "claude-3.5-sonnet, deepseek-r1, …" for error messages
    std::string gpu_ids() const;
    std::string price_ids() const;
    const Run* run(const std::string& id) const;
    const Source* run_source(const Run& r) const;   // a shipped run's from shipped_sources, else from sources
    const Developer* developer(const std::string& id) const;
    const Fact* fact(const std::string& id) const;
    const LadderData* ladder(const std::string& id) const;
    std::string ladder_ids() const;
    const MonthRate* rate_for_month(const std::string& month) const;   // "2025-01"; null when data has none
};

// ---- [SECTION] Schema ----
struct DataKey { const char* name; bool required; const char* unit; };   // unit: "" for text and ids
struct DataTable {
    const char* file;       // "data/models/<id>.toml"
    const char* table;      // "" for the file's top level, "[[stages]]", "[rate]"
    const char* holds;      // one line: what it describes
    std::vector<DataKey> keys;
};
extern const std::vector<DataTable> kDataSchema;   // every table the loader reads, in its order
std::vector<std::string_view> data_keys(std::string_view file, std::string_view table);

// The keys whose value is one of a fixed set: the loader rejects any other (with a "did you mean"),
// and `costbook help data` prints them, from this one table, so the two cannot differ.
struct DataValue { std::string value, means; };   // means: "" or a few words ("mixture of experts")
struct DataValues {
    const char* file;       // as in kDataSchema
    const char* table;
    const char* key;        // "architecture"
    std::vector<DataValue> values;
};
extern const std::vector<DataValues> kDataValues;
const DataValues* data_values(std::string_view file, std::string_view table, std::string_view key);   // null: any value
std::string values_text(const DataValues& v);   // "dense or moe (mixture of experts)"
// The allowed value a mistyped one most likely meant ("Dense" -> "dense", "mixture-of-experts" -> "moe"); "" if none.
std::string nearest_value(const DataValues& v, const std::string& typo);
// The inputs a [<input>] table of data/scenario.toml may name (every calculator input), for errors and help.
std::string scenario_input_ids();

// ---- [SECTION] Loading ----
// Reads data_dir/**/*.toml, validates everything, and returns nothing when any problem was
// found (every problem is in diags): nothing is computed from half-loaded data.
// The default MFU is fitted on costbook's shipped runs (the repository's data/runs/ with what they cite,
// embedded in the binary) plus the site's own data/runs/, or on the site's alone with
// [defaults] runs = "replace". A fit on fewer than kMinFitRuns runs by kMinFitDevelopers is an error.
std::optional<Data> load_data(const std::string& data_dir, const std::string& display_prefix, Diagnostics& diags);
// The shipped runs alone, as a data set of their own (its sources, GPUs, models and developers).
std::optional<Data> load_shipped_runs(Diagnostics& diags);
int shipped_run_count();               // how many runs costbook ships (34), for messages
constexpr int kMinFitRuns = 12;        // twice the fit's six terms: fewer leaves its coefficients to the ridge
constexpr int kMinFitDevelopers = 3;   // the interval is leave-one-developer-out: it needs developers to hold out

}  // namespace costbook::site
