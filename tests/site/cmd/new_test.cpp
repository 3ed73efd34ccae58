// `costbook new`: a starter site, from the files the binary carries, that builds and checks.
#include <doctest/doctest.h>

#include <algorithm>
#include <fnmatch.h>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "compute/scenario.h"
#include "load/data.h"

using fixture::run;
namespace fs = std::filesystem;

TEST_CASE("costbook new writes a starter site that builds and checks, from any folder") {
    const fs::path dir = fs::temp_directory_path() / ("costbook-new-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const auto r = run("new " + dir.string(), "/");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(run("build --site " + dir.string(), "/").code == 0);
    CHECK(fs::exists(dir / "public/index.html"));
    CHECK(run("check --site " + dir.string(), "/").code == 0);
    CHECK(run("new " + dir.string(), "/").code == 2);   // never over an existing site
    fs::remove_all(dir);
}

TEST_CASE("costbook new with an empty name (an unset variable) writes nothing") {
    const fs::path dir = fs::temp_directory_path() / ("costbook-new-empty-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const char* name : {"''", "' '", "\"$UNSET_VARIABLE\""}) {
        CAPTURE(name);
        const auto r = run(std::string("new ") + name, dir.string());
        CHECK(r.code == 2);
        CHECK(r.err.find("error: costbook new needs the name of a folder to create") != std::string::npos);
        CHECK(fs::is_empty(dir));
    }
    fs::remove_all(dir);
}

namespace {
struct NewSite {   // `costbook new` into a fresh folder, removed afterwards
    fs::path dir;
    NewSite() : dir(fs::temp_directory_path() / ("costbook-new-site-" + std::to_string(::getpid()) + "-" + std::to_string(n()++))) {
        fs::remove_all(dir);
        const auto r = run("new " + dir.string(), "/");
        REQUIRE_MESSAGE(r.code == 0, r.err);
    }
    ~NewSite() { fs::remove_all(dir); }
    static int& n() { static int k = 0; return k; }
    fixture::Run build(const std::string& more = "") const { return run("build --site " + dir.string() + more, "/"); }
    fixture::Run check(const std::string& more = "") const { return run("check --site " + dir.string() + more, "/"); }
    std::string page(const std::string& path) const { return fixture::read(dir / "public" / path); }
};
}  // namespace

TEST_CASE("the starter is one model, one ladder and a methodology page, estimated from the shipped runs") {
    NewSite s;
    REQUIRE(s.build().code == 0);
    CHECK(s.check().code == 0);
    const std::string home = s.page("index.html"), method = s.page("methodology/index.html");
    CHECK(home.find("DeepSeek") == std::string::npos);   // not a copy of the default site
    CHECK(method.find("class=\"cb-runs\"") != std::string::npos);   // the runs the fit used, listed
    CHECK(method.find("the " + std::to_string(costbook::site::shipped_run_count()) + " published runs costbook ships") != std::string::npos);
    CHECK(method.find("id=\"cb-assumptions\"") != std::string::npos);
    // The estimate is the shipped fit's, not one on 0 runs at 100% MFU.
    const auto e = run("estimate --site " + s.dir.string() + " --model smollm3-3b --json", "/");
    REQUIRE_MESSAGE(e.code == 0, e.err);
    const auto j = nlohmann::json::parse(e.out);
    CHECK(j["mfu"].get<double>() < 0.7);
    CHECK(j["fit"]["runs"].get<int>() >= costbook::site::kMinFitRuns);
}

