// site/load/assets.h: static/ copied as it is, and the calculator from a folder or the binary.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "load/assets.h"
#include "load/embedded.h"

using namespace costbook::site;

TEST_CASE("every file under static/ is an asset at the same path, copied from where it is") {
    fixture::SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "static/img/a b.svg", "<svg/>");
    Diagnostics d;
    const std::vector<Asset> assets = load_static(s.path(), d);
    CHECK(d.empty());
    REQUIRE(assets.size() == 2);
    CHECK(assets[0].path == "css/site.css");
    CHECK(assets[0].src == "static/css/site.css");
    CHECK(assets[0].copy_from == (s.dir / "static/css/site.css").string());
    CHECK(assets[0].bytes.empty());
    CHECK(assets[1].path == "img/a b.svg");
    fixture::fs::remove_all(s.dir / "static");
    CHECK(load_static(s.path(), d).empty());   // no static/: nothing to copy, no error
    CHECK(d.empty());
}

TEST_CASE("a calculator folder must hold calc.js, calc.wasm and calc-loader.js") {
    fixture::SiteCopy s(fixture::kMinimal);
    const std::string dir = (s.dir / "calc").string();
    fixture::write(s.dir / "calc/calc.js", "js");
    Diagnostics d;
    CHECK(load_calculator(dir, d).empty());
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].path == dir + "/calc.wasm");
    CHECK(d.list()[0].message == "the calculator folder has no calc.wasm");
    CHECK(d.list()[0].help.rfind("--calc-dir names a folder", 0) == 0);
    fixture::write(s.dir / "calc/calc.wasm", "wasm");
    fixture::write(s.dir / "calc/calc-loader.js", "loader");
    Diagnostics ok;
    const std::vector<Asset> calc = load_calculator(dir, ok);
    CHECK(ok.empty());
    REQUIRE(calc.size() == 3);
    CHECK(calc[0].path == "calc.js");
    CHECK(calc[1].path == "calc.wasm");
    CHECK(calc[2].path == "calc-loader.js");
    CHECK(calc[2].copy_from == dir + "/calc-loader.js");
}

TEST_CASE("without a folder the calculator is the one the binary carries, if any") {
    if (const char* env = std::getenv("COSTBOOK_CALC_DIR"); env && *env) {
        MESSAGE("skipped: COSTBOOK_CALC_DIR is set");
        return;
    }
    Diagnostics d;
    const std::vector<Asset> calc = load_calculator("", d);
    CHECK(d.empty());
    size_t embedded = 0;
    for (const EmbeddedFile* f = kCalcFiles; f->path; ++f) ++embedded;
    REQUIRE(calc.size() == embedded);   // 3 after the wasm preset, 0 without Emscripten
    for (size_t i = 0; i < calc.size(); ++i) {
        CHECK(calc[i].path == kCalcFiles[i].path);
        CHECK(calc[i].bytes.size() == kCalcFiles[i].size);
    }
}
