// What serving costs and cost per task: DeepSeek's published day reproduced from its inputs.
#include <doctest/doctest.h>

#include "../fixture.h"
#include "compute/prices.h"
#include "costbook/format.h"
#include "costbook/outputs.h"
#include "costbook/serving.h"

using namespace costbook;

namespace {
double fact(const char* id) { return fixture::data().fact(id)->value.likely; }
}  // namespace

TEST_CASE("the published serving day: cost, revenue at R1 prices and the 545% margin, from nodes and tokens") {
    const Scenario s = fixture::scenario();
    const Serving v = compute(s).serving;
    // Cost: nodes × 8 GPUs × $2 × 24 h is DeepSeek's $87,072 to the dollar.
    CHECK(v.cost_usd == doctest::Approx(fact("serving-cost-per-day")).epsilon(1e-9));
    // Revenue: 608B input (56.3% hits) and 168B output at R1 prices; DeepSeek's token counts are rounded.
    CHECK(v.revenue.total == doctest::Approx(fact("serving-revenue-per-day")).epsilon(0.001));
    CHECK(format_percent(v.cost_profit_margin) == format_percent(fact("serving-margin")));
    CHECK(format_percent(v.gross_margin) == format_percent(fact("serving-gross-margin")));
    // The published per-node throughput accounts for the whole day of node time.
    CHECK(v.busy_fraction == doctest::Approx(1.0).epsilon(0.01));
    CHECK(v.usd_per_mtok == doctest::Approx(v.cost_usd / (fact("serving-input-tokens") + fact("serving-output-tokens")) * 1e6));
}

TEST_CASE("billing a smaller share of tokens lowers revenue in proportion and can turn the margin negative") {
    Scenario s = fixture::scenario();
    const Serving full = compute(s).serving;
    s.set(Key::billed, 0.5);
    const Serving half = compute(s).serving;
    CHECK(half.revenue.total == doctest::Approx(full.revenue.total / 2));
    CHECK(half.cost_usd == full.cost_usd);
    s.set(Key::billed, 0.1);
    CHECK(compute(s).serving.profit_usd < 0);
    CHECK(compute(s).serving.cost_profit_margin < 0);
}

TEST_CASE("a task bills reasoning as output; cache hits only change the input") {
    const ApiPrice p{0.14, 0.55, 2.19};   // data/prices/api.toml deepseek-reasoner, via the scenario below
    const TaskTokens t{200, 8000, 500};
    const ApiCost miss = task_cost(t, 0, p), hit = task_cost(t, 1, p);
    CHECK(miss.output == doctest::Approx(8500 / 1e6 * p.output_per_mtok));
    CHECK(miss.input_miss == doctest::Approx(200 / 1e6 * p.input_miss_per_mtok));
    CHECK(hit.input_hit == doctest::Approx(200 / 1e6 * p.input_hit_per_mtok));
    CHECK(hit.output == miss.output);
    CHECK(hit.total < miss.total);
    // The default scenario is R1's price on the first task in data/tasks.toml, thinking included.
    const Scenario s = fixture::scenario();
    const auto& task = fixture::data().tasks.front();
    CHECK(s.get(Key::task_think) == task.reasoning_tokens);
    CHECK(s.get(Key::price_out) == fixture::data().price("deepseek-reasoner")->usd->output_per_mtok);
    CHECK(compute(s).task_usd.total ==
          doctest::Approx(task_cost({task.input_tokens, task.reasoning_tokens, task.output_tokens}, s.get(Key::hit),
                                    {s.get(Key::price_hit), s.get(Key::price_miss), s.get(Key::price_out)}).total));
}

TEST_CASE("the task table: a chat model spends no reasoning tokens, yuan prices are the published ones") {
    const auto& d = fixture::data();
    const auto table = costbook::site::task_table(d);
    REQUIRE(table.size() == d.tasks.size() * d.task_prices.size());
    for (const auto& c : table) {
        CHECK(c.output_tokens == (c.price->reasoning ? c.task->reasoning_tokens : 0) + c.task->output_tokens);
        CHECK(c.usd_hit.total <= c.usd_miss.total);
        CHECK(c.cny_published == c.price->cny.has_value());
        if (c.price->cny)
            CHECK(c.cny_miss.output == doctest::Approx(c.output_tokens / 1e6 * c.price->cny->output_per_mtok));
    }
}
