// costbook core: the one place figures become text
// Index: [SECTION] Rules  [SECTION] Money  [SECTION] Quantities
//
// ---- [SECTION] Rules ----
// Decided once, tested in tests/core/format_test.cpp:
// - money, GPU-hours, tokens, bytes: 4 significant figures, trailing zeros dropped, then a
//   suffix K / M / B / T (1e3 steps) from 1,000 up: $294K, $5.576M, $2.573B, $0.014, ¥16.
//   Rounding happens before the suffix is chosen, so 999,990 reads $1M, not $1000K.
//   Money below 1,000 with a fraction shows at least cents: $1.10, $0.55, $0.014.
// - FLOP: scientific, 3 significant figures: 3.29e24 FLOP.
// - percent: 3 significant figures: 34.6%, 545%, 1.76%.
// - multiples: 3 significant figures: 20×, 11.1×; thousands separated: 1,200×.
// - counts: integers with thousands separators: 2,048.
// - spans: "low–high" with a unit both ends share said once: 2.492M–4.082M GPU-hours.
// - negative values carry a leading '-'; NaN and infinities print as "n/a", never "nan".
#pragma once
#include <string>

namespace costbook {

// ---- [SECTION] Money ----
std::string format_usd(double usd);                    // "$5.576M", "$294K", "$0.55"
std::string format_usd_added(double usd);              // what a ladder rung adds: 5.576e6 → "+$5.576M", 0 → "+$0", a negative as format_usd
std::string format_cny(double cny);                    // "¥16", "¥2.08M"
std::string format_money(double amount, const std::string& currency); // currency "usd" or "cny"

// ---- [SECTION] Quantities ----
std::string format_sig(double x, int sig_figs);        // 4 → "5.576M"-style without a unit
std::string format_gpu_hours(double gpu_hours);        // "2.788M GPU-hours"
std::string format_flop(double flop);                  // "3.29e24 FLOP"
std::string format_sci(double x, int sig_figs);        // "3.29e24"
std::string format_percent(double fraction);           // 0.346 → "34.6%"
std::string format_signed_percent(double fraction);    // 0.171 → "+17.1%", -0.12 → "-12%", 0 → "0%"
std::string format_multiple(double ratio);             // 19.97 → "20×"
std::string format_count(double n);                    // 2048 → "2,048" (rounded to an integer)
std::string format_tokens(double tokens);              // 14.8e12 → "14.8T tokens"
std::string format_params(double params);              // 37e9 → "37B"
std::string format_bytes(double bytes);                // 70272 → "70.27 KB" (decimal units)
std::string format_duration_hours(double hours);       // 198 → "198 h", 1301 → "54.2 days"
std::string format_flop_per_s(double flop_per_s);      // 989.4e12 → "989.4 TFLOP/s"
// Two formatted ends as one span, the unit said once: "2.492M GPU-hours", "4.082M GPU-hours"
// → "2.492M–4.082M GPU-hours"; "11.3%", "18.5%" → "11.3%–18.5%".
std::string format_span(const std::string& low, const std::string& high);
// One of these texts without its trailing unit word, for prose that names the unit itself:
// "15.6T tokens" → "15.6T", "2.788M GPU-hours" → "2.788M", "3.29e24 FLOP" → "3.29e24", "700 W" → "700",
// "2.492M–4.082M GPU-hours" → "2.492M–4.082M". A sign that is part of the number stays: "$5.576M", "34.6%".
std::string format_without_unit(const std::string& formatted);

}  // namespace costbook