TEST_CASE("an author's first assumption in the starter is labelled with its reason, links to the starter's own table, and checks") {
    NewSite s;
    const fixture::fs::path model = s.dir / "data/models/smollm3-3b.toml";
    fixture::write(model, fixture::read(model) +
                              "\n[rate]\nusd_per_gpu_hour = 2\nassumption = true\nreason = \"what our cloud charges us\"\n");
    const fixture::fs::path index = s.dir / "content/index.md";
    fixture::write(index, fixture::read(index) + "\nAt our rate, {{< figure \"smollm3-3b.rate\" >}}, it cost {{< figure \"smollm3-3b.total_cost_usd\" >}}.\n");
    const auto b = s.build();
    REQUIRE_MESSAGE(b.code == 0, b.err);
    const auto c = s.check();
    CHECK_MESSAGE(c.code == 0, c.err);
    const std::string home = s.page("index.html");
    CHECK(home.find("title=\"Assumption: what our cloud charges us\" data-why=\"Assumption: what our cloud charges us\">$2<sup><a href=\"/methodology/#cb-assumptions\">assumption</a>") !=
          std::string::npos);
    CHECK(home.find("title=\"Assumption: at an assumed $2 per GPU-hour: what our cloud charges us\"") != std::string::npos);
    CHECK(home.find("Derived: \"") == std::string::npos);
    CHECK(s.page("methodology/index.html").find("SmolLM3 3B rental rate") != std::string::npos);
    // The model's page says which rate its calculator uses, as an assumption, not as a source link.
    CHECK(s.page("models/smollm3-3b/index.html").find("an assumed rate (an assumption: what our cloud charges us)") != std::string::npos);

    SUBCASE("a site with no table of assumptions labels them without a link it did not write") {
        fs::remove(s.dir / "content/methodology.md");
        fixture::write(index, fixture::read(index).replace(fixture::read(index).find("[methodology](/methodology/)"), 28, "methodology"));
        REQUIRE(s.build().code == 0);
        CHECK(s.check().code == 0);
        CHECK(s.page("index.html").find("$2<sup>assumption</sup>") != std::string::npos);
    }
}

TEST_CASE("the starter's rent-or-own tab has data for every input: power is counted, from labelled assumptions") {
    using namespace costbook;
    NewSite s;
    site::Diagnostics diags;
    const auto d = site::load_data((s.dir / "data").string(), "data/", diags);
    REQUIRE_MESSAGE(d, fixture::printed(diags));
    CHECK(site::tab_missing(*d, "own") == "");
    const site::Tabs tabs = site::supported_tabs(*d);
    CHECK(std::find(tabs.begin(), tabs.end(), "own") != tabs.end());
    for (Key k : {Key::server_overhead, Key::years, Key::util, Key::host_overhead, Key::pue, Key::kwh}) {
        CAPTURE(key_info(k).name);
        const site::Assumption* a = d->assumption(k);
        REQUIRE(a);
        CHECK((a->cite.assumption || !a->cite.source.empty()));
        CHECK_FALSE(a->cite.reason.empty());
    }
    const auto r = run("calc --site " + s.dir.string() + " --tab own --json", "/");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const double power = nlohmann::json::parse(r.out)["own"]["power_usd_per_gpu_hour"].get<double>();
    // W × (1 + host overhead) × PUE / 1000 × $/kWh, from the starter's GPU and scenario.toml.
    const double watts = d->gpu(d->model("smollm3-3b")->gpu)->watts;
    const double expected = watts * (1 + d->assumption(Key::host_overhead)->value.likely) * d->assumption(Key::pue)->value.likely / 1000 *
                            d->assumption(Key::kwh)->value.likely;
    CHECK(power > 0);
    CHECK(power == doctest::Approx(expected));
}

TEST_CASE("the starter's .gitignore keeps out everything a build leaves in the site folder") {
    NewSite s;
    const std::string ignore = fixture::read(s.dir / ".gitignore");
    REQUIRE(s.build().code == 0);
    REQUIRE(s.build().code == 0);   // a second build leaves the staging copy and its list too
    std::vector<std::string> patterns;   // "/public/" → "public": each names an entry of the site folder
    for (size_t at = 0, nl; at < ignore.size(); at = nl + 1) {
        nl = ignore.find('\n', at);
        if (nl == std::string::npos) nl = ignore.size();
        std::string line = ignore.substr(at, nl - at);
        if (line.empty() || line[0] == '#') continue;
        CHECK(line.front() == '/');   // anchored: a content/public.md is not ignored
        line.erase(0, 1);
        if (!line.empty() && line.back() == '/') line.pop_back();
        patterns.push_back(line);
    }
    std::set<std::string> built;
    for (const auto& e : fs::directory_iterator(s.dir)) built.insert(e.path().filename().string());
    for (const char* left : {"public", ".public.costbook-stage", ".public.costbook-lock", ".public.costbook-out.manifest",
                             ".public.costbook-stage.manifest"})
        CHECK_MESSAGE(built.count(left), left);
    for (const std::string& name : built) {
        bool ignored = false;
        for (const std::string& p : patterns) ignored = ignored || ::fnmatch(p.c_str(), name.c_str(), 0) == 0;
        const bool source = name == "site.toml" || name == "content" || name == "data" || name == "templates" || name == "static" ||
                            name == ".gitignore";
        CHECK_MESSAGE(ignored != source, name);   // every file a build made is ignored, and no file of the site is
    }
}
