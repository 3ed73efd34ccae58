#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "../fixture.h"
#include "costbook/outputs.h"
#include "costbook/uncertainty.h"

using namespace costbook;

namespace {
std::string hex(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%a", v);
    return buf;
}
}  // namespace

TEST_CASE("xoshiro256** from splitmix64 gives the reference stream") {
    // splitmix64(0)'s first output is 0xE220A8397B1DCDAF (Vigna's reference implementation).

    Rng r = rng_seeded(0);
    CHECK(r.s[0] == 0xE220A8397B1DCDAFull);

    Rng a = rng_seeded(kDefaultSeed), b = rng_seeded(kDefaultSeed);
    int same = 0;
    for (int i = 0; i < 1000; ++i) same += rng_next(a) == rng_next(b);
    CHECK(same == 1000);
}

TEST_CASE("uniform draws stay in [0, 1) and average a half") {
    Rng r = rng_seeded(1);
    double sum = 0, lo = 1, hi = 0;
    for (int i = 0; i < 100'000; ++i) {
        const double u = rng_uniform(r);
        lo = std::min(lo, u);
        hi = std::max(hi, u);
        sum += u;
    }
    CHECK(lo >= 0);
    CHECK(hi < 1);
    CHECK(sum / 100'000 == doctest::Approx(0.5).epsilon(0.01));
}

TEST_CASE("triangular samples respect low, likely and high") {
    Rng r = rng_seeded(7);
    const Range range{1, 2, 4};
    std::vector<double> v;
    for (int i = 0; i < 100'000; ++i) v.push_back(sample_triangular(r, range));
    CHECK(*std::min_element(v.begin(), v.end()) >= 1);
    CHECK(*std::max_element(v.begin(), v.end()) <= 4);
    const Percentiles p = percentiles(v);
    // Median of triangular(1, 2, 4): c < (a+b)/2, so b − sqrt((b−a)(b−c)/2) = 4 − sqrt(3).
    CHECK(p.p50 == doctest::Approx(4 - std::sqrt(3.0)).epsilon(0.01));
    CHECK(sample_triangular(r, Range::point(3)) == 3);
}

TEST_CASE("the default scenario's P10/P50/P90 are the same on every run and match stored values") {
    // Stored once from this build (only inputs the ladder depends on are drawn); the wasm
    // build is checked against the same values (tests/wasm/parity.cpp).
    const Scenario s = fixture::scenario();
    REQUIRE(s.has_ranges());
    const Percentiles a = simulate(s, Metric::ladder_total_usd);
    const Percentiles b = simulate(s, Metric::ladder_total_usd);
    CHECK(hex(a.p10) == hex(b.p10));
    CHECK(hex(a.p50) == hex(b.p50));
    CHECK(hex(a.p90) == hex(b.p90));
    CHECK(a.p10 <= a.p50);
    CHECK(a.p50 <= a.p90);
    CHECK(a.p10 == doctest::Approx(2728185121.162206).epsilon(1e-12));
    CHECK(a.p50 == doctest::Approx(2800086088.8957515).epsilon(1e-12));
    CHECK(a.p90 == doctest::Approx(2895483696.3941345).epsilon(1e-12));
    CHECK(metric_text(Metric::ladder_total_usd, a.p10) == "$2.728B");
    CHECK(metric_text(Metric::ladder_total_usd, a.p50) == "$2.8B");
    CHECK(metric_text(Metric::ladder_total_usd, a.p90) == "$2.895B");
    SUBCASE("a different seed moves the band, a little") {
        const Percentiles c = simulate(s, Metric::ladder_total_usd, kDefaultSamples, 1);
        CHECK(c.p50 != a.p50);
        CHECK(c.p50 == doctest::Approx(a.p50).epsilon(0.01));
    }
}

TEST_CASE("a scenario without ranges has a zero-width band at its value") {
    Scenario s = fixture::scenario();
    for (Range& r : s.inputs) r = Range::point(r.likely);
    const Percentiles p = simulate(s, Metric::ladder_total_usd);
    CHECK(p.p10 == p.p90);
    CHECK(p.p50 == compute(s).ladder.total_usd);
}

TEST_CASE("triangular_cdf() is the share of draws at or below a value") {
    const Range r{1, 2, 4};
    CHECK(triangular_cdf(r, 0.5) == 0);
    CHECK(triangular_cdf(r, 4) == 1);
    CHECK(triangular_cdf(r, 2) == doctest::Approx(1.0 / 3));   // (c - a) / (b - a)
    Rng rng = rng_seeded(kDefaultSeed);
    int below = 0;
    for (int i = 0; i < 20000; ++i) below += sample_triangular(rng, r) <= 3 ? 1 : 0;
    CHECK(below / 20000.0 == doctest::Approx(triangular_cdf(r, 3)).epsilon(0.02));
    CHECK(triangular_cdf(Range::point(3), 2) == 0);
    CHECK(triangular_cdf(Range::point(3), 3) == 1);
}
