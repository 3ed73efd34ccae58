// site/compute/query.h: a query on top of a model's seed, as a page's calculator, `calc
// --scenario`, `--compare` and the exports read one.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "compute/query.h"

using namespace costbook;
using namespace costbook::site;

TEST_CASE("query_model: the model a query names, else the fallback") {
    CHECK(query_model("model=deepseek-r1&rate=2.5") == "deepseek-r1");
    CHECK(query_model("rate=2.5&model=llama-3.1-405b") == "llama-3.1-405b");
    CHECK(query_model("#model=deepseek-r1") == "deepseek-r1");
    CHECK(query_model("rate=2.5", "deepseek-v3") == "deepseek-v3");
    CHECK(query_model("").empty());
    CHECK(query_model("raet=2&model=x", "y") == "x");   // a bad key elsewhere does not hide the model
}

TEST_CASE("apply_query sets the query's keys on the seed and drops the sources of what it changed") {
    const Seed seed = fixture::seeded();
    const Query q = apply_query(seed, "rate=2.5&count=rl,final");
    CHECK(q.errors.empty());
    CHECK(q.notes.empty());
    CHECK(q.scenario.get(Key::rate) == 2.5);
    CHECK(q.scenario.rungs == fixture::rungs({"rl", "final"}));
    const Key final_run = fixture::rung("final");
    CHECK(q.scenario.get(final_run) == seed.scenario.get(final_run));
    CHECK(q.sources[static_cast<int>(Key::rate)].empty());   // changed: no longer the data's figure
    CHECK(q.sources[static_cast<int>(final_run)] == seed.sources[static_cast<int>(final_run)]);
    CHECK(apply_query(seed, "").sources == seed.sources);
}

TEST_CASE("a bad key or number is skipped with an error; an out-of-range value is clamped with a note") {
    const Seed seed = fixture::seeded();
    const Query q = apply_query(seed, "raet=2&rate=abc&mfu=7&gpus=64");
    REQUIRE(q.errors.size() == 2);
    CHECK(q.errors[0].message == "unknown scenario key `raet`");
    CHECK(q.errors[1].message == "`rate` is not a number: `abc`");
    REQUIRE(q.notes.size() == 1);
    CHECK(q.notes[0] == "`mfu` 7 is outside 0.01–1; clamped to 1");
    CHECK(q.scenario.get(Key::rate) == seed.scenario.get(Key::rate));
    CHECK(q.scenario.get(Key::mfu) == 1);
    CHECK(q.scenario.get(Key::gpus) == 64);
}
