// site: the costbook command's verbs; site/main.cpp only parses arguments
// Index: [SECTION] Exit codes  [SECTION] Verbs
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace costbook::site {

// ---- [SECTION] Exit codes ----
constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;   // the site's files are wrong
constexpr int kExitUsage = 2;      // the command line is wrong

// ---- [SECTION] Verbs ----
struct CalcOptions {
    std::string site = ".";       // folder holding data/
    std::string model;            // "" = data's default
    std::string ladder;           // --ladder ID: a ladder of data/ladders/; "" = the scenario's `ladder=`, else data's default
    std::string scenario;         // query string applied on top of the data's scenario
    std::string price;            // API price id for the inference tab
    std::string prices;           // the task table's price date: YYYY-MM-DD, YYYY-MM or "all"; "" = data/tasks.toml's first date
    std::vector<std::string> tabs;  // counted, estimate, own, rl, inference, serve, task, time; empty = ledger only
    bool all = false;             // --all: every tab the site's data supports
    bool json = false;
    bool uncertainty = false;     // P10/P50/P90 of each shown tab's headline
    int samples = 100000;
    std::uint64_t seed = 0;       // 0 = core's default seed
    bool timing = false;          // print the sampling time to stderr
    std::vector<std::string> compare;  // --compare A B: two scenario queries side by side
    std::string export_format;    // "csv" or "json": the scenario and its results as the calculator downloads them
};
int cmd_calc(const CalcOptions& o);

struct EstimateOptions {
    std::string site = ".";
    std::string model;            // fill what is not given from this model's data
    double params_active = 0, tokens = 0;
    std::string gpu, precision;   // "" = the model's, else h800 / bf16
    std::string architecture;     // "" = the model's, else dense
    double mfu = 0;               // 0 = the default fitted on data/runs/, with its P10-P90
    double gpus = 0;              // for wall-clock; 0 = not shown
    double rate = 0;              // 0 = the GPU's likely rental rate, from data
    double reported_gpu_hours = 0;  // > 0: also print the MFU that implies
    bool json = false;
    bool runs = false;            // print the default-MFU fit: its runs, formula and accuracy
};
int cmd_estimate(const EstimateOptions& o);

// costbook serve: builds with serve_mode, serves, watches and rebuilds until SIGINT/SIGTERM.
// Exit codes: 0 stopped cleanly, 2 bad usage (port in use, bad address).
struct ServeOptions {
    std::string site = ".";          // folder with site.toml, content/, templates/, data/, static/
    std::string out;                 // "" = a fresh temporary folder, removed on exit: public/ never gets the reload script
    std::string bind = "127.0.0.1";  // loopback unless asked; "0.0.0.0" shows the site to the network
    int port = 1313;                 // Hugo's default; 0 = any free port, printed on the first line
    bool open = false;               // open the page with xdg-open once serving
    bool drafts = false;             // include pages with draft = true
};
int cmd_serve(const ServeOptions& o);

struct BuildOptions;
int cmd_build(const BuildOptions& o);
int cmd_check(const BuildOptions& o);
// build's and check's command-line checks that need no site: kExitUsage (after printing why), else kExitOk.
int build_flags_usage(BuildOptions& o);
int cmd_new(const std::string& path);

}  // namespace costbook::site
