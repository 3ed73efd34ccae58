// site/compute/figures.h: every figure prose may cite, computed by core from data with its
// source, and the one text a reported figure is shown as.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "compute/figures.h"
#include "compute/fit.h"
#include "costbook/format.h"
#include "costbook/ledger.h"

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
