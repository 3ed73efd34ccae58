// site/cmd/calc_compare.h: `costbook calc --compare` and `--csv` / `--export json` as a user runs
// them: exit codes, the figures, and the bytes core's export functions write (what the calculator
// downloads).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "compute/scenario.h"
#include "costbook/compare.h"
#include "costbook/export.h"
#include "costbook/format.h"

using fixture::has;
using fixture::run;
using fixture::Run;
using namespace costbook;

namespace {
Scenario with(const std::string& query) { return parse_scenario(query, fixture::scenario()).scenario; }
}  // namespace

TEST_CASE("calc --compare --json: DeepSeek's accounting against full accounting, by input") {
    const Run r = run("calc --compare 'count=rl' 'count=rl,final,research,people,fleet&rate=2.5' --json");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["comparisons"].size() == 1);
    const auto& c = j["comparisons"][0];
    const Scenario a = with("count=rl"), b = with("count=rl,final,research,people,fleet&rate=2.5");
    const double total_a = ladder_total_usd(ladder_inputs(a), a.rungs), total_b = ladder_total_usd(ladder_inputs(b), b.rungs);
    CHECK(c["tab"] == "counted");
    CHECK(c["metric"] == "ladder_total_usd");
    CHECK(c["a"].get<double>() == total_a);
    CHECK(c["b"].get<double>() == total_b);
    CHECK(c["text"]["a"] == format_usd(total_a));
    CHECK(c["text"]["difference"] == "+" + format_usd(total_b - total_a));
    double sum = 0;
    for (const auto& p : c["breakdown"]) sum += p["contribution"].get<double>();
    CHECK(sum == doctest::Approx(c["difference"].get<double>()).epsilon(1e-12));
    REQUIRE(c["breakdown"].size() == 5);
    CHECK(c["breakdown"][0]["id"] == "count.final");
    CHECK(c["breakdown"][0]["text"] == "+" + format_usd(b.get(fixture::rung("final")) * a.get(Key::rate)));
    CHECK(c["breakdown"][4]["id"] == "rate");
    CHECK(c["breakdown"][4]["from"] == input_value_text(Key::rate, a.get(Key::rate)));
    CHECK(c["breakdown"][4]["to"] == "$2.50/GPU-hour");
    CHECK(j["a"]["scenario"] == write_scenario(a));
}

TEST_CASE("calc --compare prints both headlines, the difference and the breakdown table") {
    const Run r = run("calc --compare 'count=rl' 'count=rl,final&rate=2.5'");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const Comparison c = compare_scenarios(with("count=rl"), with("count=rl,final&rate=2.5"), Metric::ladder_total_usd);
    CHECK(has(r.out, "What is counted: Total counted\n"));
    CHECK(has(r.out, c.a_text + "         count=rl\n"));
    CHECK(has(r.out, "B - A   " + c.difference_text + "\n"));
    REQUIRE(c.parts.size() == 2);
    for (const Contribution& p : c.parts) {
        CHECK(has(r.out, p.label));
        CHECK(has(r.out, p.from + " → " + p.to));
        CHECK(has(r.out, p.text + "\n"));
    }
    const Run same = run("calc --compare 'rate=2' 'rate=2'");
    CHECK(same.code == 0);
    CHECK(has(same.out, "B - A   0\n"));
    CHECK(has(same.out, "no input differs"));
}

TEST_CASE("calc --compare --tab: one comparison per tab, each in that tab's headline metric") {
    const Run r = run("calc --compare 'count=rl' 'rate=2.5&util=0.5' --tab own --tab estimate --json");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["comparisons"].size() == 2);
    CHECK(j["comparisons"][0]["metric"] == metric_id(tab_metric("own")));
    CHECK(j["comparisons"][1]["metric"] == metric_id(tab_metric("estimate")));
    // Owning per GPU-hour moves with utilisation only; the rung and the rate are parts that move nothing.
    for (const auto& p : j["comparisons"][0]["breakdown"])
        CHECK((p["contribution"].get<double>() != 0) == (p["id"] == "util"));
}

