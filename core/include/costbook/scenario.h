// costbook core: a scenario — every input of every tab — and its URL encoding
// Index: [SECTION] Keys  [SECTION] Scenario  [SECTION] Inputs  [SECTION] Encoding
//
// A scenario is written as a query string, `model=deepseek-v3&rate=2&mfu=0.35`. The same
// string is the preset a page embeds (`data-scenario`) and the `#hash` a reader shares.
// Core holds no figures: the site fills a scenario from data/, and a page carries it whole.
//
// Inputs are the fixed keys below and, after them, one per rung of the scenario's ladder: a rung's
// value is read and written under the key its ladder gives it (`final_gpu_hours=2.788M`), so
// each site's ladder has its own keys. The ladder itself (labels, kinds) travels beside the query,
// in a page's `data-ladder` (ladder.h's write_ladder()); the query names it by id (`ladder=llama`),
// so a scenario copied off a page, or out of a download, says which ladder its keys are from.
//
// Values: plain numbers (`2.5`, `1e6`), suffixed (`147K`, `2.788M`, `2.573B`, `1T`), or a
// range `low~likely~high` (`1.5~2~3`; `1.5~3` takes the midpoint as likely).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "costbook/ladder.h"
#include "costbook/result.h"
#include "costbook/uncertainty.h"

namespace costbook {

// ---- [SECTION] Keys ----
enum class Key : int {
    // What is counted: the rental rate (the ladder's rungs add their own keys, below)
    rate,
    // From first principles
    params, tokens, peak, mfu, gpus,
    // Rent or own
    gpu_price, server_overhead, years, util, watts, host_overhead, pue, kwh,
    // RL: GRPO vs PPO
    rl_params, rl_prompts, rl_group, rl_sample_tokens, gen_mfu, value_ratio,
    // Inference
    in_mtok, out_mtok, hit, price_hit, price_miss, price_out, cny_per_usd,
    kv_layers, kv_heads, kv_head_dim, kv_latent, kv_rope, kv_bytes,
    // Serving: a day of an inference fleet
    serve_nodes, node_gpus, serve_in_btok, serve_out_btok, billed, prefill_tps, decode_tps,
    // Cost per task
    task_in, task_think, task_out,
    // Over time
    decline, decline_years,
    count_
};
constexpr int kKeyCount = static_cast<int>(Key::count_);       // the fixed inputs
constexpr int kInputCount = kKeyCount + kMaxRungs;             // and one slot per ladder rung
constexpr Key rung_key(int rung) { return static_cast<Key>(kKeyCount + rung); }   // rung i's value
constexpr int key_rung(Key k) {                                 // the rung whose value k is, or -1
    return static_cast<int>(k) >= kKeyCount && static_cast<int>(k) < kInputCount ? static_cast<int>(k) - kKeyCount : -1;
}

struct KeyInfo {
    const char* name;    // query-string key
    const char* label;   // shown beside a slider
    const char* unit;    // "USD/GPU-hour", "fraction", ...
    double min, max;     // values outside are clamped, with a note
    bool log_scale;      // a slider spanning decades
    bool integer;        // whole numbers only
};
const KeyInfo& key_info(Key k);                      // a fixed key (a rung slot gets a placeholder: use input_info)
std::optional<Key> find_key(std::string_view name);  // fixed keys only
std::string valid_keys();   // "rate, params, …, model, count, tab, currency": a scenario without a ladder

// ---- [SECTION] Scenario ----
struct Scenario {
    std::array<Range, kInputCount> inputs{};  // every numeric input, point or range; rung i's at rung_key(i)
    LadderSpec ladder;                      // the rungs of What is counted, from the site's data
    unsigned rungs = ~0u;                   // ladder rungs counted, bit i = rung i (`count=rl,final`)
    std::string model;                      // model id the estimate is about
    std::string tab;                        // calculator tab to open: one of kTabs
    std::string currency = "usd";           // "usd" or "cny"

