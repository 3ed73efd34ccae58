// costbook core: a scenario — every input of every tab — and its URL encoding
// Index: [SECTION] Keys  [SECTION] Scenario  [SECTION] Encoding
//
// A scenario is written as a query string, `model=deepseek-v3&rate=2&mfu=0.35`. The same
// string is the preset a page embeds (`data-scenario`) and the `#hash` a reader shares.
// Core holds no figures: the site fills a scenario from data/, and a page carries it whole.
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
    // What is counted
    rate, rl_gpu_hours, final_gpu_hours, research_mult, people_usd, fleet_usd,
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
constexpr int kKeyCount = static_cast<int>(Key::count_);

struct KeyInfo {
    const char* name;    // query-string key
    const char* label;   // shown beside a slider
    const char* unit;    // "USD/GPU-hour", "fraction", ...
    double min, max;     // values outside are clamped, with a note
    bool log_scale;      // a slider spanning decades
    bool integer;        // whole numbers only
};
const KeyInfo& key_info(Key k);
std::optional<Key> find_key(std::string_view name);
std::string valid_keys();   // "rate, rl_gpu_hours, …, model, count, tab, currency"

// ---- [SECTION] Scenario ----
struct Scenario {
    std::array<Range, kKeyCount> inputs{};  // every numeric input, point or range
    unsigned rungs = LADDER_ALL;            // ladder rungs counted (`count=rl,final`)
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

// ---- [SECTION] Encoding ----
struct ParsedScenario {
    Scenario scenario;                 // base with every good key applied
    std::vector<Error> errors;         // unknown keys, bad numbers: the key is skipped
    std::vector<std::string> notes;    // clamps: "`mfu` 7 is above 1; clamped to 1"
};
ParsedScenario parse_scenario(std::string_view query, const Scenario& base); // accepts a leading '?' or '#'
std::string write_scenario(const Scenario& s, const Scenario* base = nullptr); // only keys differing from base
std::optional<double> parse_number(std::string_view text);   // "2.5", "147K", "1e6"; nullopt when not a finite number
std::string write_number(double v);                          // shortest text that reads back exactly
std::string rungs_to_text(unsigned rungs);                   // "rl,final" ("none" when empty)

}  // namespace costbook
