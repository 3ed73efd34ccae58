// site/compute/figures.h: every figure prose may cite, computed by core from data with its
// source, and the one text a reported figure is shown as.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "compute/figures.h"
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
