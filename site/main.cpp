// costbook: argument parsing only; each verb lives in its own cmd_*.cpp.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <unistd.h>
#if defined(COSTBOOK_MIMALLOC)
#include <mimalloc.h>
#endif

#include "build.h"
#include "load/embedded.h"
#include "cmd/cli.h"
#include "cmd/report.h"
#include "cmd/commit.h"
#include "cmd/help.h"
#include "cmd/serve_cli.h"
#include "costbook/export.h"
#include "costbook/scenario.h"

using namespace costbook::site;

namespace {
// Numbers on the command line read like scenario values: 37e9, 14.8T, 2.788M.
CLI::Validator number_check() {
    return CLI::Validator(
        [](std::string& v) -> std::string {
            return costbook::parse_number(v) ? "" : "not a number: " + v + " (try 37e9 or 14.8T)";
        },
        "NUMBER");
}
double num(const std::string& v) { return v.empty() ? 0 : *costbook::parse_number(v); }
}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"costbook: explainers about what AI models cost, with every number computed"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("costbook ") + costbook::costbook_version() + " (commit " + costbook_commit() +
                                          (kCalcFiles[0].path ? "" : ", without the calculator") + ")");

    CalcOptions calc;
    bool all = false;
    auto* c = app.add_subcommand("calc", "print a model's ledger, the ladder and the other tabs");
    c->add_option("--site", calc.site, "site folder holding data/")->capture_default_str();
    c->add_option("--model", calc.model, "model id from data/models/ (default: data/scenario.toml's)");
    c->add_option("--scenario", calc.scenario, "query string: 'rate=2.5&mfu=0.3&research_mult=1~3~10'");
    c->add_option("--price", calc.price, "API price id from data/prices/ for the inference tab");
    c->add_option("--prices", calc.prices, "the task tab's price date: YYYY-MM-DD, YYYY-MM or all (default: data/tasks.toml's first date)");
    c->add_option("--tab", calc.tabs, "also print: counted, estimate, own, rl, inference, serve, task, time")
        ->check(CLI::IsMember(std::vector<std::string>(std::begin(costbook::kTabs), std::end(costbook::kTabs))));
    auto* ladder = c->add_option("--ladder", calc.ladder,
                                 "print the ladder from headline to full cost (same as --tab counted); --ladder ID: that ladder "
                                 "of data/ladders/ (default: the scenario's ladder=, else data/scenario.toml's)")
                       ->expected(0, 1)
                       ->type_name("[ID]");
    c->add_flag("--all", all, "print every tab");
    c->add_flag("--json", calc.json, "JSON: raw numbers plus core's formatted strings");
    c->add_flag("--uncertainty", calc.uncertainty, "P10/P50/P90 of each tab's headline over the scenario's ranges");
    c->add_option("--samples", calc.samples, "Monte Carlo samples")->check(CLI::Range(1, 10000000))->capture_default_str();
    c->add_option("--seed", calc.seed, "sampling seed (default: core's fixed seed)");
    c->add_flag("--timing", calc.timing, "print how long the sampling took (stderr)");
    c->add_option("--compare", calc.compare, "two scenarios side by side, the difference by input: --compare 'count=rl' 'rate=2.5'")
        ->expected(2);
    bool csv = false;
    auto* csv_flag = c->add_flag("--csv", csv, "print the scenario and its results as the calculator's CSV download");
    c->add_option("--export", calc.export_format, "csv or json: the scenario and its results as the calculator downloads them")
        ->check(CLI::IsMember({"csv", "json"}))
        ->excludes(csv_flag);

    EstimateOptions est;
    std::string params, tokens, mfu, gpus, rate, reported;
    auto* e = app.add_subcommand("estimate", "estimate training compute from first principles (6 x N x D)");
    e->add_option("--site", est.site, "site folder holding data/")->capture_default_str();
    e->add_option("--model", est.model, "start from a model in data/models/: its size, tokens, GPU, precision, GPU-hours");
    e->add_option("--params-active", params, "active parameters per token (37e9)")->check(number_check());
    e->add_option("--tokens", tokens, "training tokens (14.8e12 or 14.8T)")->check(number_check());
    e->add_option("--gpu", est.gpu, "GPU id from data/gpus/ (default h800, or the model's)");
    e->add_option("--precision", est.precision, "bf16 or fp8 (default bf16, or the model's)");
    e->add_option("--architecture", est.architecture, "dense or moe (default dense, or the model's)")
        ->check(CLI::IsMember({"dense", "moe"}));
    e->add_option("--mfu", mfu, "model FLOPs utilisation, 0-1 (default: fitted on data/runs/)")->check(number_check());
    e->add_option("--gpus", gpus, "GPUs in the run, for wall-clock time")->check(number_check());
    e->add_option("--rate", rate, "USD per GPU-hour (default: the GPU's likely rental rate)")->check(number_check());
    e->add_option("--reported-gpu-hours", reported, "published GPU-hours: print the MFU they imply")->check(number_check());
    e->add_flag("--json", est.json, "JSON output");
    e->add_flag("--runs", est.runs, "print the published runs the default MFU is fitted on, and its accuracy by developer and by run");

    BuildOptions build;
