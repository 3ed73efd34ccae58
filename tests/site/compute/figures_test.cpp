// site/compute/figures.h: every figure prose may cite, computed by core from data with its
// source, and the one text a reported figure is shown as.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "../../fixture.h"
#include "compute/figures.h"
#include "compute/fit.h"
#include "costbook/format.h"
#include "costbook/ledger.h"
#include "costbook/outputs.h"

using namespace costbook;
using namespace costbook::site;

TEST_CASE("a model's figures come from its ledger through core, citing its source") {
    const Data& d = fixture::data();
    const FigureRegistry r = build_figures(d, fixture::scenario());
    const Model& v3 = *d.model("deepseek-v3");
    const Fig& cost = r.at("deepseek-v3.total_cost_usd");
    CHECK(cost.value == total_cost_usd(v3.ledger, v3.ledger.usd_per_gpu_hour));
    CHECK(cost.text == format_usd(cost.value));
    CHECK(cost.source == v3.cite.source);
    CHECK_FALSE(cost.assumption);
    CHECK(r.at("deepseek-v3.total_gpu_hours").value == total_gpu_hours(v3.ledger));
    CHECK(r.at("deepseek-r1." + d.model("deepseek-r1")->ledger.stages[0].id + ".gpu_hours").value ==
          d.model("deepseek-r1")->ledger.stages[0].gpu_hours);
    CHECK(r.at("gpu.h800.bf16").value == d.gpu("h800")->bf16_flop_per_s);
    for (const Fleet& f : d.fleets) CHECK(r.count("fleet." + f.id + ".total_usd") == 1);
    for (const Fact& f : d.facts) CHECK_MESSAGE(r.count("fact." + f.id), f.id);
    for (const auto& [key, fig] : r) CHECK_MESSAGE(!fig.text.empty(), key);
}

TEST_CASE("an assumption's figure says so, with its reason") {
    const Data& d = fixture::data();
    const FigureRegistry r = build_figures(d, fixture::scenario());
    // The research rung of the default ladder is an assumption of the ladder file, with its reason.
    const Fig& research = r.at("input.research_mult");
    CHECK(research.assumption);
    const LadderRung* rung = nullptr;
    for (const LadderData& l : d.ladders)
        for (const LadderRung& g : l.rungs)
            if (g.spec.key == "research_mult") rung = &g;
    REQUIRE(rung);
    CHECK(research.reason == rung->cite.reason);
    CHECK(r.at("input.research_mult.range").text == "1×–10×");
}

TEST_CASE("an input a data file gives as an assumption (a GPU's price, a task's tokens) is an assumption with the file's reason") {
    const Data& d = fixture::data();
    const FigureRegistry r = build_figures(d, fixture::scenario());
    const Gpu& gpu = *d.gpu(d.model(d.default_model)->gpu);
    REQUIRE(gpu.purchase.assumption);   // the shipped H800's price: H100 SXM's as a stand-in
    for (const char* key : {"input.gpu_price", "input.gpu_price.range"}) {
        CHECK_MESSAGE(r.at(key).assumption, key);
        CHECK_MESSAGE(r.at(key).reason == gpu.purchase.reason, key);   // was "from data/ (models, GPUs, prices, facts)"
    }
    const Task& task = d.tasks.front();
    REQUIRE(task.cite.assumption);
    for (const char* key : {"input.task_in", "input.task_think", "input.task_out"}) {
        CHECK_MESSAGE(r.at(key).assumption, key);
        CHECK_MESSAGE(r.at(key).reason == task.cite.reason, key);
    }
}

TEST_CASE("figure_text: a value, a bound or a range, in one form everywhere") {
    Figure f;
    f.cost_usd = 79e6;
    CHECK(figure_text(f) == "$79M");
    f.bound = "above";
    f.cost_usd = 100e6;
    CHECK(figure_text(f) == "over $100M");
    f.bound = "below";
    f.cost_usd = 50;
    CHECK(figure_text(f) == "under $50");
    Figure range;
    range.cost_usd_low = 20e6;
    range.cost_usd_high = 50e6;
    CHECK(figure_text(range) == "$20M–$50M");
    Figure cluster;
    cluster.gpus = 10000;
    cluster.usd_per_gpu = 30000;
    CHECK(figure_text(cluster) == "$300M");
}

