// site/load/data.h: the loader reports every bad input at its file:line:col, and loads nothing
// then. The bad inputs are the data-* folders of tests/site/bad/, each over tests/site/ok/minimal/.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>
#include <sys/stat.h>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "load/data.h"

namespace fs = std::filesystem;
using fixture::printed;
using namespace costbook::site;

TEST_CASE("the shipped data loads with every figure sourced") {
    const Data& d = fixture::data();
    CHECK(d.models.size() >= 8);
    CHECK(d.gpus.size() >= 4);
    for (const char* gpu : {"h800", "h100-sxm", "a100-80gb", "h20"}) CHECK(d.gpu(gpu) != nullptr);
    for (const Model& m : d.models) {
        CHECK_MESSAGE(d.source(m.cite.source) != nullptr, m.id);
        for (const auto& s : m.ledger.stages) CHECK_MESSAGE(d.source(s.source) != nullptr, m.id << "." << s.id);
        for (const auto& f : m.figures) CHECK_MESSAGE((f.cite.assumption || d.source(f.cite.source)), m.id << ": " << f.label);
    }
    for (const Assumption& a : d.assumptions) CHECK_FALSE(a.cite.reason.empty());
}

TEST_CASE("the minimal fixture's data loads, and says where each thing was defined") {
    Diagnostics diags;
    const auto d = load_data((fixture::kMinimal / "data").string(), "data/", diags);
    REQUIRE_MESSAGE(d, printed(diags));
    REQUIRE(d->model("tiny"));
    CHECK(d->model("tiny")->where.path == "data/models/tiny.toml");
    CHECK(d->model("tiny")->ledger.stages.size() == 1);
    CHECK(d->default_model == "tiny");
    CHECK(d->model_ids() == "tiny");
    CHECK(d->gpu_ids() == "t1");
    CHECK(d->source("tiny-specs")->where.line > 1);
}

// A data-* case's expected.txt is what `costbook build` prints: the loader's diagnostics, then
// the line saying the build failed. load_data alone prints all but that last line.
TEST_CASE("a data file is parsed again when its text changes, and the same text loads the same data") {
    // Parsed TOML is kept by its text (serve's rebuilds, the shipped runs beside the default site's).
    fixture::SiteCopy s(fixture::kMinimal);
    const auto load = [&] {
        Diagnostics diags;
        auto d = load_data((s.dir / "data").string(), "data/", diags);
        REQUIRE_MESSAGE(d, printed(diags));
        return *d;
    };
    const Data first = load();
    REQUIRE(first.model("tiny"));
    CHECK(first.model("tiny")->name == "Tiny");
    CHECK(load().model("tiny")->name == "Tiny");
    REQUIRE(s.edit("data/models/tiny.toml", "name = \"Tiny\"", "name = \"Tinier\""));
    CHECK(load().model("tiny")->name == "Tinier");
    REQUIRE(s.edit("data/models/tiny.toml", "name = \"Tinier\"", "name = \"Tiny\""));
    const Data back = load();
    CHECK(back.model("tiny")->name == "Tiny");
    CHECK(back.model("tiny")->where.line == first.model("tiny")->where.line);
    // A file whose text is another's (here: one GPU under two names) is read from its own path.
    fs::copy_file(s.dir / "data/gpus/t1.toml", s.dir / "data/gpus/t1-copy.toml");
    Diagnostics diags;
    CHECK_FALSE(load_data((s.dir / "data").string(), "data/", diags));
    CHECK(printed(diags).find("data/gpus/t1-copy.toml") != std::string::npos);
}

TEST_CASE("bad data is reported at file:line:col, every problem of a pass, and nothing is loaded") {
    const auto cases = fixture::bad_cases("data-");
    REQUIRE(cases.size() >= 30);
    for (const std::string& name : cases) {
        SUBCASE(name.c_str()) {
            fixture::SiteCopy s(fixture::kMinimal, fixture::kFixtures / "bad" / name);
            Diagnostics d;
            d.set_root(s.path());
            CHECK_FALSE(load_data((s.dir / "data").string(), "data/", d).has_value());
            std::string expected = fixture::read(fixture::kFixtures / "bad" / name / "expected.txt");
            const size_t last = expected.rfind("error: build failed;");
            REQUIRE(last != std::string::npos);
            expected.resize(last);
            CHECK(printed(d) == expected);
        }
    }
}

