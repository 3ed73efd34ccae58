// The sites in examples/ build as any author's would: examples/llama-3.1-405b has its own ladder,
// tabs and pages, and nothing of the default site's DeepSeek explainer reaches its output. And the
// shortcodes that choose a ladder and tabs report bad ids at file:line:col.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "../fixture.h"
#include "compute/scenario.h"
#include "costbook/format.h"
#include "costbook/outputs.h"
#include "load/data.h"
#include "render/html.h"
#include "site_fixture.h"

using namespace costbook;
using namespace costbook::site;
using fixture::run;

namespace {
const std::string kLlama = COSTBOOK_SOURCE_DIR "/examples/llama-3.1-405b";

const Data& llama_data() {
    static const Data d = [] {
        Diagnostics diags;
        auto loaded = load_data(kLlama + "/data", "data/", diags);
        if (!loaded) throw std::runtime_error("examples/llama-3.1-405b/data does not load");
        return *loaded;
    }();
    return d;
}

struct Built {
    fixture::fs::path out;
    Built() {
        static int n = 0;
        out = fixture::fs::temp_directory_path() / ("costbook-example-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fixture::fs::remove_all(out);
    }
    ~Built() { fixture::fs::remove_all(out); }
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The first <figure class="cb-calc" ...> tag of a page and one of its attributes, unescaped.
std::string calc_attribute(const std::string& html, const std::string& name) {
    const size_t fig = html.find("<figure class=\"cb-calc\"");
    const size_t end = html.find('>', fig);
    const size_t at = html.find(" " + name + "=\"", fig);
    if (fig == std::string::npos || at == std::string::npos || at > end) return "(none)";
    const size_t start = at + name.size() + 3;
    return html.substr(start, html.find('"', start) - start);
}
}  // namespace

TEST_CASE("the Llama 3.1 405B example builds and checks, and no DeepSeek string reaches its output") {
    Built b;
    const auto r = run("build --site '" + kLlama + "' --out '" + b.out.string() + "'");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(run("check --site '" + kLlama + "'").code == 0);
    int files = 0;
    for (const auto& e : fixture::fs::recursive_directory_iterator(b.out)) {
        if (!e.is_regular_file()) continue;
        ++files;
        CHECK_MESSAGE(lower(fixture::read(e.path())).find("deepseek") == std::string::npos, e.path().string());
    }
    CHECK(files > 5);
    CHECK(fixture::fs::exists(b.out / "calc.wasm"));   // the calculator is there, and clean too
}

TEST_CASE("the example's calculator carries its own ladder, tabs and headline, all from its data") {
    Built b;
    REQUIRE(run("build --site '" + kLlama + "' --out '" + b.out.string() + "'").code == 0);
    const std::string home = fixture::read(b.out / "index.html");
    const Data& d = llama_data();
    const LadderData& ladder = *d.ladder(d.default_ladder);
    CHECK(calc_attribute(home, "data-ladder") == escape(write_ladder(ladder.spec)));
    CHECK(calc_attribute(home, "data-tabs") == "counted,estimate,own");   // the shortcode's tabs="..."
    // Its headline: the rungs that start on, at the model's rate by the one rule.
    ScenarioChoice c;
    const Seed seeded = *seed(d, c);
    const ModelRate rate = model_rate(d, *d.model(d.default_model));
    CHECK(seeded.scenario.get(Key::rate) == rate.usd_per_gpu_hour);
    double expected = 0;
    for (size_t i = 0; i < ladder.rungs.size(); ++i)
        if (ladder.rungs[i].spec.starts_on) expected += ladder.rungs[i].value.likely * rate.usd_per_gpu_hour;
    CHECK(home.find("<p class=\"cb-calc-live\" aria-live=\"polite\">Total counted: " + format_usd(expected) + "</p>") != std::string::npos);
    // The rungs in the static table are the example's, in its order.
    size_t at = 0;
    for (const LadderRung& g : ladder.rungs) {
        at = home.find("<tr><th scope=\"row\">" + escape(g.spec.label) + "</th>", at);
        CHECK_MESSAGE(at != std::string::npos, g.spec.label);
    }
    // `costbook calc` reads the same ladder.
    const auto j = nlohmann::json::parse(run("calc --site '" + kLlama + "' --ladder --json").out);
    REQUIRE(j["ladder"]["rungs"].size() == ladder.rungs.size());
    for (size_t i = 0; i < ladder.rungs.size(); ++i) CHECK(j["ladder"]["rungs"][i]["label"] == ladder.rungs[i].spec.label);
    CHECK(j["ladder"]["text"]["total_usd"] == format_usd(expected));
}

TEST_CASE("a site's tabs follow its data: no serving tab without a serving day, no task tab without tasks") {
    const Tabs all = supported_tabs(fixture::data());
    CHECK(all == Tabs(std::begin(kTabs), std::end(kTabs)));   // the default site has all of them
    const Tabs llama = supported_tabs(llama_data());
    CHECK(llama == Tabs{"counted", "estimate", "own"});
    SUBCASE("`costbook calc --all` prints those, and a tab the data does not support is a usage error") {
        const auto j = nlohmann::json::parse(run("calc --site '" + kLlama + "' --all --json").out);
        CHECK(j.contains("ladder"));
        CHECK(j.contains("own"));
        CHECK_FALSE(j.contains("serve"));
        CHECK_FALSE(j.contains("task"));
        const auto r = run("calc --site '" + kLlama + "' --tab serve");
        CHECK(r.code == 2);
        CHECK(fixture::first_line(r.err) == "error: tab `serve` is not supported by this site's data");
    }
}

TEST_CASE("unknown ladders and tabs in a shortcode are errors at file:line:col") {
    struct Case { const char* name; const char* body; const char* first; const char* help; };
    const Case cases[] = {
        {"an unknown ladder", "Intro.\n\n{{< calc ladder=\"llama\" >}}\n", "content/x.md:7:1: error: unknown ladder `llama`", "= help: ladders: deepseek"},
        {"an unknown tab in `tabs`", "{{< calc tabs=\"counted,costs\" >}}\n", "content/x.md:5:1: error: unknown calculator tab `costs` in `tabs`",
         "= help: tabs: counted, estimate, own, rl, inference, serve, task, time"},
        {"a tab outside `tabs`", "{{< calc tab=\"own\" tabs=\"counted,estimate\" >}}\n", "content/x.md:5:1: error: tab `own` is not one of `tabs`", ""},
        {"a chart of an unknown ladder", "{{< chart \"ladder\" ladder=\"llama\" >}}\n", "content/x.md:5:1: error: unknown ladder `llama`",
         "= help: ladders: deepseek"},
        {"a decline of an unknown rung", "{{< chart \"decline\" rung=\"v4\" >}}\n", "content/x.md:5:1: error: ladder `deepseek` has no rung `v4`",
         "= help: its rungs: rl, final, research, people, fleet"},
    };
    for (const Case& c : cases) {
        SUBCASE(c.name) {
            fixture::SiteCopy s;
            REQUIRE(s.edit("content/x.md", "", std::string("+++\ntitle = \"X\"\n+++\n\n") + c.body));
            const auto r = run("build --site " + s.path());
            CHECK(r.code == 1);
            CHECK(fixture::first_line(r.err) == c.first);
            if (*c.help) CHECK_MESSAGE(r.err.find(c.help) != std::string::npos, r.err);
        }
    }
    SUBCASE("a tab the site's data does not support") {
        Built b;
        fixture::fs::copy(kLlama, b.out, fixture::fs::copy_options::recursive);
        fixture::write(b.out / "content" / "x.md", "+++\ntitle = \"X\"\n+++\n\n{{< calc tab=\"serve\" >}}\n");
        const auto r = run("build --site '" + b.out.string() + "'");
        CHECK(r.code == 1);
        CHECK(fixture::first_line(r.err) == "content/x.md:5:1: error: tab `serve` is not supported by this site's data");
        CHECK(r.err.find("= help: it needs a published serving day") != std::string::npos);
    }
}