TEST_CASE("every price figure carries its period; yuan are published, or converted at the price's month and derived") {
    const Data& d = fixture::data();
    const FigureRegistry r = build_figures(d, fixture::scenario());
    for (const Price& p : d.prices) {
        CAPTURE(p.id);
        const Fig& usd = r.at("price." + p.id + ".usd.output");
        CHECK(usd.dated == p.period_text());
        CHECK(usd.source == p.cite.source);
        const auto cny = r.find("price." + p.id + ".cny.output");
        if (p.cny) {
            REQUIRE(cny != r.end());
            CHECK(cny->second.value == p.cny->output_per_mtok);
            CHECK(cny->second.source == p.cite.source);
        } else if (const MonthRate* m = d.rate_for_month(p.from.substr(0, 7))) {
            REQUIRE(cny != r.end());
            CHECK(cny->second.source == "derived");
            CHECK(cny->second.value == doctest::Approx(p.usd->output_per_mtok * m->cny_per_usd));
            CHECK(cny->second.reason.find(m->month) != std::string::npos);   // says which month's rate
        } else {
            CHECK(cny == r.end());   // no yuan to show rather than one at another month's rate
        }
        const bool dated = cny == r.end() || cny->second.dated == p.period_text();
        CHECK(dated);
    }
}

TEST_CASE("a ladder's running totals and the rung that stands in for rented compute are derived, not sourced") {
    const Data& d = fixture::data();
    const FigureRegistry r = build_figures(d, fixture::scenario());
    const LadderData& l = *d.ladder(d.default_ladder);
    CHECK(r.at("ladder." + l.rungs[0].spec.id + ".total").source == l.rungs[0].cite.source);
    bool assumed = false;
    for (size_t i = 0; i < l.rungs.size(); ++i) {
        const LadderRung& g = l.rungs[i];
        CAPTURE(g.spec.id);
        assumed = assumed || g.cite.assumption;
        const Fig& total = r.at("ladder." + g.spec.id + ".total");
        if (i > 0) {
            CHECK(total.source == "derived");
            CHECK_FALSE(total.reason.empty());
            CHECK(total.assumption == assumed);   // a total past an assumption rung rests on it
        }
        const Fig& add = r.at("ladder." + g.spec.id + ".add");
        if (g.spec.kind == RungKind::stands_in) {   // the fleet's total less the rungs it stands in for
            CHECK(add.source == "derived");
            CHECK(add.reason.find(g.cite.source) != std::string::npos);
        } else if (!g.cite.assumption) {
            CHECK(add.source == g.cite.source);
        }
    }
}

TEST_CASE("the fleet: the source's text figures, the exact total labelled with how it came, the capex it implies derived") {
    const Data& d = fixture::data();
    const FigureRegistry r = build_figures(d, fixture::scenario());
    const Fleet& f = d.fleets.front();
    const std::string p = "fleet." + f.id + ".";
    REQUIRE(f.capex_usd > 0);
    CHECK(r.at(p + "capex_usd").value == f.capex_usd);
    CHECK(r.at(p + "capex_usd").source == f.cite.source);
    CHECK(r.at(p + "text_total_usd").value == f.capex_usd + f.opex_usd);
    CHECK(r.at(p + "text_total_usd").source == "derived");
    CHECK(r.at(p + "total_usd").value == f.total_usd);
    CHECK(r.at(p + "total_usd").reason == f.total_via);   // shown with the source's title
    CHECK(r.at(p + "implied_capex_usd").value == doctest::Approx(f.total_usd - f.opex_usd));
    CHECK(r.at(p + "implied_capex_usd").source == "derived");
}

TEST_CASE("an input the seed took from a source cites it; the flat MFU the fit is compared against is labelled costbook's choice") {
    const Data& d = fixture::data();
    const FigureRegistry r = build_figures(d, fixture::scenario());
    const InputSources sources = fixture::sources();
    for (int i = 0; i < kKeyCount; ++i) {
        const Key k = static_cast<Key>(i);
        const std::string& src = sources[i];
        if (d.assumption(k) || !d.source(src) || src == "derived") continue;
        CHECK_MESSAGE(r.at(std::string("input.") + key_info(k).name).source == src, key_info(k).name);
    }
    CHECK(r.at("input.serve_nodes").source == d.fact("serving-nodes-avg")->cite.source);   // the published day, not "derived"
    CHECK(r.at("fact.serving-nodes-avg").text == "226.75");                                  // as published
    CHECK(r.at("mfu.flat").assumption);
    CHECK_FALSE(r.at("mfu.flat").reason.empty());
}

