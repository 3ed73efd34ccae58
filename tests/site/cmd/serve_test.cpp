// `costbook serve` as a command: a port in use is a usage error that names it (exit 2).
#include <doctest/doctest.h>

#include <string>

#include "../serve/serve_fixture.h"

using namespace serve_fixture;

TEST_CASE("a port in use is a usage error that names the port") {
    TempSite t;
    Server first(t);
    REQUIRE(first.started());
    TempSite t2;
    Server second(t2, std::to_string(first.port));
    REQUIRE(second.exited(10s));
    CHECK(second.status == 2);
    CHECK(slurp(second.err_file).find("port " + std::to_string(first.port) + " is in use") != std::string::npos);
    CHECK(raw(first.port, "GET /").status == 200);
}
