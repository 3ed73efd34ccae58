// site/compute/prices.h: a price in either currency, and cost per task on each compared price.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "compute/prices.h"

using namespace costbook;
using namespace costbook::site;

TEST_CASE("a price is as published in its currency, else converted at the exchange rate") {
    Price both;
    both.usd = ApiPrice{0.14, 0.55, 2.19};
    both.cny = ApiPrice{1, 4, 16};
    CHECK(price_in(both, "usd", 7.27).output_per_mtok == 2.19);
    CHECK(price_in(both, "cny", 7.27).output_per_mtok == 16);   // published, not 2.19 × 7.27
    Price usd_only;
    usd_only.usd = ApiPrice{0.5, 1.1, 4.4};
    CHECK(price_in(usd_only, "cny", 7.0).input_miss_per_mtok == doctest::Approx(7.7));
    Price cny_only;
    cny_only.cny = ApiPrice{1, 2, 8};
    CHECK(price_in(cny_only, "usd", 8.0).output_per_mtok == doctest::Approx(1.0));
}

TEST_CASE("the task table has each task on each compared price; a reasoning model also bills its thinking") {
    const Data& d = fixture::data();
    const std::vector<TaskCell> cells = task_table(d, d.cny_per_usd);
    REQUIRE(cells.size() == d.tasks.size() * d.task_prices.size());
    for (const TaskCell& c : cells) {
        CAPTURE(c.task->id + " on " + c.price->id);
        const double thinking = c.price->reasoning ? c.task->reasoning_tokens : 0;
        CHECK(c.output_tokens == c.task->output_tokens + thinking);
        CHECK(c.usd_hit.total <= c.usd_miss.total);
        CHECK(c.cny_miss.total > c.usd_miss.total);   // more yuan than dollars
    }
}