TEST_CASE("every problem in a pass is reported, not just the first") {
    fixture::SiteCopy s(fixture::kMinimal, fixture::kFixtures / "bad/data-two-problems");
    Diagnostics d;
    CHECK_FALSE(load_data((s.dir / "data").string(), "data/", d));
    CHECK(d.size() == 2);
}

TEST_CASE("a site without data/ or data/sources.toml is told what is missing") {
    fixture::SiteCopy s(fixture::kMinimal);
    Diagnostics none;
    CHECK_FALSE(load_data((s.dir / "nowhere").string(), "", none));
    REQUIRE(none.size() == 1);
    CHECK(none.list()[0].message == "no data folder here");
    fs::remove(s.dir / "data/sources.toml");
    Diagnostics d;
    CHECK_FALSE(load_data((s.dir / "data").string(), "data/", d));
    CHECK(d.list()[0].message == "missing data/sources.toml");
}

TEST_CASE("data/ refuses what content/ and static/ refuse: symlinks (loops too), devices, FIFOs") {
    struct Case { const char* name; const char* path; const char* message; };
    const Case cases[] = {
        {"a symlink loop", "data/gpus/loop.toml", "data/gpus/loop.toml:1:1: error: symlinks are not followed in data/"},
        {"a link to /dev/zero", "data/sources.toml", "data/sources.toml:1:1: error: cannot read this file: it is a symlink, which costbook does not follow"},
        {"a FIFO", "data/tasks.toml", "data/tasks.toml:1:1: error: cannot read this file: it is not a regular file (a FIFO, a device, ...)"},
    };
    for (const Case& c : cases) {
        SUBCASE(c.name) {
            fixture::SiteCopy s(fixture::kMinimal);
            const fs::path p = s.dir / c.path;
            fs::remove(p);
            if (std::string(c.name) == "a symlink loop") fs::create_symlink(p, p);
            else if (std::string(c.name) == "a FIFO") REQUIRE(::mkfifo(p.c_str(), 0644) == 0);
            else fs::create_symlink("/dev/zero", p);
            // `timeout`: a FIFO once blocked the build for ever, and /dev/zero filled memory.
            const auto r = fixture::sh("timeout 20 \"$COSTBOOK\" build", s.path());
            CHECK(r.code == 1);
            CHECK(r.err.find(c.message) != std::string::npos);
        }
    }
}

TEST_CASE("a price is in effect from its start to before its end, or up to its as-of date, on a day or in a month") {
    Price p;
    p.from = "2025-02-08";
    p.until = "2025-09-05";
    CHECK(p.in_effect("2025-02-08"));
    CHECK(p.in_effect("2025-09-04"));
    CHECK_FALSE(p.in_effect("2025-09-05"));   // `until` is the first day it no longer applied
    CHECK_FALSE(p.in_effect("2025-02-07"));
    CHECK(p.in_effect("2025-02"));            // some day of the month
    CHECK(p.in_effect("2025-09"));
    CHECK_FALSE(p.in_effect("2025-10"));
    CHECK(p.period_text() == "2025-02-08 to 2025-09-05");
    SUBCASE("a price still listed is known only up to its as-of date") {
        p.until.clear();
        p.as_of = "2026-11-15";
        CHECK(p.in_effect("2026-11-15"));
        CHECK_FALSE(p.in_effect("2026-12-01"));
        CHECK(p.period_text() == "from 2025-02-08, as of 2026-11-15");
    }
    SUBCASE("not a date, or an undated price, is never in effect") {
        CHECK_FALSE(p.in_effect("February"));
        CHECK_FALSE(p.in_effect("2025-2-8"));
        p.from.clear();
        CHECK_FALSE(p.in_effect("2025-03-01"));
    }
    CHECK(is_price_date("2025-02"));
    CHECK(is_price_date("2025-02-15"));
    CHECK_FALSE(is_price_date("2025/02/15"));
}

