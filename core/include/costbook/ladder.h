// costbook core: what is counted — a ladder from a headline to a full cost, declared by the author
// Index: [SECTION] Kinds  [SECTION] Spec  [SECTION] Types  [SECTION] Totals  [SECTION] Encoding
//
// Core knows no model: a site declares its ladder in data (data/ladders/<id>.toml) and passes it
// here as a LadderSpec, rungs in order. Core keeps the arithmetic, one rule per kind of rung. Each
// rung reads one value (its scenario key, `final_gpu_hours`): GPU-hours at the scenario's rental
// rate, a multiple of earlier rungs, a fixed amount, or an amount that stands in for earlier rungs
// (what owning a fleet cost, replacing the rented compute it did). Rungs switch on and off as
// flags, bit i for rung i, as md4c's MD_FLAG_*.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "costbook/result.h"

namespace costbook {

// ---- [SECTION] Kinds ----
enum class RungKind : int {
    gpu_hours,   // value: GPU-hours, priced at the scenario's rental rate
    multiple,    // value: a multiple of the rungs in `refs` (their own cost, counted or not)
    fixed,       // value: an amount in USD
    stands_in,   // value: an amount in USD that replaces the counted rungs in `refs`
    count_
};
constexpr int kRungKindCount = static_cast<int>(RungKind::count_);
const char* rung_kind_id(RungKind k);                     // "gpu_hours", "multiple", "fixed", "stands_in"
std::optional<RungKind> find_rung_kind(std::string_view id);
std::string rung_kind_ids();                              // "gpu_hours, multiple, fixed, stands_in"

// ---- [SECTION] Spec ----
constexpr int kMaxRungs = 8;   // a ladder has at most this many rungs (bits of a scenario's `rungs`)

struct RungSpec {
    std::string id;            // what `count=` names: "final"
    std::string label;         // what every page and the calculator call it: from data
    std::string key;           // the scenario key of its value: "final_gpu_hours"
    RungKind kind = RungKind::fixed;
    unsigned refs = 0;         // multiple: the rungs it multiplies; stands_in: those it replaces (earlier rungs only)
    bool starts_on = true;     // counted in the scenario a page starts from
    std::vector<std::string> aliases;   // keys it had before: links written with one still read as `key`
    bool operator==(const RungSpec& o) const;
};

struct LadderSpec {
    std::string id;                 // "deepseek": data/ladders/<id>.toml
    std::vector<RungSpec> rungs;    // in order, at most kMaxRungs
    int size() const { return static_cast<int>(rungs.size()); }
    unsigned all() const {                                  // every rung
        return rungs.empty() ? 0u : rungs.size() >= 32 ? ~0u : (~0u >> (32 - rungs.size()));
    }
    unsigned starting() const;      // the rungs that start on
    int find(std::string_view rung_id) const;    // index, or -1
    int find_key(std::string_view key) const;    // the rung whose value `key` is (or an alias of it), or -1
    std::string ids() const;                     // "rl, final, research" for help lines
    bool operator==(const LadderSpec& o) const { return id == o.id && rungs == o.rungs; }
    bool operator!=(const LadderSpec& o) const { return !(*this == o); }
};
// The rung's spec is consistent: kinds known, refs to earlier rungs only, keys and ids unique and
// well-formed, at most kMaxRungs. The site reports the same problems at file:line:col.
Result<LadderSpec> check_ladder(LadderSpec spec);

// ---- [SECTION] Types ----
struct LadderInputs {
    const LadderSpec* spec = nullptr;
    double usd_per_gpu_hour = 0;                 // the rental rate of gpu_hours rungs
    std::array<double, kMaxRungs> values{};      // each rung's value, in its kind's unit
};

struct LadderStep {
    bool on = false;          // the rung is counted
    double gpu_hours = 0;     // the rented compute it stands for on its own (0 for amounts)
    double cost_usd = 0;      // what it costs on its own, counted or not
    double add_usd = 0;       // what it adds when counted (stands_in: may be less than what it replaces)
    double total_usd = 0;     // running total after this rung
    int stood_in_by = -1;     // a counted stands_in rung that replaces this one, or -1
};

struct Ladder {
    std::array<LadderStep, kMaxRungs> steps{};   // in rung order; the first `size` are used
    int size = 0;
    double total_usd = 0;                        // what the counted rungs add up to
};

// ---- [SECTION] Totals ----
Ladder compute_ladder(const LadderInputs& in, unsigned rungs);    // allocation-free
double ladder_total_usd(const LadderInputs& in, unsigned rungs);  // compute_ladder(in, rungs).total_usd

// ---- [SECTION] Encoding ----
// A spec as one line of text, the form a page's calculator carries in `data-ladder`:
// `<id>;<rung>;<rung>…`, a rung `<id>:<kind>:<key>:<refs as ids, comma-separated>:<on|off>:<label>`,
// the key field followed by the rung's aliases, comma-separated (`people_usd,staff_usd`),
// the label percent-encoded where it holds `%`, `;`, `:` or a control character.
std::string write_ladder(const LadderSpec& spec);
// `%`, control characters and those in `reserved` as %XX (labels here, a pinned scenario in a link).
std::string percent_encode(std::string_view s, std::string_view reserved);
Result<LadderSpec> parse_ladder(std::string_view text);   // checked as check_ladder() does

}  // namespace costbook
