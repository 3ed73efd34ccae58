// site/compute/prices.h: a price in either currency, its yuan as a page shows them, and cost per task
// on the compared prices in effect on a date.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "../../fixture.h"
#include "compute/prices.h"
#include "costbook/format.h"

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

TEST_CASE("a page's yuan are the published list, else the USD at the rate of the price's month, else none") {
    const Data& d = fixture::data();
    SUBCASE("a price with a yuan list shows it as published") {
        const Price& r1 = *d.price("deepseek-reasoner");
        const auto y = yuan_of(d, r1);
        REQUIRE(y);
        CHECK(y->published);
        CHECK(y->cny.output_per_mtok == r1.cny->output_per_mtok);
    }
    SUBCASE("a price published only in dollars converts at its from-month's rate, not the calculator's") {
        const Price& o3 = *d.price("o3-mini");
        REQUIRE(!o3.cny);
        const MonthRate* jan = d.rate_for_month(o3.from.substr(0, 7));
        REQUIRE(jan);
        CHECK(jan->cny_per_usd != d.cny_per_usd);
        const auto y = yuan_of(d, o3);
        REQUIRE(y);
        CHECK_FALSE(y->published);
        CHECK(y->rate == jan);
        CHECK(y->cny.output_per_mtok == doctest::Approx(o3.usd->output_per_mtok * jan->cny_per_usd));
        CHECK(conversion_text(*jan) == "USD price × " + format_sig(jan->cny_per_usd, 5) + " CNY per USD, the " + jan->month +
                                           " average (" + jan->cite.source + ")");
    }
    SUBCASE("with no yuan list and no rate for its month there is no yuan figure to guess") {
        for (const Price& p : d.prices)
            if (!p.cny && !d.rate_for_month(p.from.substr(0, 7))) CHECK_MESSAGE(!yuan_of(d, p), p.id);
    }
}

TEST_CASE("the task table has each task on each compared price; a reasoning model also bills its thinking") {
    const Data& d = fixture::data();
    const std::vector<TaskCell> cells = task_table(d);
    REQUIRE(cells.size() == d.tasks.size() * d.task_prices.size());
    for (const TaskCell& c : cells) {
        CAPTURE(c.task->id + " on " + c.price->id);
        const double thinking = c.price->reasoning ? c.task->reasoning_tokens : 0;
        CHECK(c.output_tokens == c.task->output_tokens + thinking);
        CHECK(c.usd_hit.total <= c.usd_miss.total);
        CHECK(c.cny_known == yuan_of(d, *c.price).has_value());
        if (c.cny_known) CHECK(c.cny_miss.total > c.usd_miss.total);   // more yuan than dollars
        else CHECK(c.cny_miss.total == 0);
    }
}

TEST_CASE("on a price date the task table keeps the compared prices in effect that day or that month") {
    const Data& d = fixture::data();
    REQUIRE(!d.task_dates.empty());
    for (const std::string& date : d.task_dates) {
        CAPTURE(date);
        const std::vector<TaskCell> cells = task_table(d, date);
        CHECK_FALSE(cells.empty());   // every date the page offers has prices
        std::set<std::string> shown;
        for (const TaskCell& c : cells) {
            CHECK(c.price->in_effect(date));
            shown.insert(c.price->id);
        }
        for (const std::string& id : d.task_prices) CHECK(shown.count(id) == static_cast<size_t>(d.price(id)->in_effect(date)));
    }
    // A month keeps every price in effect on any of its days: the V3 promotion ended in February 2025.
    CHECK(d.price("deepseek-chat-promo")->in_effect("2025-02"));
    CHECK(d.price("deepseek-chat")->in_effect("2025-02"));
    CHECK_FALSE(d.price("deepseek-chat-promo")->in_effect("2025-02-15"));
}
