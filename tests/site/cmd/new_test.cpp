// `costbook new`: a starter site, from the files the binary carries, that builds and checks.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"

using fixture::run;
namespace fs = std::filesystem;

TEST_CASE("costbook new writes a starter site that builds and checks, from any folder") {
    const fs::path dir = fs::temp_directory_path() / ("costbook-new-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const auto r = run("new " + dir.string(), "/");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(run("build --site " + dir.string(), "/").code == 0);
    CHECK(fs::exists(dir / "public/index.html"));
    CHECK(run("check --site " + dir.string(), "/").code == 0);
    CHECK(run("new " + dir.string(), "/").code == 2);   // never over an existing site
    fs::remove_all(dir);
}

TEST_CASE("costbook new with an empty name (an unset variable) writes nothing") {
    const fs::path dir = fs::temp_directory_path() / ("costbook-new-empty-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const char* name : {"''", "' '", "\"$UNSET_VARIABLE\""}) {
        CAPTURE(name);
        const auto r = run(std::string("new ") + name, dir.string());
        CHECK(r.code == 2);
        CHECK(r.err.find("error: costbook new needs the name of a folder to create") != std::string::npos);
        CHECK(fs::is_empty(dir));
    }
    fs::remove_all(dir);
}
