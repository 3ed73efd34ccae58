// site/cmd/calc_compare.h: `costbook calc --compare` and `--csv` / `--export json` as a user runs
// them: exit codes, the figures, and the bytes core's export functions write (what the calculator
// downloads).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

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

// The default site with a second ladder: examples/llama-3.1-405b's (rungs run405, herd, research and
// epoch; keys train_gpu_hours, herd_gpu_hours, research_mult and epoch_usd), with the 8B and 70B
// models it counts. The default ladder stays deepseek.
void add_llama_ladder(const fixture::SiteCopy& s) {
    const fixture::fs::path from = COSTBOOK_SOURCE_DIR "/examples/llama-3.1-405b";
    for (const char* f : {"data/ladders/llama.toml", "data/models/llama-3.1-8b.toml", "data/models/llama-3.1-70b.toml"})
        fixture::fs::copy_file(from / f, s.dir / f);
}

// What render/html.h's escape() wrote, read back.
std::string unescape(std::string s) {
    for (const auto& [from, to] : {std::pair<const char*, const char*>{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}})
        for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += std::char_traits<char>::length(to))
            s.replace(at, std::char_traits<char>::length(from), to);
    return s;
}

// An attribute of a page's first calculator (<figure class="cb-calc" ...>), unescaped.
std::string calc_attribute(const std::string& html, const std::string& name) {
    const size_t fig = html.find("<figure class=\"cb-calc\"");
    const size_t end = html.find('>', fig);
    const size_t at = html.find(" " + name + "=\"", fig);
    if (fig == std::string::npos || at == std::string::npos || at > end) return "";
    const size_t start = at + name.size() + 3;
    return unescape(html.substr(start, html.find('"', start) - start));
}

// The "Reproduce with" command of a CSV download (its meta,command row, RFC 4180 unquoted) or of a JSON one.
std::string reproduce_command(const std::string& file, bool json) {
    if (json) return nlohmann::json::parse(file)["command"].get<std::string>();
    const std::string row = "\nmeta,command,Reproduce with,,,,";
    const size_t at = file.find(row);
    if (at == std::string::npos) return "";
    std::string field;
    size_t i = at + row.size();
    if (file[i] != '"') return file.substr(i, file.find(',', i) - i);
    for (++i; i < file.size(); ++i) {
        if (file[i] == '"' && file[i + 1] == '"') { field += '"'; ++i; }
        else if (file[i] == '"') break;
        else field += file[i];
    }
    return field;
}
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

