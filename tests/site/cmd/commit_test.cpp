// site/cmd/commit.h: `costbook --version` names the version export files carry and the commit
// costbook was built from.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "cmd/commit.h"
#include "costbook/export.h"

using fixture::run;
using namespace costbook;

TEST_CASE("--version is the version export files carry, and the commit costbook was built from") {
    const std::string out = run("--version").out;
    const std::string head = std::string("costbook ") + costbook_version() + " (commit ";
    REQUIRE(out.rfind(head, 0) == 0);
    const std::string commit = out.substr(head.size(), out.find(')') - head.size());
    CHECK(commit == site::costbook_commit());
    CHECK(commit.size() >= 12);
    CHECK(commit.find_first_not_of("0123456789abcdef") >= 12);   // 12 hex digits, maybe "-dirty" after
    CHECK(out.find("without the calculator") == std::string::npos);   // ./run builds the wasm preset first
}