TEST_CASE("every derived figure in the registry says what it is derived from, and every assumption why") {
    const FigureRegistry r = build_figures(fixture::data(), fixture::scenario());
    for (const auto& [key, fig] : r) {
        if (fig.source == "derived") CHECK_MESSAGE(!fig.reason.empty(), key);
        if (fig.assumption) CHECK_MESSAGE(!fig.reason.empty(), key);
    }
}

TEST_CASE("the fit's accuracy by developer, handed in as build computes it, reads as the registry computes it") {
    const Data& d = fixture::data();
    const Accuracy lodo = leave_one_group_out(run_points(d));
    const FigureRegistry own = build_figures(d, fixture::scenario()), given = build_figures(d, fixture::scenario(), &lodo);
    REQUIRE(own.size() == given.size());
    for (const auto& [key, fig] : own) {
        CAPTURE(key);
        REQUIRE(given.count(key));
        CHECK(given.at(key).value == fig.value);
        CHECK(given.at(key).text == fig.text);
    }
}

namespace {
// A site's data/ other than the shipped one, as the build loads it, with its registry and what it cannot make.
struct Site {
    Data d;
    Scenario base;
    InputSources sources;
    FigureNeeds needs;
    FigureRegistry r;
    explicit Site(const std::string& dir) {
        Diagnostics diags;
        auto loaded = load_data(std::string(COSTBOOK_SOURCE_DIR) + "/" + dir, "data/", diags);
        REQUIRE_MESSAGE(loaded, dir);
        d = std::move(*loaded);
        const auto s = seed(d);
        REQUIRE(s);
        base = s->scenario;
        sources = s->sources;
        r = build_figures(d, base, nullptr, &needs);
    }
};
bool has_tab(const Tabs& tabs, std::string_view t) { return std::find(tabs.begin(), tabs.end(), t) != tabs.end(); }
}  // namespace

TEST_CASE("a figure exists only when the data it is computed from does; one a site cannot make says what it needs") {
    // The minimal fixture: an API price and an exchange rate, no serving day, no [attention], no [util], no [decline].
    const Site s("tests/site/ok/minimal/data");
    const Tabs tabs = supported_tabs(s.d);
    REQUIRE_FALSE(has_tab(tabs, "serve"));
    for (const auto& [key, what] : s.needs) {
        CAPTURE(key);
        CHECK_FALSE(s.r.count(key));
        CHECK_FALSE(what.empty());
        CHECK(figure_key_info(key) != nullptr);   // a key of a known form, not a typo
    }
    // What serving costs: the serve tab's needs, in its own words (compute/scenario.h's tab_needs()).
    for (const char* key : {"serve.revenue_usd", "serve.gross_margin", "serve.usd_per_mtok", "serve.usd_per_mtok_output", "serve.busy", "serve.gpus"}) {
        CAPTURE(key);
        CHECK_FALSE(s.r.count(key));
        CHECK(s.needs.at(key) == std::string(tab_needs("serve")));
    }
    // A calculator result: there when its tab is supported, else its tab's needs.
    for (int i = 0; i < kMetricCount; ++i) {
        const Metric m = static_cast<Metric>(i);
        const std::string key = std::string("calc.") + metric_id(m);
        CAPTURE(key);
        if (has_tab(tabs, metric_tab(m))) CHECK(s.r.count(key));
        else CHECK(s.needs.at(key).rfind(tab_needs(metric_tab(m)), 0) == 0);
    }
    // The KV cache: the model's [attention] and [kv_bytes]; an input no file gives: data/scenario.toml's.
    CHECK(s.needs.at("kv.mha") == "an [attention] table in data/models/tiny.toml and [kv_bytes] in data/scenario.toml");
    CHECK(s.needs.at("input.pue") == "[pue] in data/scenario.toml");
    CHECK(s.needs.at("input.billed") == "[billed] in data/scenario.toml");
    // What it has: the exchange rate and the price, cited as the data cites them.
    CHECK(s.r.at("exchange.cny_per_usd").source == s.d.exchange.source);
    CHECK(s.r.at("input.price_hit").source == s.d.price(s.d.default_price)->cite.source);
    CHECK(s.r.at("input.price_hit").dated == s.d.price(s.d.default_price)->period_text());
}

