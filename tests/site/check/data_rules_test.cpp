// site/check/data_rules.h: the rules `costbook check` applies to the data behind the figures, each
// problem at the place in data/ it is about.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "check/data_rules.h"

using namespace costbook::site;

namespace {
// The shipped data as cmd/check.cpp hands it to the rules.
DataToCheck shipped() {
    const Data& d = fixture::data();
    DataToCheck out;
    for (const Cite& c : d.cites) out.cites.push_back({c.source, c.reason, {c.where.path, c.where.line, c.where.col}});
    for (const Source& s : d.sources) out.sources.push_back({s.id, s.url, s.kind, {s.where.path, s.where.line, s.where.col}});
    for (const Price& p : d.prices) out.prices.push_back({p.id, p.from, p.until, p.as_of, {p.where.path, p.where.line, p.where.col}});
    return out;
}
}  // namespace

TEST_CASE("the shipped data passes: every derived figure says from what, every cited source has a URL, every price is dated") {
    const DataToCheck d = shipped();
    CHECK(d.cites.size() > 100);   // every figure's backing reaches the rules, not a sample
    CHECK(d.prices.size() == fixture::data().prices.size());
    for (const Diagnostic& e : check_data(d)) FAIL_CHECK(std::string(e.path + ":" + std::to_string(e.line) + ": " + e.message));
}

TEST_CASE("a figure marked derived with no reason is an error at its `source` key") {
    DataToCheck d;
    d.cites.push_back({"derived", "", {"data/models/grok-3.toml", 19, 10}});
    d.cites.push_back({"derived", "200,000 GPUs × $30,000", {"data/models/grok-3.toml", 30, 10}});
    d.cites.push_back({"", "", {"data/scenario.toml", 3, 1}});   // an assumption: its reason is the loader's to require
    const auto e = check_data(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].path == "data/models/grok-3.toml");
    CHECK(e[0].line == 19);
    CHECK(e[0].col == 10);
    CHECK(e[0].message == "a figure marked derived does not say what it is derived from");
    CHECK(e[0].help.find("add `reason = ") == 0);
}

TEST_CASE("a cited source without a URL is one error at its [[source]], naming the first place that cites it") {
    DataToCheck d;
    d.sources.push_back({"press", "", "secondary", {"data/sources.toml", 40, 1}});
    d.sources.push_back({"unused", "", "secondary", {"data/sources.toml", 50, 1}});   // cited by nothing: no figure shows it
    d.sources.push_back({"derived", "", "derived", {"data/sources.toml", 60, 1}});     // arithmetic has no address
    d.sources.push_back({"paper", "https://example.org/p", "primary", {"data/sources.toml", 70, 1}});
    d.cites.push_back({"press", "", {"data/facts.toml", 12, 10}});
    d.cites.push_back({"press", "", {"data/facts.toml", 20, 10}});
    d.cites.push_back({"derived", "from the paper", {"data/facts.toml", 30, 10}});
    d.cites.push_back({"paper", "", {"data/facts.toml", 40, 10}});
    const auto e = check_data(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].path == "data/sources.toml");
    CHECK(e[0].line == 40);
    CHECK(e[0].message == "source `press` is cited but has no `url`");
    CHECK(e[0].note == "first cited at data/facts.toml:12:10");
}

TEST_CASE("a price needs the day it took effect and either its end or an as-of date") {
    DataToCheck d;
    d.prices.push_back({"ended", "2025-01-20", "2025-09-05", "", {"data/prices/api.toml", 1, 1}});
    d.prices.push_back({"listed", "2026-08-16", "", "2026-11-15", {"data/prices/api.toml", 10, 1}});
    d.prices.push_back({"open", "2025-09-05", "", "", {"data/prices/api.toml", 20, 1}});
    d.prices.push_back({"undated", "", "", "", {"data/prices/api.toml", 30, 1}});
    const auto e = check_data(d);
    REQUIRE(e.size() == 3);
    CHECK(e[0].line == 20);
    CHECK(e[0].message == "price `open` has neither `until` nor `as_of`");
    CHECK(e[1].line == 30);
    CHECK(e[1].message == "price `undated` has no `from` date");
    CHECK(e[2].message == "price `undated` has neither `until` nor `as_of`");
    CHECK(e[2].len == 9);   // under [[price]]
}
