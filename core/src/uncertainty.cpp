#include "costbook/uncertainty.h"

#include <algorithm>
#include <cmath>

namespace costbook {

namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Rng rng_seeded(std::uint64_t seed) {
    Rng r;
    for (auto& word : r.s) word = splitmix64(seed);
    return r;
}

std::uint64_t rng_next(Rng& r) {
    std::uint64_t* s = r.s;
    const std::uint64_t result = rotl(s[1] * 5, 7) * 9;
    const std::uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double rng_uniform(Rng& r) { return static_cast<double>(rng_next(r) >> 11) * 0x1.0p-53; }

double sample_triangular(Rng& r, const Range& range) {
    const double a = range.low, c = range.likely, b = range.high;
    const double u = rng_uniform(r);
    if (!(b > a)) return c;
    const double split = (c - a) / (b - a);
    if (u < split) return a + std::sqrt(u * (b - a) * (c - a));
    return b - std::sqrt((1.0 - u) * (b - a) * (b - c));
}

double triangular_cdf(const Range& range, double x) {
    const double a = range.low, c = range.likely, b = range.high;
    if (!(b > a)) return x < c ? 0.0 : 1.0;
    if (x <= a) return 0;
    if (x >= b) return 1;
    if (x <= c) return (x - a) * (x - a) / ((b - a) * (c - a));
    return 1.0 - (b - x) * (b - x) / ((b - a) * (b - c));
}

Percentiles percentiles(std::vector<double>& samples) {
    Percentiles p;
    if (samples.empty()) return p;
    // Nearest rank: the smallest value with at least q of the samples at or below it.
    const auto rank = [&](double q) {
        const size_t k = static_cast<size_t>(std::ceil(q * static_cast<double>(samples.size())));
        return k == 0 ? 0 : k - 1;
    };
    const size_t k10 = rank(0.10), k50 = rank(0.50), k90 = rank(0.90);
    const auto at = [&](size_t k) { return samples.begin() + static_cast<std::ptrdiff_t>(k); };
    // The median first; then P10 is found in the part below it and P90 in the part above.
    std::nth_element(samples.begin(), at(k50), samples.end());
    std::nth_element(samples.begin(), at(k10), at(k50));
    std::nth_element(at(k50) + 1, at(k90), samples.end());
    p.p10 = samples[k10];
    p.p50 = samples[k50];
    p.p90 = samples[k90];
    return p;
}

}  // namespace costbook
