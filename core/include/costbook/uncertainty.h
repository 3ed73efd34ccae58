// costbook core: ranges and seeded sampling
// Index: [SECTION] Range  [SECTION] Generator  [SECTION] Percentiles
//
// Sampling is written out here (xoshiro256** seeded by splitmix64, inverse-CDF transforms)
// and never uses <random>'s distributions, whose output differs between libstdc++ (native)
// and libc++ (Emscripten): the page and the calculator must print the same P10/P50/P90.
#pragma once
#include <cstdint>
#include <vector>

namespace costbook {

// ---- [SECTION] Range ----
struct Range {
    double low = 0, likely = 0, high = 0;   // a point value has all three equal
    static Range point(double v) { return {v, v, v}; }
    bool is_range() const { return low != high; }
    bool operator==(const Range& o) const { return low == o.low && likely == o.likely && high == o.high; }
    bool operator!=(const Range& o) const { return !(*this == o); }
    Range scaled(double f) const { return {low * f, likely * f, high * f}; }   // f ≥ 0
};

// ---- [SECTION] Generator ----
struct Rng { std::uint64_t s[4]; };
Rng rng_seeded(std::uint64_t seed);        // state from splitmix64(seed)
std::uint64_t rng_next(Rng& r);            // xoshiro256**
double rng_uniform(Rng& r);                // [0, 1), 53 random bits
double sample_triangular(Rng& r, const Range& range);  // low/likely/high, inverse CDF
double triangular_cdf(const Range& range, double x);     // P(draw <= x) of that distribution, 0..1

// ---- [SECTION] Percentiles ----
struct Percentiles { double p10 = 0, p50 = 0, p90 = 0; };
Percentiles percentiles(std::vector<double>& samples);  // nearest rank; reorders samples
constexpr std::uint64_t kDefaultSeed = 20250917;         // the Nature paper's date; any fixed seed
constexpr int kDefaultSamples = 100000;

}  // namespace costbook