TEST_CASE("the command a calculator's download on another ladder carries runs as printed and gives the download and the page's figures") {
    fixture::SiteCopy s;
    add_llama_ladder(s);
    REQUIRE(s.edit("content/llama-cost.md", "",
                   "+++\ntitle = \"Llama 3.1 405B\"\n+++\n\n"
                   "{{< calc ladder=\"llama\" scenario=\"model=llama-3.1-405b&count=run405,herd,research\" >}}\n"));
    const Run built = run("build --site '" + s.path() + "'");
    REQUIRE_MESSAGE(built.code == 0, built.err);
    const std::string html = fixture::read(s.dir / "public/llama-cost/index.html");
    // What the page's calculator starts from (wasm/state.cpp's start()) and downloads (wasm/compare.cpp).
    const std::string query = calc_attribute(html, "data-scenario");
    CHECK(has(query, "model=llama-3.1-405b&ladder=llama&"));   // the scenario says which ladder its keys are from
    Scenario base;
    const Result<LadderSpec> ladder = parse_ladder(calc_attribute(html, "data-ladder"));
    REQUIRE(ladder);
    base.ladder = *ladder;
    Scenario page = parse_scenario(query, base).scenario;
    page.tab = calc_attribute(html, "data-tab");
    REQUIRE(page.tab == "counted");
    const InputSources sources = parse_sources(calc_attribute(html, "data-sources"), page);
    for (const bool json : {false, true}) {
        CAPTURE(json);
        const std::string download = json ? export_json(page, sources) : export_csv(page, sources);
        const std::string command = reproduce_command(download, json);
        CHECK(command.rfind(json ? "costbook calc --export json --scenario '" : "costbook calc --csv --scenario '", 0) == 0);
        CHECK(has(command, "ladder=llama"));
        // Exactly the command, as a reader pastes it into a shell in the site's folder.
        const Run r = fixture::sh("costbook() { \"$COSTBOOK\" \"$@\"; }\n" + command, s.path());
        REQUIRE_MESSAGE(r.code == 0, r.err);
        CHECK(r.err.empty());
        CHECK(r.out == download);
    }
    // The page's own figures (its static table, the aria-live headline) are the download's.
    const std::string csv = export_csv(page, sources);
    const Outputs o = compute(page);
    CHECK(has(html, "<p class=\"cb-calc-live\" aria-live=\"polite\">" + std::string(metric_label(Metric::ladder_total_usd)) + ": " +
                        format_usd(o.ladder.total_usd) + "</p>"));
    CHECK(has(csv, "\nmetric,ladder_total_usd," + csv_field(metric_label(Metric::ladder_total_usd)) + "," +
                       write_number(o.ladder.total_usd) + ",,," + csv_field(format_usd(o.ladder.total_usd)) + ",,\n"));
    const size_t table = html.find("<table class=\"cb-calc-table\">");
    const size_t table_end = html.find("</table>", table);
    int rows = 0;
    for (size_t at = html.find("<tr><th scope=\"row\">", table); at < table_end; at = html.find("<tr><th scope=\"row\">", at + 1)) {
        const size_t th = at + 20, th_end = html.find("</th><td>", th), td_end = html.find("</td></tr>", th_end);
        const std::string label = unescape(html.substr(th, th_end - th)), value = unescape(html.substr(th_end + 9, td_end - th_end - 9));
        CAPTURE(label);
        const std::string input = " (input)";
        if (label.size() > input.size() && label.compare(label.size() - input.size(), input.size(), input) == 0) {
            CHECK(has(csv, "," + csv_field(label.substr(0, label.size() - input.size())) + ","));
            CHECK(has(csv, "," + csv_field(value.substr(0, value.find(" (range "))) + ","));   // the table adds a range's ends
        } else {
            CHECK(has(csv, "\nresult,counted," + csv_field(label) + ",,,," + csv_field(value) + ",,\n"));
        }
        ++rows;
    }
    CHECK(rows >= 4);
    CHECK(has(csv, "\ncount,research,"));   // the llama ladder's rungs, and the one the page counts
    CHECK(has(csv, "\ninput,train_gpu_hours,"));
}

TEST_CASE("calc --compare on another ladder: --ladder or ladder= reads its rungs; rungs it does not know are named, with each ladder's") {
    fixture::SiteCopy s;
    add_llama_ladder(s);
    const std::string site = " --site '" + s.path() + "'";
    Run r = run("calc --compare 'count=run405' 'count=run405,herd'" + site);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    const std::string rungs = "rungs by ladder: deepseek (this scenario's): rl, final, research, people, fleet; llama: run405, herd, research, epoch; or all, none";
    CHECK(r.err == "error: scenario A: `count` names rung `run405`, which ladder `deepseek` does not have\n"
                   "  = help: `run405` is ladder `llama`'s: add `ladder=llama` to the scenario; " + rungs + "\n"
                   "error: scenario B: `count` names rungs `run405` and `herd`, which ladder `deepseek` does not have\n"
                   "  = help: `run405` and `herd` are ladder `llama`'s: add `ladder=llama` to the scenario; " + rungs + "\n");
    for (const std::string how : {"--ladder llama --compare 'count=run405' 'count=run405,herd'",
                                  "--compare 'ladder=llama&count=run405' 'ladder=llama&count=run405,herd'"}) {
        r = run("calc --json " + how + site);
        REQUIRE_MESSAGE(r.code == 0, r.err);
        const auto c = nlohmann::json::parse(r.out)["comparisons"][0];
        REQUIRE(c["breakdown"].size() == 1);
        CHECK(c["breakdown"][0]["id"] == "count.herd");
    }
    r = run("calc --compare 'count=rl' 'ladder=llama&count=run405'" + site);
    CHECK(r.code == 2);
    CHECK(fixture::first_line(r.err) == "error: scenario A is on ladder `deepseek`, scenario B on `llama`");
}
