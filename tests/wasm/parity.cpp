// Prints core's values and strings for a table of scenarios: every tab's rows and headline, every
// metric, each input's text, parse errors, seeded uncertainty runs and what drives them, and the calculator's CSV and
// JSON downloads and pinned comparisons (export.h, compare.h). Built natively and with
// em++ (run by node); ctest's wasm_parity compares the two outputs byte for byte (compare.cmake).
//
//   calc_parity          the table
//   calc_parity --bench  times simulate() and spread() over 100,000 samples (wasm/bench.mjs runs it in node)
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "costbook/compare.h"
#include "costbook/export.h"
#include "costbook/format.h"
#include "costbook/outputs.h"
#include "costbook/scenario.h"

using namespace costbook;

namespace {

// The default site's scenario (content/index.md's calculator, from data/): its ladder total's
// P10/P50/P90 are stored in tests/core/uncertainty_test.cpp.
const char* const kDefault =
    "model=deepseek-v3&tab=counted&count=rl,final,research,people,fleet&currency=usd&rate=2&rl_gpu_hours=147000&"
    "final_gpu_hours=2.788e6&research_mult=1~3~10&people_usd=1e8~2e8~4e8&fleet_usd=2.573e9&params=3.7e10&"
    "tokens=1.48e13&peak=1.979e15&mfu=0.175&gpus=2048&gpu_price=25000~27500~30000&server_overhead=0.5&years=4&"
    "util=0.5~0.8~0.95&watts=700&host_overhead=0.5&pue=1.3&kwh=0.08&rl_params=3.7e10&rl_prompts=332800&rl_group=16&"
    "rl_sample_tokens=4000~8000~16000&gen_mfu=0.02~0.05~0.1&value_ratio=1&in_mtok=1&out_mtok=1&hit=0.563&"
    "price_hit=0.14&price_miss=0.55&price_out=2.19&cny_per_usd=7.27&kv_layers=61&kv_heads=128&kv_head_dim=128&"
    "kv_latent=512&kv_rope=64&kv_bytes=2&decline=0.5~0.75~0.9&decline_years=1";

// Its ladder, as the page's data-ladder carries it (data/ladders/deepseek.toml).
const char* const kLadder =
    "deepseek;rl:gpu_hours:rl_gpu_hours::on:R1's RL stages;final:gpu_hours:final_gpu_hours::on:V3's final training run;"
    "research:multiple:research_mult:final:on:Research, ablations and failed runs;people:fixed:people_usd::on:Data and people;"
    "fleet:stands_in:fleet_usd:rl,final,research:on:Owning the fleet (capex + opex)";

// The default scenario on its ladder.
Scenario default_base() {
    Scenario ladder;
    ladder.ladder = *parse_ladder(kLadder);
    return parse_scenario(kDefault, ladder).scenario;
}

// Changes on top of the default, as a reader's #hash would carry them.
const char* const kChanges[] = {
    "",
    "count=rl",
    "count=rl,final&rate=2.5",
    "count=none",
    "rate=0.1&research_mult=0&people_usd=0&fleet_usd=1e12",
    "mfu=0.35&gpus=1&params=4.05e11&tokens=1.5e13&peak=9.894e14",
    "util=0.01&kwh=2&pue=3&years=0.25",
    "util=1&gpu_price=100",
    "rl_group=1&value_ratio=0&gen_mfu=1",
    "currency=cny&in_mtok=1e9&out_mtok=0&hit=1",
    "kv_layers=1&kv_heads=1&kv_head_dim=1&kv_latent=16384&kv_rope=0&kv_bytes=0.125",
    "decline=0.99&decline_years=30",
    "research_mult=1.5~2~2.5&rate=1.7~2~2.9&util=0.3~0.6",
    "rate=99&mfu=7&x=1&count=foo&tab=nope&rl_group=2.4&hit=abc&decline=0.9~0.5",
    "#tab=time&rate=1e-300",
};

std::string num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

void print_scenario(const Scenario& s) {
    std::printf("  query %s\n", write_scenario(s).c_str());
    const Outputs o = compute(s);
    for (const char* tab : kTabs) {
        std::printf("  [%s] %s | %s\n", tab, tab_title(tab), headline_text(s, o, tab).c_str());
        for (const Row& r : result_rows(s, o, tab)) std::printf("    %s = %s\n", r.label.c_str(), r.value.c_str());
    }
    for (int i = 0; i < kMetricCount; ++i) {
        const Metric m = static_cast<Metric>(i);
        const double v = metric_value(o, m);
        std::printf("  %s %s %s\n", metric_id(m), num(v).c_str(), metric_text(m, v).c_str());
    }
    for (Key k : input_keys(s)) std::printf("  %s %s\n", input_info(s, k).name, input_value_text(s, k, s.get(k)).c_str());
    // What each control would say beside it on each tab, and each rung's checkbox.
    for (const char* tab : kTabs)
        for (Key k : input_keys(s)) {
            const std::string why = not_counted_reason(s, tab, k);
            if (!why.empty()) std::printf("  [%s] %s: %s\n", tab, input_info(s, k).name, why.c_str());
        }
    for (int i = 0; i < s.ladder.size(); ++i) std::printf("  rung %d: %s\n", i, rung_not_counted_reason(s, i).c_str());
}

int bench() {
    const Scenario s = default_base();
    Percentiles p{};
    double best = 1e30;
    for (int run = 0; run < 5; ++run) {
        const auto t0 = std::chrono::steady_clock::now();
        p = simulate(s, Metric::ladder_total_usd, 100000);
        const std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - t0;
        if (ms.count() < best) best = ms.count();
    }
    // spread(): the same draws, with each ranged input's bin kept for its variance share.
    double best_spread = 1e30;
    for (int run = 0; run < 5; ++run) {
        const auto t0 = std::chrono::steady_clock::now();
        const Spread sp = spread(s, Metric::ladder_total_usd, 100000);
        const std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - t0;
        if (ms.count() < best_spread && sp.band.p50 == p.p50) best_spread = ms.count();
    }
    std::printf("simulate 100000 samples: %.2f ms (best of 5); P50 %s; spread(): %.2f ms\n", best, format_usd(p.p50).c_str(),
                best_spread);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "--bench") == 0) return bench();
    const Scenario base = default_base();
    std::printf("ladder %s\n", write_ladder(base.ladder).c_str());
    for (const char* change : kChanges) {
        const ParsedScenario p = parse_scenario(change, base);
        std::printf("scenario \"%s\"\n", change);
        for (const Error& e : p.errors) std::printf("  error %s | %s | %s\n", e.field.c_str(), e.message.c_str(), e.help.c_str());
        for (const std::string& n : p.notes) std::printf("  note %s\n", n.c_str());
        std::printf("  changed %s\n", write_scenario(p.scenario, &base).c_str());
        print_scenario(p.scenario);
    }
    // Seeded sampling: every headline metric over the default ranges (fewer samples for speed),
    // and the ladder total at the default 100,000 against the values stored by the core tests.
    for (int i = 0; i < kMetricCount; ++i) {
        const Percentiles p = simulate(base, static_cast<Metric>(i), 5000);
        std::printf("simulate %s %s %s %s | %s\n", metric_id(static_cast<Metric>(i)), num(p.p10).c_str(), num(p.p50).c_str(),
                    num(p.p90).c_str(), band_note(base, static_cast<Metric>(i), p).c_str());
        // What drives it (spread()): each input's tornado ends and variance share, and core's lines.
        const Spread sp = spread(base, static_cast<Metric>(i), 5000);
        for (const SpreadInput& in : sp.inputs)
            std::printf("  spread %s %s %s %s\n", input_info(base, in.key).name, num(in.share).c_str(), num(in.at_low).c_str(),
                        num(in.at_high).c_str());
        for (const Row& r : spread_rows(base, sp)) std::printf("  spread row %s: %s\n", r.label.c_str(), r.value.c_str());
    }
    const Percentiles p = simulate(base, Metric::ladder_total_usd);
    std::printf("simulate ladder_total_usd 100000: %s %s %s\n", num(p.p10).c_str(), num(p.p50).c_str(), num(p.p90).c_str());
    const bool stored = p.p10 == 2728185121.162206 && p.p50 == 2800086088.8957515 && p.p90 == 2895483696.3941345;
    std::printf("stored P10/P50/P90 (tests/core/uncertainty_test.cpp): %s\n", stored ? "match" : "DIFFER");
    for (double v : {0.0, -1.5, 0.014, 0.555, 999.995, 999990.0, 2.573e9, 1e15, 3.29e24, 1e308})
        std::printf("format %s: %s %s %s %s %s\n", num(v).c_str(), format_usd(v).c_str(), format_cny(v).c_str(),
                    format_percent(v).c_str(), format_flop(v).c_str(), format_count(v).c_str());
    for (double v : {0.1, 2.5, 1.0 / 3, 2.788e6, 1e-300, 123456789.123})
        std::printf("number %s\n", write_number(v).c_str());
    // The downloads, byte for byte (compare.cmake checks they are here), and the pinned comparisons.
    const InputSources sources =
        parse_sources("rate=dsv3-report&final_gpu_hours=dsv3-report&research_mult=assumption&mfu=derived", base);
    for (const char* change : {"", "count=rl,final&rate=2.5", "currency=cny&tab=inference&in_mtok=1e9&hit=0",
                               "research_mult=1.5~2~2.5&rate=1.7~2~2.9&util=0.3~0.6"}) {
        const Scenario s = parse_scenario(change, base).scenario;
        InputSources src = sources;
        drop_changed_sources(src, s, base);
        std::printf("export csv \"%s\" %s\n%s", change, export_filename(s, "csv").c_str(), export_csv(s, src).c_str());
        std::printf("export json \"%s\"\n%s", change, export_json(s, src).c_str());
        for (const char* tab : kTabs) {
            const Comparison c = compare_scenarios(base, s, headline_metric_of(s, tab));
            std::printf("compare [%s] %s | %s | %s | %s\n", tab, num(c.difference).c_str(), c.a_text.c_str(), c.b_text.c_str(),
                        c.difference_text.c_str());
            for (const Contribution& p : c.parts)
                std::printf("  part %s %s | %s -> %s | %s\n", p.id.c_str(), num(p.value).c_str(), p.from.c_str(), p.to.c_str(),
                            p.text.c_str());
        }
    }
    return 0;
}