#if defined(COSTBOOK_MIMALLOC)
    // A large site's Markdown is freed page by page as it renders: there, freed memory goes back to the
    // system at once, not after mimalloc's delay (peak RSS at 10,000 pages, 63 MB of Markdown: 97-100 MB
    // with the delay, 88 without). A smaller site keeps it once loaded: returning it costs a madvise call
    // and a page fault to take it back (138 calls, 4,173 faults at 1,000 pages), to save a few MB at most.
    const long delay = mi_option_get(mi_option_decommit_delay);
    mi_option_set(mi_option_decommit_delay, 0);
    build.loaded = [delay](size_t markdown_bytes) {
        if (markdown_bytes <= (size_t{16} << 20)) mi_option_set(mi_option_decommit_delay, delay);
    };
#endif
    auto* b = app.add_subcommand("build", "render the site into public/ (or --out)");
    b->add_option("--site", build.site, "site folder (site.toml, content/, templates/, data/, static/)")->capture_default_str();
    b->add_option("--out", build.out, "output folder (default: <site>/public)");
    b->add_option("--base-url", build.base_url, "the URL the site is served from, e.g. https://user.github.io/repo/");
    b->add_flag("--drafts", build.drafts, "include pages with draft = true");
    b->add_option("--calc-dir", build.calc_dir, "folder holding calc.js, calc.wasm and calc-loader.js");

    BuildOptions check;
    check.loaded = build.loaded;   // the same memory policy: check renders every page too
    auto* k = app.add_subcommand("check", "check that every internal link and #anchor resolves, every figure has a source");
    k->add_option("--site", check.site, "site folder")->capture_default_str();
    k->add_option("--base-url", check.base_url, "check as if served from this URL");
    k->add_flag("--drafts", check.drafts, "include drafts");

    ServeOptions serve;
    auto* s = add_serve_command(app, serve);

    std::string new_path;
    auto* n = app.add_subcommand("new", "write a starter site that `costbook build --site PATH` builds");
    n->add_option("path", new_path, "folder to create")->required();

    std::string help_topic;
    HelpOptions help;
    auto* h = app.add_subcommand("help", "a reference printed from the code: costbook help figures|data|tabs|shortcodes|templates");
    h->add_option("topic", help_topic, "the topic; none lists them");
    h->add_option("--site", help.site, "take examples from this site's data")->capture_default_str();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& err) {
        return app.exit(err) == 0 ? kExitOk : kExitUsage;
    }
    if (c->parsed()) {
        if (csv) calc.export_format = "csv";
        if (ladder->count() > 0) calc.tabs.insert(calc.tabs.begin(), "counted");
        calc.all = all;   // the tabs the site's data supports (cmd/calc.cpp)
        return cmd_calc(calc);
    }
    if (b->parsed()) {
        // A build holds the whole site in memory; the OS takes it back faster than a thousand
        // destructors would (compilers skip this teardown for the same reason).
        const int code = cmd_build(build);
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(code);
    }
    if (k->parsed()) return cmd_check(check);
    if (n->parsed()) return cmd_new(new_path);
    if (h->parsed()) return cmd_help(help_topic, help);
    if (s->parsed()) {
        // The options were checked above; costbook-serve, beside this binary, does the work.
        std::error_code ec;
        const std::string exe = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path().string() + "/costbook-serve";
        ::execv(exe.c_str(), argv);
        print_error("cannot run " + exe + ": " + std::strerror(errno), "costbook-serve is built and installed beside costbook");
        return kExitUsage;
    }
    if (e->parsed()) {
        // Each flag as the scenario key it stands for: above 0, clamped into the key's range.
        const struct { const char* flag; const std::string& text; costbook::Key key; double& into; } flags[] = {
            {"--params-active", params, costbook::Key::params, est.params_active},
            {"--tokens", tokens, costbook::Key::tokens, est.tokens},
            {"--mfu", mfu, costbook::Key::mfu, est.mfu},
            {"--gpus", gpus, costbook::Key::gpus, est.gpus},
            {"--rate", rate, costbook::Key::rate, est.rate},
        };
        for (const auto& f : flags)
            if (!f.text.empty() && !flag_value(f.flag, f.text, f.key, f.into)) return kExitUsage;
        est.reported_gpu_hours = num(reported);
        if (!reported.empty() && !(est.reported_gpu_hours > 0 && est.reported_gpu_hours < 1e12)) {
            print_error("--reported-gpu-hours must be above 0 and below 1e12, got " + reported, "give the run's published GPU-hours");
            return kExitUsage;
        }
        return cmd_estimate(est);
    }
    return kExitUsage;
}