TEST_CASE("the shipped prices, rates, task dates and figure readings load with their positions") {
    const Data& d = fixture::data();
    for (const Price& p : d.prices) {
        CAPTURE(p.id);
        CHECK_FALSE(p.from.empty());
        CHECK((p.until.empty() != p.as_of.empty()));   // ended, or still listed as of a date
        CHECK(p.where.path == "data/prices/api.toml");
    }
    REQUIRE_FALSE(d.monthly_rates.empty());
    for (const MonthRate& m : d.monthly_rates) CHECK(d.rate_for_month(m.month) == &m);
    CHECK(d.rate_for_month("1999-01") == nullptr);
    for (const std::string& date : d.task_dates) CHECK(is_price_date(date));
    // Every figure's backing keeps where it is written: its `source` key, for check to point at.
    for (const Cite& c : d.cites) {
        CHECK_FALSE(c.where.path.empty());
        CHECK(c.where.line > 0);
    }
    CHECK_FALSE(d.model("claude-3.5-sonnet")->figures.front().reading.empty());
}

// ---- The default MFU's runs: costbook's shipped runs, and the site's own ----
namespace {
const fs::path kLlamaSite = fs::path(COSTBOOK_SOURCE_DIR) / "examples/llama-3.1-405b";   // a site without data/runs/
}

TEST_CASE("costbook carries the repository's published runs, with the GPUs, sources and developers they cite") {
    Diagnostics diags;
    const auto shipped = load_shipped_runs(diags);
    REQUIRE_MESSAGE(shipped, printed(diags));
    const Data& repo = fixture::data();   // the default site's data/runs/ is what is shipped
    CHECK(shipped->runs.size() == repo.runs.size());
    CHECK(shipped_run_count() == static_cast<int>(repo.runs.size()));
    for (const Run& r : shipped->runs) {
        CAPTURE(r.id);
        CHECK(r.shipped);
        CHECK(r.gpu_bf16_flop_per_s > 0);
        CHECK(repo.run(r.id) != nullptr);
        CHECK(shipped->source(r.cite.source) != nullptr);
        CHECK(shipped->developer(r.developer) != nullptr);
    }
}

TEST_CASE("a site without data/runs/ fits its default MFU on the shipped runs, and can say which") {
    Diagnostics diags;
    const auto d = load_data((kLlamaSite / "data").string(), "data/", diags);
    REQUIRE_MESSAGE(d, printed(diags));
    const int n = shipped_run_count();
    CHECK(d->own_runs == 0);
    CHECK(d->shipped_runs == n);
    CHECK(static_cast<int>(d->runs.size()) == n);
    CHECK(d->runs_from() == "the " + std::to_string(n) + " published runs costbook ships");
    // The runs table names each run's developer and links its source; the site's own sources stay its own.
    for (const Run& r : d->runs) {
        CAPTURE(r.id);
        CHECK(d->developer(r.developer) != nullptr);
        REQUIRE(d->run_source(r) != nullptr);
        CHECK_FALSE(d->run_source(r)->url.empty());
    }
    const std::string own = fixture::read(kLlamaSite / "data/sources.toml");
    size_t n_own = 0;
    for (size_t at = own.find("[[source]]"); at != std::string::npos; at = own.find("[[source]]", at + 1)) ++n_own;
    CHECK(d->sources.size() == n_own);
}

TEST_CASE("a site's own runs add to the shipped ones, replace one of the same id, or all of them with runs = \"replace\"") {
    fixture::SiteCopy site(kLlamaSite);
    const Data& repo = fixture::data();
    const Run& falcon = *repo.run("falcon-40b");
    site.edit("data/developers.toml", "", "[[developer]]\nid = \"acme\"\nname = \"Acme\"\n\n[[developer]]\nid = \"tii\"\nname = \"TII\"\n");
    site.edit("data/runs/own.toml", "",
              "[[run]]\nid = \"acme-7b\"\nname = \"Acme 7B\"\ndeveloper = \"acme\"\nreported = \"gpu-hours\"\ngpu = \"h100-sxm\"\n"
              "precision = \"bf16\"\narchitecture = \"dense\"\nparams_active = 7e9\ntokens = 2e12\ngpu_hours = 100e3\nsource = \"llama31-card\"\n\n"
              "[[run]]\nid = \"falcon-40b\"\nname = \"Falcon 40B, recounted\"\ndeveloper = \"tii\"\nreported = \"gpu-hours\"\ngpu = \"h100-sxm\"\n"
              "precision = \"bf16\"\narchitecture = \"dense\"\nparams_active = 40e9\ntokens = 1e12\ngpu_hours = " +
                  std::to_string(falcon.gpu_hours) + "\nsource = \"llama31-card\"\n");
    Diagnostics diags;
    const auto d = load_data((site.dir / "data").string(), "data/", diags);
    REQUIRE_MESSAGE(d, printed(diags));
    CHECK(d->own_runs == 2);
    CHECK(d->shipped_runs == shipped_run_count() - 1);
    CHECK(d->runs.size() == repo.runs.size() + 1);
    REQUIRE(d->run("falcon-40b"));
    CHECK_FALSE(d->run("falcon-40b")->shipped);
    CHECK(d->run("falcon-40b")->name == "Falcon 40B, recounted");
    CHECK(d->runs_from().find("and the 2 runs of this site's data/runs/") != std::string::npos);

    SUBCASE("runs = \"replace\": two runs by two developers are too few to fit on, and the error says why and what to do") {
        REQUIRE(site.edit("data/scenario.toml", "[defaults]\n", "[defaults]\nruns = \"replace\"\n"));
        Diagnostics bad;
        CHECK_FALSE(load_data((site.dir / "data").string(), "data/", bad));
        const std::string err = printed(bad);
        CHECK(err.find("error: the default MFU would be fitted on 2 runs by 2 developers; it needs at least " +
                       std::to_string(kMinFitRuns) + " runs by " + std::to_string(kMinFitDevelopers) + " developers") != std::string::npos);
        CHECK(err.find("remove `runs = \"replace\"` to fit on costbook's " + std::to_string(shipped_run_count()) + " published runs") !=
              std::string::npos);
    }
}