TEST_CASE("calc --compare with a bad scenario: the --scenario error, naming which one, exit 2") {
    Run r = run("calc --compare 'count=rl' 'raet=2'");
    CHECK(r.code == 2);
    CHECK(has(r.err, "error: scenario B: unknown scenario key `raet`"));
    CHECK(has(r.err, "= help: valid keys: rate,"));
    CHECK(r.out.empty());
    r = run("calc --compare 'rate=abc' 'rate=2'");
    CHECK(r.code == 2);
    CHECK(has(r.err, "error: scenario A: `rate` is not a number: `abc`"));
    r = run("calc --compare 'model=gpt-5' 'rate=2'");
    CHECK(r.code == 2);
    CHECK(has(r.err, "error: scenario A: unknown model `gpt-5`"));
    CHECK(run("calc --compare 'count=rl'").code == 2);
    CHECK(run("calc --compare 'count=rl' 'rate=2' --scenario 'rate=3'").code == 2);
    CHECK(run("calc --compare 'count=rl' 'rate=2' --csv").code == 2);
    r = run("calc --compare 'mfu=7' 'rate=2'");
    CHECK(r.code == 0);
    CHECK(has(r.err, "warning: scenario A: `mfu` 7 is outside"));
}

TEST_CASE("calc --csv prints core's CSV: the calculator's download for the same scenario") {
    const Run r = run("calc --csv --scenario 'rate=2.5&count=rl,final'");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    Scenario s = with("rate=2.5&count=rl,final");
    s.tab = "counted";
    InputSources sources = fixture::sources();
    drop_changed_sources(sources, s, fixture::scenario());
    CHECK(r.out == export_csv(s, sources));
    CHECK(has(r.out, std::string("meta,costbook,costbook version,,,,") + costbook_version() + ",,\n"));
    CHECK(has(r.out, "\ninput,rate,Rental rate,2.5,,,$2.50/GPU-hour,USD/GPU-hour,\n"));   // changed: no source
    // --tab picks the tab (and the file's headline band); the command in the file reproduces it.
    const Run t = run("calc --csv --tab estimate");
    REQUIRE(t.code == 0);
    CHECK(has(t.out, "meta,tab,Tab,,,,estimate,,\n"));
    const std::string marker = "Reproduce with,,,,\"costbook calc --csv --scenario '";
    const size_t at = t.out.find(marker);
    REQUIRE(at != std::string::npos);
    const std::string query = t.out.substr(at + marker.size(), t.out.find("'\"", at) - at - marker.size());
    CHECK(run("calc --csv --scenario '" + query + "'").out == t.out);
}

TEST_CASE("calc --export json prints core's JSON; another model's data cites that model") {
    const Run r = run("calc --export json --scenario 'model=deepseek-r1'");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    Scenario s = fixture::scenario("deepseek-r1");
    s.tab = "counted";
    site::ScenarioChoice choice;
    choice.model = "deepseek-r1";
    CHECK(r.out == export_json(s, fixture::sources(choice.model)));
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["model"] == "deepseek-r1");
    CHECK(j["costbook"] == costbook_version());
}

TEST_CASE("calc --csv: bad input and flags that do not go together exit 2") {
    Run r = run("calc --csv --scenario 'rate=abc'");
    CHECK(r.code == 2);
    CHECK(has(r.err, "error: `rate` is not a number: `abc`"));
    CHECK(r.out.empty());
    CHECK(run("calc --csv --json").code == 2);
    CHECK(run("calc --csv --export json").code == 2);
    CHECK(run("calc --export xml").code == 2);
    CHECK(run("calc --csv --uncertainty").code == 2);
    CHECK(run("calc --csv --model gpt-5").code == 2);
}
