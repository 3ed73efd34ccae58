#include <doctest/doctest.h>

#include <cmath>

#include "costbook/own.h"

using namespace costbook;

namespace {
OwnInputs example() {
    OwnInputs in;
    in.gpu_price_usd = 30'000;
    in.server_overhead_fraction = 0.5;
    in.amortisation_years = 4;
    in.utilisation_fraction = 0.8;
    in.watts = 700;
    in.host_overhead_fraction = 0.5;
    in.pue = 1.3;
    in.usd_per_kwh = 0.08;
    return in;
}
}  // namespace

TEST_CASE("owning a GPU costs its amortised price plus power per used hour") {
    const OwnCost c = own_cost(example());
    // 45,000 / (4 × 8,760 × 0.8) = 1.60531; 700 × 1.5 × 1.3 / 1000 × 0.08 = 0.1092
    CHECK(c.capex_usd_per_gpu_hour == doctest::Approx(45'000.0 / 28'032.0));
    CHECK(c.power_usd_per_gpu_hour == doctest::Approx(0.1092));
    CHECK(c.usd_per_gpu_hour == doctest::Approx(45'000.0 / 28'032.0 + 0.1092));
}

TEST_CASE("break-even utilisation is where owning costs what renting does") {
    OwnInputs in = example();
    const double u = break_even_utilisation(in, 2.0);
    CHECK(u == doctest::Approx(45'000.0 / (4 * 8760 * (2.0 - 0.1092))));
    in.utilisation_fraction = u;
    CHECK(own_cost(in).usd_per_gpu_hour == doctest::Approx(2.0));
    SUBCASE("when power alone costs more than renting, owning never wins") {
        CHECK(std::isinf(break_even_utilisation(in, 0.05)));
    }
}