TEST_CASE("every key the loader reads is in the schema `costbook help data` prints") {
    // The loader calls only(data_keys(file, table)): a table missing from kDataSchema would accept nothing.
    for (const DataTable& t : kDataSchema) {
        CAPTURE(t.file);
        CAPTURE(t.table);
        CHECK_FALSE(data_keys(t.file, t.table).empty());
        CHECK(std::string(t.holds).size() > 0);
    }
    // The default site, the example and the minimal fixture load through it.
    for (const fs::path& dir : {fs::path(COSTBOOK_SOURCE_DIR) / "data", kLlamaSite / "data", fixture::kMinimal / "data"}) {
        Diagnostics diags;
        CHECK_MESSAGE(load_data(dir.string(), "data/", diags), printed(diags));
    }
}

namespace {
// The minimal fixture with one edit (file, find, replace: replace whole when find is ""), loaded.
Diagnostics load_edited(const std::vector<std::array<std::string, 3>>& edits) {
    fixture::SiteCopy s(fixture::kMinimal);
    for (const auto& [file, find, replace] : edits) REQUIRE_MESSAGE(s.edit(file, find, replace), file << ": " << find);
    Diagnostics d;
    CHECK_FALSE(load_data((s.dir / "data").string(), "data/", d));
    return d;
}
}  // namespace

TEST_CASE("a model's architecture is one the fit reads: anything else is an error at the value, with the one it meant") {
    for (const auto& [written, meant] : std::vector<std::pair<std::string, std::string>>{
             {"Dense", "dense"}, {"mixture-of-experts", "moe"}, {"Mixture of Experts", "moe"}, {"MoE", "moe"}}) {
        CAPTURE(written);
        const Diagnostics d = load_edited({{{"data/models/tiny.toml", "architecture = \"dense\"", "architecture = \"" + written + "\""}}});
        REQUIRE(d.size() == 1);
        const Diagnostic& e = d.list()[0];
        CHECK(e.path == "data/models/tiny.toml");
        CHECK(e.line == 5);
        CHECK(e.col == 16);
        CHECK(e.message == "unknown architecture `" + written + "`");
        CHECK(e.help == "did you mean `" + meant + "`? architecture is one of: " +
                            values_text(*data_values("data/models/<id>.toml", "", "architecture")));
    }
    const Diagnostics none = load_edited({{{"data/models/tiny.toml", "architecture = \"dense\"", "architecture = \"sparse-ish\""}}});
    REQUIRE(none.size() == 1);
    CHECK(none.list()[0].help.rfind("architecture is one of: dense, moe", 0) == 0);   // no guess when nothing is near
}

TEST_CASE("a source's kind is one of the loader's list, which help data prints") {
    const Diagnostics d = load_edited({{{"data/sources.toml", "kind = \"primary\"", "kind = \"paper\""}}});
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].message == "unknown source kind `paper`");
    CHECK(d.list()[0].help == "source kind is one of: " + values_text(*data_values("data/sources.toml", "[[source]]", "kind")));
    CHECK(d.list()[0].help.find("primary (") != std::string::npos);
}