TEST_CASE("a site without an exchange rate has no yuan figures, and one without a price no API figures") {
    const Site s("examples/llama-3.1-405b/data");
    CHECK_FALSE(s.r.count("exchange.cny_per_usd"));
    CHECK(s.needs.at("exchange.cny_per_usd").find("[exchange]") != std::string::npos);
    CHECK_FALSE(s.r.count("calc.api_total_usd"));
    CHECK(s.needs.at("calc.api_total_usd") == std::string(tab_needs("inference")));
    // A yuan result needs the tab's data and the rate.
    CHECK(s.needs.at("calc.api_total_cny").find(s.needs.at("exchange.cny_per_usd")) != std::string::npos);
    CHECK_FALSE(s.r.count("input.price_hit"));
    CHECK(s.needs.at("input.price_hit") == "an API price in data/prices/, named by [defaults] price in data/scenario.toml");
    CHECK(s.needs.at("input.task_in") == "data/tasks.toml");
    CHECK(s.needs.at("input.gpus") == "gpus in data/models/" + s.d.default_model + ".toml");
}

TEST_CASE("the shipped site has every figure's data: it can make every figure of every form") {
    FigureNeeds needs;
    build_figures(fixture::data(), fixture::scenario(), nullptr, &needs);
    CHECK_MESSAGE(needs.empty(), (needs.empty() ? "" : needs.begin()->first + " needs " + needs.begin()->second));
}

TEST_CASE("every figure is sourced, derived with what from, or an assumption with why: none is uncited") {
    for (const char* dir : {"data", "tests/site/ok/minimal/data", "examples/llama-3.1-405b/data"}) {
        const Site s(dir);
        for (const auto& [key, fig] : s.r) {
            CAPTURE(dir);
            CAPTURE(key);
            CHECK_FALSE((fig.source.empty() && !fig.assumption));
            if (fig.source == "derived" || fig.assumption) CHECK_FALSE(fig.reason.empty());
            // An input holds a value from data/, never core's default under a made-up source.
            if (key.rfind("input.", 0) == 0 && key.find(".range") == std::string::npos)
                if (const auto k = find_key(key.substr(6))) CHECK((s.d.assumption(*k) || !s.sources[static_cast<size_t>(*k)].empty()));
        }
    }
}

TEST_CASE("the KV cache figures cite what the data cites for the model's [attention] and [kv_bytes], not a source in code") {
    const FigureRegistry r = build_figures(fixture::data(), fixture::scenario());
    const InputSources src = fixture::sources();
    for (const char* key : {"kv.mha", "kv.mla"}) {
        CAPTURE(key);
        const std::string& why = r.at(key).reason;
        CHECK(why.find(src[static_cast<size_t>(Key::kv_layers)]) != std::string::npos);
        CHECK(why.find(src[static_cast<size_t>(Key::kv_bytes)]) != std::string::npos);
        CHECK(why.find(format_sig(fixture::scenario().get(Key::kv_bytes), 3) + " bytes") != std::string::npos);
    }
    const Model* m = fixture::data().model(fixture::data().default_model);
    REQUIRE(m->attention);
    CHECK(src[static_cast<size_t>(Key::kv_layers)] == (m->attention->cite.source.empty() ? m->cite.source : m->attention->cite.source));
}

TEST_CASE("every ladder's rung keys are input figures, cited by their rung; the default ladder's keep their key") {
    Data d = fixture::data();
    LadderData other = *d.ladder(d.default_ladder);
    other.id = other.spec.id = "other";
    const std::string shared = other.rungs.back().spec.key;   // kept: the default ladder's rung owns input.<key>
    for (size_t i = 0; i + 1 < other.rungs.size(); ++i) {
        other.rungs[i].spec.key = "other_" + other.rungs[i].spec.key;
        other.spec.rungs[i].key = other.rungs[i].spec.key;
    }
    const LadderRung* stated = nullptr;
    for (LadderRung& g : other.rungs)
        if (g.stated && g.spec.key != shared && !stated) {
            g.value = Range{2, 5, 20};
            g.cite = Cite{"", true, "the other ladder's own multiple", {}};
            stated = &g;
        }
    REQUIRE(stated);
    d.ladders.push_back(other);
    const FigureRegistry base = build_figures(fixture::data(), fixture::scenario());
    const FigureRegistry r = build_figures(d, fixture::scenario());
    const Fig& f = r.at("input." + stated->spec.key);
    CHECK(f.assumption);
    CHECK(f.reason == "the other ladder's own multiple");
    CHECK(f.value == 5);
    CHECK(r.at("input." + stated->spec.key + ".range").text.find("20") != std::string::npos);
    for (const LadderRung& g : other.rungs) CHECK_MESSAGE(r.count("input." + g.spec.key), g.spec.key);
    CHECK(r.at("input." + shared).text == base.at("input." + shared).text);   // the default ladder's
    CHECK(r.at("input." + shared).reason == base.at("input." + shared).reason);
}
