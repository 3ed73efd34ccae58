// The loader reports every bad input at its file:line:col, and loads nothing then.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "../fixture.h"
#include "load/data.h"

namespace fs = std::filesystem;
using namespace costbook::site;

namespace {

std::string read(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// A copy of the shipped data/ with one file edited: find → replace (find must occur).
struct Mutant {
    fs::path dir;
    explicit Mutant(const std::string& file, const std::string& find, const std::string& replace) {
        static int n = 0;
        dir = fs::temp_directory_path() / ("costbook-data-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(dir);
        fs::copy(COSTBOOK_SOURCE_DIR "/data", dir, fs::copy_options::recursive);
        const fs::path p = dir / file;
        std::string text = read(p);
        const size_t at = text.find(find);
        REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found in " << file << ": " << find);
        text.replace(at, find.size(), replace);
        std::ofstream(p, std::ios::binary) << text;
    }
    ~Mutant() { fs::remove_all(dir); }
    std::string first_error() const {
        Diagnostics d;
        const auto data = load_data(dir.string(), "data/", d);
        CHECK_FALSE(data.has_value());
        if (d.empty()) return "(no error)";
        std::ostringstream out;
        d.print(out);
        const std::string all = out.str();
        return all.substr(0, all.find('\n'));
    }
};

}  // namespace

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

TEST_CASE("bad data is reported at file:line:col") {
    struct Case { const char* name; const char* file; const char* find; const char* replace; const char* expected; };
    const Case cases[] = {
        {"unknown source id", "models/deepseek-v3.toml", "gpu_hours = 119e3\nsource = \"dsv3-report\"",
         "gpu_hours = 119e3\nsource = \"dsv3-reprot\"",
         "data/models/deepseek-v3.toml:32:10: error: unknown source id `dsv3-reprot`"},
        {"unknown GPU", "models/deepseek-r1.toml", "id = \"r1\"\nname = \"R1 (SFT and RL)\"\ngpu = \"h800\"",
         "id = \"r1\"\nname = \"R1 (SFT and RL)\"\ngpu = \"h900\"",
         "data/models/deepseek-r1.toml:37:7: error: unknown GPU `h900`"},
        {"negative GPU-hours", "models/deepseek-v3.toml", "gpu_hours = 5e3", "gpu_hours = -5e3",
         "data/models/deepseek-v3.toml:38:13: error: `gpu_hours` must be above 0 in [[stages]]"},
        {"nan", "models/deepseek-v3.toml", "tokens = 14.8e12", "tokens = nan",
         "data/models/deepseek-v3.toml:8:10: error: `tokens` must be a finite number"},
        {"inf", "gpus/h800.toml", "watts = 700", "watts = inf",
         "data/gpus/h800.toml:9:9: error: `watts` must be a finite number"},
        {"string for a number", "gpus/h800.toml", "watts = 700", "watts = \"700\"",
         "data/gpus/h800.toml:9:9: error: `watts` must be a number"},
        {"duplicate model id", "models/llama-4-scout.toml", "id = \"llama-4-scout\"", "id = \"llama-4-maverick\"",
         "data/models/llama-4-scout.toml:1:6: error: model id `llama-4-maverick` is defined twice"},
        {"missing required key", "models/gpt-4.toml", "name = \"GPT-4\"\n", "",
         "data/models/gpt-4.toml:1:1: error: missing `name`"},
        {"unknown key", "fleet/deepseek.toml", "years = 4", "yaers = 4",
         "data/fleet/deepseek.toml:6:1: error: unknown key `yaers`"},
        {"toml syntax", "prices/api.toml", "output = 16 }", "output = 16 ",
         "data/prices/api.toml:12:40: error: Error while parsing inline table: expected key or closing '}', saw '\\n'"},
        {"unknown GPU generation", "gpus/h20.toml", "generation = \"hopper\"", "generation = \"blackwell\"",
         "data/gpus/h20.toml:3:14: error: GPU generation `blackwell` is not one of ampere, hopper"},
        {"a run repeats what its model file says", "runs/deepseek.toml", "model = \"deepseek-v3\"", "model = \"deepseek-v3\"\ngpu_hours = 2.7e6",
         "data/runs/deepseek.toml:33:13: error: `gpu_hours` comes from data/models/deepseek-v3.toml"},
        {"a run names an unknown model", "runs/meta.toml", "model = \"llama-4-scout\"", "model = \"llama-4-scoot\"",
         "data/runs/meta.toml:168:9: error: unknown model `llama-4-scoot`"},
        {"duplicate run id", "runs/others.toml", "id = \"bloom-176b\"", "id = \"falcon-180b\"",
         "data/runs/others.toml:22:6: error: run id `falcon-180b` is defined twice"},
        {"a run without hours", "runs/others.toml", "gpu_hours = 1082990\n", "",
         "data/runs/others.toml:21:1: error: missing `gpu_hours` in [[run]]"},
        {"a run without a developer", "runs/others.toml", "developer = \"bigscience\"\n", "",
         "data/runs/others.toml:21:1: error: missing `developer` in [[run]]"},
        {"a run names an unknown developer", "runs/others.toml", "developer = \"bigscience\"", "developer = \"big science\"",
         "data/runs/others.toml:24:13: error: unknown developer `big science`"},
        {"a model's developer is not in developers.toml", "developers.toml", "name = \"Meta\"", "name = \"Meta AI\"",
         "data/runs/meta.toml:164:9: error: model `llama-3.1-405b` names developer `Meta`, which is not in data/developers.toml"},
        {"an unknown way of reporting hours", "runs/others.toml", "reported = \"gpus x days\"", "reported = \"gpu-days\"",
         "data/runs/others.toml:40:12: error: unknown way of reporting `gpu-days`"},
        {"GPUs x days without the days", "runs/others.toml", "days = 14 ", "",
         "data/runs/others.toml:36:1: error: reported = \"gpus x days\" needs `gpus` and `days` in [[run]]"},
        {"phases that do not pair up", "runs/open-labs.toml", "days = [9.5, 35]", "days = [9.5]",
         "data/runs/open-labs.toml:44:8: error: `gpus` lists 2 phases, `days` 1"},
        {"no source and no assumption", "fleet/deepseek.toml", "source = \"semianalysis-2025-01\"", "",
         "data/fleet/deepseek.toml:1:1: error: figures here have no `source`"},
        {"assumption without a reason", "scenario.toml",
         "reason = \"PPO's value model is usually the policy's size (dsmath-grpo)\"", "",
         "data/scenario.toml:63:14: error: an assumption needs a one-line `reason`"},
        {"unknown scenario input", "scenario.toml", "[kwh]", "[kwhh]",
         "data/scenario.toml:32:2: error: unknown scenario input `kwhh`"},
        {"range out of order", "scenario.toml", "low = 0.5\nlikely = 0.8", "low = 0.9\nlikely = 0.8",
         "data/scenario.toml:15:1: error: range in [util] must satisfy low <= likely <= high"},
    };
    for (const Case& c : cases) {
        SUBCASE(c.name) {
            Mutant m(c.file, c.find, c.replace);
            CHECK(m.first_error() == c.expected);
        }
    }
}

TEST_CASE("every problem in a pass is reported, not just the first") {
    Mutant m("gpus/h800.toml", "watts = 700\nnvlink_gb_per_s = 400", "watts = -700\nnvlink_gb_per_s = nan");
    Diagnostics d;
    CHECK_FALSE(load_data(m.dir.string(), "data/", d));
    CHECK(d.size() == 2);
}

TEST_CASE("a diagnostic shows the line, carets under the span, and help") {
    Mutant m("models/deepseek-v3.toml", "gpu_hours = 119e3\nsource = \"dsv3-report\"", "gpu_hours = 119e3\nsource = \"nope\"");
    Diagnostics d;
    load_data(m.dir.string(), "data/", d);
    std::ostringstream out;
    d.print(out);
    CHECK(out.str().rfind(
              "data/models/deepseek-v3.toml:32:10: error: unknown source id `nope`\n"
              "   |\n"
              "32 | source = \"nope\"\n"
              "   |          ^^^^^^ not in data/sources.toml\n"
              "   |\n"
              "   = note: source ids are defined in data/sources.toml\n"
              "   = help: add a [[source]] with id = \"nope\", or use one of: dsv3-report",
              0) == 0);
}