TEST_CASE("one mistake is one error: what follows from a file that did not load is not reported again") {
    // Each: the one edit, and the one error it gives (what followed from it said nothing more).
    struct Case { const char* what; const char* file; const char* find; const char* replace; const char* message; };
    for (const Case& c : {
             Case{"a TOML error in sources.toml: no `unknown source id` for every figure", "data/sources.toml", "[[source]]", "[[source]\n",
                  "Error while parsing table header: expected ']', saw '\\n'"},
             Case{"an empty model file: the ladder and [defaults] that name it", "data/models/tiny.toml", "", "", "this file is empty"},
             Case{"an empty GPU file: the models on it", "data/gpus/t1.toml", "", "", "this file is empty"},
             Case{"an unknown rung kind: not also that `for` is for another kind", "data/ladders/tiny.toml", "kind = \"stands_in\"",
                  "kind = \"stand_in\"", "unknown rung kind `stand_in`"},
         }) {
        CAPTURE(c.what);
        const Diagnostics d = load_edited({{{c.file, c.find, c.replace}}});
        REQUIRE_MESSAGE(d.size() == 1, printed(d));
        CHECK(d.list()[0].message == c.message);
    }
    SUBCASE("an unknown GPU with no GPUs at all: the help says to add one, not `known GPUs: `") {
        fixture::SiteCopy s(fixture::kMinimal);
        fs::remove(s.dir / "data/gpus/t1.toml");
        Diagnostics d;
        CHECK_FALSE(load_data((s.dir / "data").string(), "data/", d));
        REQUIRE(d.size() >= 1);
        for (const Diagnostic& e : d.list()) {
            CAPTURE(e.message);
            CHECK(e.help.find(": ;") == std::string::npos);
            CHECK(e.help.find("one of: ") == std::string::npos);
            CHECK(e.help.back() != ' ');
        }
        CHECK(d.list()[0].help == "there are no GPUs yet: add data/gpus/t1.toml");
    }
}

TEST_CASE("data/scenario.toml without [defaults] says so, and how to add the site's model") {
    const Diagnostics d = load_edited({{{"data/scenario.toml", "", ""}}});
    REQUIRE_MESSAGE(d.size() == 1, printed(d));
    CHECK(d.list()[0].path == "data/scenario.toml");
    CHECK(d.list()[0].message == "no `[defaults]` table: the site's default `model` is not set");
    CHECK(d.list()[0].help.find("add `[defaults]` and under it `model = \"tiny\"`") == 0);
    fixture::SiteCopy s(fixture::kMinimal);
    fs::remove(s.dir / "data/scenario.toml");
    Diagnostics gone;
    CHECK_FALSE(load_data((s.dir / "data").string(), "data/", gone));
    REQUIRE(gone.size() == 1);
    CHECK(gone.list()[0].message == "missing data/scenario.toml: the site's `[defaults]` and its `model`");
}

TEST_CASE("every error the data-* cases print has a help line") {
    for (const std::string& name : fixture::bad_cases("data-")) {
        CAPTURE(name);
        fixture::SiteCopy s(fixture::kMinimal, fixture::kFixtures / "bad" / name);
        Diagnostics d;
        CHECK_FALSE(load_data((s.dir / "data").string(), "data/", d));
        for (const Diagnostic& e : d.list()) {
            CAPTURE(e.message);
            CHECK_FALSE(e.help.empty());
        }
    }
    // And the number getters' own: `gpu_hours` above 0, a flag, a date, a table.
    const Diagnostics zero = load_edited({{{"data/models/tiny.toml", "gpu_hours = 1000", "gpu_hours = 0"}}});
    REQUIRE(zero.size() == 1);
    CHECK(zero.list()[0].message == "`gpu_hours` must be above 0 in [[stages]]");
    CHECK_FALSE(zero.list()[0].help.empty());
}

TEST_CASE("the allowed values are one table: what the loader takes is what help data lists") {
    for (const DataValues& v : kDataValues) {
        CAPTURE(v.file);
        CAPTURE(v.key);
        const auto keys = data_keys(v.file, v.table);
        CHECK(std::find(keys.begin(), keys.end(), std::string_view(v.key)) != keys.end());   // a key the loader reads
        CHECK_FALSE(v.values.empty());
    }
    CHECK(scenario_input_ids().find("currency") == std::string::npos);
    CHECK(scenario_input_ids().find("pue") != std::string::npos);
}
