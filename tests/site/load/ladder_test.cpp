// data/ladders/<id>.toml: what is counted, declared by the author. A good ladder loads into the
// spec core computes with; a bad one is reported at file:line:col with a help line naming the
// valid kinds, models, stages or earlier rungs, and nothing is loaded.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "../../fixture.h"
#include "costbook/outputs.h"
#include "load/data.h"

namespace fs = std::filesystem;
using namespace costbook;
using namespace costbook::site;

namespace {

// A copy of the shipped data/ whose default ladder is replaced by `ladder` (the test's own text,
// so the line numbers below are the test's, not the shipped file's).
struct LadderData_ {
    fs::path dir;
    explicit LadderData_(const std::string& ladder) {
        static int n = 0;
        dir = fs::temp_directory_path() / ("costbook-ladder-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(dir);
        fs::copy(COSTBOOK_SOURCE_DIR "/data", dir, fs::copy_options::recursive);
        std::ofstream(dir / "ladders" / "deepseek.toml", std::ios::binary) << ladder;
    }
    ~LadderData_() { fs::remove_all(dir); }
    std::optional<Data> load(std::string& printed) const {
        Diagnostics d;
        auto data = load_data(dir.string(), "data/", d);
        std::ostringstream out;
        d.print(out);
        printed = out.str();
        return data;
    }
};

std::string read(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string line_with(const std::string& text, const std::string& start) {
    const size_t at = text.find(start);
    return at == std::string::npos ? "(none: " + start + ")" : text.substr(at, text.find('\n', at) - at);
}

const char* const kHead = "id = \"deepseek\"\n";   // line 1
// Two good rungs (lines 2-13), after which each case adds one.
const char* const kTwo =
    "\n"
    "[[rung]]\n"
    "id = \"rl\"\n"
    "label = \"The RL stages\"\n"
    "kind = \"gpu_hours\"\n"
    "key = \"rl_gpu_hours\"\n"
    "model = \"deepseek-r1\"\n"
    "\n"
    "[[rung]]\n"
    "id = \"final\"\n"
    "label = \"The final run\"\n"
    "kind = \"gpu_hours\"\n"
    "key = \"final_gpu_hours\"\n"
    "model = \"deepseek-v3\"\n";

}  // namespace

TEST_CASE("the shipped default ladder loads: its rungs, keys, kinds and values come from data") {
    const Data& d = fixture::data();
    const LadderData* l = d.ladder(d.default_ladder);
    REQUIRE(l != nullptr);
    REQUIRE(l->spec.size() == static_cast<int>(l->rungs.size()));
    for (const LadderRung& g : l->rungs) {
        CHECK_FALSE(g.spec.label.empty());
        CHECK((g.cite.assumption || d.source(g.cite.source) != nullptr));
        if (g.cite.assumption) CHECK_FALSE(g.cite.reason.empty());
    }
    // A ledger rung's value is its model's published GPU-hours; a fleet rung's, the fleet's total.
    for (const LadderRung& g : l->rungs) {
        if (g.reported) CHECK(g.value.likely > 0);
        CHECK(check_ladder(l->spec));
    }
    // The default site's seed carries it, each rung's value under its key.
    const Scenario s = fixture::scenario();
    CHECK(s.ladder == l->spec);
    CHECK(s.rungs == l->spec.starting());
    for (int i = 0; i < s.ladder.size(); ++i) CHECK(s.range(rung_key(i)) == l->rungs[static_cast<size_t>(i)].value);
}

TEST_CASE("a rung's value from models' ledgers: all stages, some stages, or several models") {
    std::string printed;
    SUBCASE("some stages of one model") {
        LadderData_ m(std::string(kHead) + kTwo +
                      "\n[[rung]]\nid = \"zero\"\nlabel = \"R1-Zero alone\"\nkind = \"gpu_hours\"\nkey = \"zero_gpu_hours\"\n"
                      "model = \"deepseek-r1\"\nstages = [\"r1-zero\"]\n");
        const auto d = m.load(printed);
        REQUIRE_MESSAGE(d, printed);
        const Ledger& r1 = fixture::ledger("deepseek-r1");
        CHECK(d->ladder("deepseek")->rungs[2].value.likely == r1.stages[0].gpu_hours);
    }
    SUBCASE("several models, summed") {
        LadderData_ m(std::string(kHead) + kTwo +
                      "\n[[rung]]\nid = \"both\"\nlabel = \"Both\"\nkind = \"gpu_hours\"\nkey = \"both_gpu_hours\"\n"
                      "model = [\"deepseek-r1\", \"deepseek-v3\"]\nstarts_on = false\n");
        const auto d = m.load(printed);
        REQUIRE_MESSAGE(d, printed);
        const LadderData& l = *d->ladder("deepseek");
        CHECK(l.rungs[2].value.likely ==
              doctest::Approx(total_gpu_hours(fixture::ledger("deepseek-r1")) + total_gpu_hours(fixture::ledger("deepseek-v3"))));
        CHECK(l.spec.starting() == 0b011u);
    }
}

TEST_CASE("a rung's aliases, the keys it had before, load into its spec and read as its key") {
    LadderData_ m(std::string(kHead) + kTwo +
                  "\n[[rung]]\nid = \"staff\"\nlabel = \"Staff\"\nkind = \"fixed\"\nkey = \"staff_usd\"\n"
                  "aliases = [\"people_usd\", \"team_usd\"]\nlikely = 1e8\nassumption = true\nreason = \"r\"\n");
    std::string printed;
    const auto d = m.load(printed);
    REQUIRE_MESSAGE(d, printed);
    const LadderSpec& spec = d->ladder("deepseek")->spec;
    CHECK(spec.rungs[2].aliases == std::vector<std::string>{"people_usd", "team_usd"});
    CHECK(spec.find_key("team_usd") == 2);
    CHECK(check_ladder(spec));
    CHECK(*parse_ladder(write_ladder(spec)) == spec);   // and they travel to the page's calculator
}

TEST_CASE("a bad ladder: file:line:col, the valid ones named, nothing loaded") {
    struct Case { const char* name; std::string extra; const char* first; const char* help; };
    const std::string rung = "\n[[rung]]\nid = \"x\"\nlabel = \"X\"\n";   // lines 17-19 (16 is blank); the case's from 20
    const Case cases[] = {
        {"unknown kind", rung + "kind = \"rented\"\nkey = \"x_usd\"\nlikely = 1\nassumption = true\nreason = \"r\"\n",
         "data/ladders/deepseek.toml:20:8: error: unknown rung kind `rented`",
         "= help: rung kinds: gpu_hours, multiple, fixed, stands_in"},
        {"unknown model", rung + "kind = \"gpu_hours\"\nkey = \"x_gpu_hours\"\nmodel = \"deepseek-r2\"\n",
         "data/ladders/deepseek.toml:22:9: error: unknown model `deepseek-r2`", "= help: known models: claude-3.5-sonnet, deepseek-r1"},
        {"unknown stage", rung + "kind = \"gpu_hours\"\nkey = \"x_gpu_hours\"\nmodel = \"deepseek-r1\"\nstages = [\"r1-zero\", \"r2\"]\n",
         "data/ladders/deepseek.toml:23:22: error: model `deepseek-r1` has no stage `r2`", "= help: its stages: r1-zero, sft-data, r1"},
        {"a later rung named as earlier", rung + "kind = \"multiple\"\nkey = \"x_mult\"\nof = [\"final\", \"fleet\"]\nlikely = 2\nassumption = true\nreason = \"r\"\n",
         "data/ladders/deepseek.toml:22:16: error: `of` names `fleet`, which is not an earlier rung", "= help: earlier rungs: rl, final"},
        {"a stand-in without `for`", rung + "kind = \"stands_in\"\nkey = \"x_usd\"\nlikely = 1\nsource = \"semianalysis-2025-01\"\n",
         "data/ladders/deepseek.toml:17:1: error: rung `x` of kind `stands_in` needs `for`", "= help: name the earlier rungs it stands in for"},
        {"a calculator key taken", rung + "kind = \"fixed\"\nkey = \"rate\"\nlikely = 1\nassumption = true\nreason = \"r\"\n",
         "data/ladders/deepseek.toml:21:7: error: `rate` is one of the calculator's own keys", "= help: give the rung a key of its own, e.g. `x_usd`"},
        {"a key used twice", rung + "kind = \"fixed\"\nkey = \"final_gpu_hours\"\nlikely = 1\nassumption = true\nreason = \"r\"\n",
         "data/ladders/deepseek.toml:21:7: error: rung `final` already uses key `final_gpu_hours`", "= help: give each rung its own key"},
        {"an alias that is another rung's key", rung + "kind = \"fixed\"\nkey = \"x_usd\"\naliases = [\"old_x\", \"final_gpu_hours\"]\nlikely = 1\nassumption = true\nreason = \"r\"\n",
         "data/ladders/deepseek.toml:22:21: error: alias `final_gpu_hours` is the key of rung `final`",
         "= help: an alias names a key no rung uses now; remove it"},
        {"an alias that is a calculator key", rung + "kind = \"fixed\"\nkey = \"x_usd\"\naliases = [\"pin\"]\nlikely = 1\nassumption = true\nreason = \"r\"\n",
         "data/ladders/deepseek.toml:22:12: error: alias `pin` is one of the calculator's own keys", ""},
        {"a key that is an earlier rung's alias", "\n[[rung]]\nid = \"y\"\nlabel = \"Y\"\nkind = \"fixed\"\nkey = \"y_usd\"\naliases = [\"z_usd\"]\nlikely = 1\nassumption = true\nreason = \"r\"\n" +
             rung + "kind = \"fixed\"\nkey = \"z_usd\"\nlikely = 1\nassumption = true\nreason = \"r\"\n",
         "data/ladders/deepseek.toml:31:7: error: `z_usd` is an alias of rung `y`: old links read it as that rung", ""},
        {"no value", rung + "kind = \"fixed\"\nkey = \"x_usd\"\n",
         "data/ladders/deepseek.toml:17:1: error: rung `x` has no value", "= help: add `fleet = \"<id>\"`, or `likely = ...` with a `source`"},
        {"a figure without a source", rung + "kind = \"fixed\"\nkey = \"x_usd\"\nlikely = 1\n",
         "data/ladders/deepseek.toml:17:1: error: figures here have no `source`", "= help: add `source = \"<id>\""},
        {"a model for an amount", rung + "kind = \"fixed\"\nkey = \"x_usd\"\nmodel = \"deepseek-r1\"\n",
         "data/ladders/deepseek.toml:22:9: error: `model` gives GPU-hours: it is for rungs of kind `gpu_hours`", ""},
        {"a value outside the slider's range", rung + "kind = \"multiple\"\nkey = \"x_mult\"\nof = [\"rl\"]\nlikely = 500\nassumption = true\nreason = \"r\"\n",
         "data/ladders/deepseek.toml:17:1: error: rung `x`'s value is outside the calculator's range for it",
         "= help: a multiple rung runs from 0 to 100 (x earlier rungs)"},
    };
    for (const Case& c : cases) {
        SUBCASE(c.name) {
            LadderData_ m(std::string(kHead) + kTwo + c.extra);
            std::string printed;
            CHECK_FALSE(m.load(printed));
            CHECK(printed.substr(0, printed.find('\n')) == c.first);
            if (*c.help) CHECK_MESSAGE(line_with(printed, "= help: ").rfind(c.help, 0) == 0, printed);
        }
    }
}

TEST_CASE("the defaults name a ladder that exists; a rung's key is set in its ladder, not in scenario.toml") {
    std::string printed;
    SUBCASE("an unknown default ladder") {
        LadderData_ m(std::string(kHead) + kTwo);
        std::string text = read(m.dir / "scenario.toml");
        const size_t at = text.find("ladder = \"deepseek\"");
        REQUIRE(at != std::string::npos);
        text.replace(at, 19, "ladder = \"llama\"");
        std::ofstream(m.dir / "scenario.toml", std::ios::binary) << text;
        CHECK_FALSE(m.load(printed));
        const std::string defaults = read(m.dir / "scenario.toml");
        const size_t line = static_cast<size_t>(std::count(defaults.begin(), defaults.begin() + static_cast<long>(defaults.find("ladder = ")), '\n')) + 1;
        CHECK(printed.substr(0, printed.find('\n')) ==
              "data/scenario.toml:" + std::to_string(line) + ":10: error: [defaults] names unknown ladder `llama`");
        CHECK(line_with(printed, "= help: ") == "= help: known: deepseek");
    }
    SUBCASE("a rung's key in scenario.toml says where it belongs") {
        LadderData_ m(std::string(kHead) + kTwo);
        std::ofstream(m.dir / "scenario.toml", std::ios::app) << "\n[final_gpu_hours]\nlikely = 1\nassumption = true\nreason = \"r\"\n";
        CHECK_FALSE(m.load(printed));
        CHECK(line_with(printed, "= help: ") == "= help: `final_gpu_hours` is rung `final` of data/ladders/deepseek.toml: set its value there");
    }
}
