#include <doctest/doctest.h>

#include "costbook/decline.h"
#include "costbook/format.h"

using namespace costbook;

TEST_CASE("a 75% annual decline is 4x a year") {
    CHECK(decline_factor(0.75, 1) == doctest::Approx(0.25));
    CHECK(cost_after_years(5'576'000, 0.75, 2) == doctest::Approx(5'576'000 / 16.0));
    CHECK(format_usd(cost_after_years(5'576'000, 0.75, 1)) == "$1.394M");
    CHECK(cost_after_years(100, 0.0, 10) == 100);
    CHECK(cost_after_years(100, 0.5, 0) == 100);
}