    double get(Key k) const { return inputs[static_cast<int>(k)].likely; }
    const Range& range(Key k) const { return inputs[static_cast<int>(k)]; }
    void set(Key k, double v) { inputs[static_cast<int>(k)] = Range::point(v); }
    void set_range(Key k, Range r) { inputs[static_cast<int>(k)] = r; }
    bool has_ranges() const;
    bool operator==(const Scenario& o) const;
};

constexpr int kTabCount = 8;
extern const char* const kTabs[kTabCount];   // counted, estimate, own, rl, inference, serve, task, time
std::string tab_ids();                       // "counted, estimate, …, time" for help lines

// ---- [SECTION] Inputs ----
// The fixed keys and the ladder's rungs together, as every function that lists inputs sees them.
bool has_input(const Scenario& s, Key k);            // a fixed key, or the slot of one of s's rungs
KeyInfo input_info(const Scenario& s, Key k);        // key_info(k), or the rung's key and label with its kind's unit
                                                     // and limits (pointers into s.ladder: s must outlive it)
std::optional<Key> find_input(const Scenario& s, std::string_view name);   // a fixed key or one of s's rung keys
// Inputs in the calculator's order: What is counted (the rate, then each rung's value), then the
// other tabs' keys in Key order. Queries, exports and comparisons list them so.
std::vector<Key> input_keys(const Scenario& s);
std::string valid_keys(const Scenario& s);           // valid_keys() with s's rung keys after `rate`, and `ladder`

// ---- [SECTION] Encoding ----
struct ParsedScenario {
    Scenario scenario;                 // base with every good key applied
    std::vector<Error> errors;         // unknown keys, bad numbers: the key is skipped
    std::vector<std::string> notes;    // clamps: "`mfu` 7 is above 1; clamped to 1"
    std::string ladder;                // the ladder id `ladder=` names, "" when none (read even when it is
                                       // not base's: the site seeds that ladder, then parses on it)
};
// Accepts a leading '?' or '#'. `ladder=<id>` must name base's ladder: core cannot swap a ladder (its
// rungs come from the site's data), so the caller reads `ladder` first and parses on that ladder.
// A `count=` rung or a key that base's ladder does not have is an error naming base's ladder and its
// rungs (field "count" or the key); the site adds which of its other ladders has it.
ParsedScenario parse_scenario(std::string_view query, const Scenario& base);
// Only keys differing from base. Without a base every word is written, `ladder=<id>` after `model`
// when s has a ladder, so that the query alone reproduces s on a site that has the ladder.
std::string write_scenario(const Scenario& s, const Scenario* base = nullptr);
std::optional<double> parse_number(std::string_view text);   // "2.5", "147K", "1e6"; nullopt when not a finite number
std::string write_number(double v);                          // shortest text that reads back exactly
std::string rungs_to_text(const LadderSpec& ladder, unsigned rungs);   // "rl,final" ("none" when empty)
std::vector<std::string_view> split_query(std::string_view query);    // the `&`-separated parts, in order (no
                                                                      // trailing empty part): every query reader's loop

// A calculator's share link: what follows `#<figure id>:` in a page's URL. `v=1&rate=3&pin=rate%3D2`:
// `v` the link format's version, written first (a link without one is from before versions, read
// as version 1); the scenario as write_scenario() relative to the page's; `pin` the pinned
// scenario (Pin), the same form percent-encoded. A link from a newer version still applies what
// this one knows, with a note.
constexpr int kLinkVersion = 1;
struct ParsedLink {
    ParsedScenario now;                // the scenario the link shows
    bool pinned = false;               // it carries a pinned scenario
    ParsedScenario pin;                // ... this one (its errors and notes say "pinned: ")
    int version = kLinkVersion;
};
ParsedLink parse_link(std::string_view payload, const Scenario& base);
std::string write_link(const Scenario& s, const Scenario* pin, const Scenario& base);  // "" for base, unpinned

}  // namespace costbook
