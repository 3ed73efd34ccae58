// site/compute/fit.h: the default MFU, fitted by core on data/runs/, a run's own estimate
// fitted without it.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "compute/fit.h"
#include "costbook/estimate.h"

using namespace costbook;
using namespace costbook::site;

TEST_CASE("every run whose GPU is known is a point of the fit") {
    const Data& d = fixture::data();
    const std::vector<RunPoint> points = run_points(d);
    size_t known = 0;
    for (const Run& r : d.runs) known += d.gpu(r.gpu) != nullptr;
    CHECK(points.size() == known);
    CHECK(mfu_fit(d).runs == static_cast<int>(points.size()));
    REQUIRE_FALSE(d.runs.empty());
    CHECK(mfu_fit(d, d.runs.front().id).runs == static_cast<int>(points.size()) - 1);   // held out
}

TEST_CASE("the default MFU is a fraction of the peak asked for, with the fit's P10-P90 around it") {
    const Data& d = fixture::data();
    const Gpu& h800 = *d.gpu("h800");
    const Range bf16 = default_mfu(d, h800, 37e9, "moe", "bf16");
    CHECK(bf16.low < bf16.likely);
    CHECK(bf16.likely < bf16.high);
    CHECK(bf16.likely > 0);
    CHECK(bf16.high < 1);
    CHECK(default_mfu(d, h800, 37e9, "dense", "bf16").likely != bf16.likely);   // the architecture is a term of the fit
    // A run's own estimate is fitted without it.
    REQUIRE(d.run("deepseek-v3"));
    CHECK(default_mfu(d, h800, 37e9, "moe", "fp8", "deepseek-v3").likely != default_mfu(d, h800, 37e9, "moe", "fp8").likely);
}

TEST_CASE("a site without data/runs/ estimates from the shipped runs: Llama 3.1 405B's reported hours fall in the fit's P10-P90") {
    // Before the runs were shipped, this site's fit had 0 runs: MFU 100%, a third of the reported hours.
    costbook::site::Diagnostics diags;
    const auto d = load_data(COSTBOOK_SOURCE_DIR "/examples/llama-3.1-405b/data", "data/", diags);
    REQUIRE(d);
    const Model& m = *d->model("llama-3.1-405b");
    const Gpu& g = *d->gpu(m.gpu);
    const Range mfu = default_mfu(*d, g, m.params_active, m.architecture, m.precision, m.id);   // without its own run
    CHECK(mfu_fit(*d, m.id).runs == shipped_run_count() - 1);
    const double flops = training_flops(m.params_active, m.tokens);
    const double reported = m.ledger.stages[0].gpu_hours;
    const Range hours = gpu_hours_range(flops, g.peak(m.precision), mfu);
    CHECK(hours.low < reported);
    CHECK(hours.high > reported);
    CHECK(mfu.likely < 0.6);
}
