// site/load/toml_reader.h: a getter checks presence, type and range, records the problem at
// the node, and returns a harmless default so one pass reports everything.
#include <doctest/doctest.h>

#include <string>

#include "load/toml_reader.h"

using costbook::Range;
using namespace costbook::site;

namespace {
std::string messages(const Diagnostics& d) {
    std::string all;
    for (const Diagnostic& x : d.list())
        all += std::to_string(x.line) + ":" + std::to_string(x.col) + " " + x.message + "\n";
    return all;
}
}  // namespace

TEST_CASE("each getter reports a problem at its node and goes on") {
    const toml::table t = toml::parse(
        "name = 3\n"
        "when = \"soon\"\n"
        "hours = \"41e3\"\n"
        "big = 1e31\n"
        "tiny = 1e-31\n"
        "zero = 0\n"
        "minus = -1\n"
        "on = \"yes\"\n"
        "ok = 2.5\n",
        std::string_view("data/x.toml"));
    Diagnostics d;
    TableReader r(t, "data/x.toml", "[[stages]]", d);
    CHECK(r.str("name").empty());
    CHECK(r.str("title").empty());
    CHECK(r.str("note", false).empty());      // optional: no error
    CHECK(r.date("when").empty());
    CHECK(r.num("hours") == 0);
    CHECK(r.num("big") == 0);
    CHECK(r.num("tiny") == 0);
    CHECK(r.num("zero") == 0);                // 0 is a number costbook reads...
    CHECK(r.num("zero", true, true) == 0);    // ...unless it must be above 0
    CHECK(r.num("minus") == 0);
    CHECK_FALSE(r.flag("on"));
    CHECK(r.num("ok", true, true) == 2.5);
    CHECK(messages(d) ==
          "1:8 `name` must be a string in [[stages]]\n"
          "1:1 missing `title` in [[stages]]\n"
          "2:8 `when` must be a date in [[stages]]\n"
          "3:9 `hours` must be a number in [[stages]]\n"
          "4:7 `big` is out of range in [[stages]]: costbook reads 0 and numbers from 1e-30 to 1e30\n"
          "5:8 `tiny` is out of range in [[stages]]: costbook reads 0 and numbers from 1e-30 to 1e30\n"
          "6:8 `zero` must be above 0 in [[stages]]\n"
          "7:9 `minus` must be 0 or more in [[stages]]\n"
          "8:6 `on` must be true or false in [[stages]]\n");
}

TEST_CASE("range reads likely alone as a point, or low <= likely <= high") {
    Diagnostics d;
    const toml::table point = toml::parse("likely = 4\n");
    const Range p = TableReader(point, "s.toml", "[years]", d).range();
    CHECK(p.low == 4);
    CHECK(p.likely == 4);
    CHECK(p.high == 4);
    const toml::table spread = toml::parse("low = 1\nlikely = 3\nhigh = 10\n");
    const Range r = TableReader(spread, "s.toml", "[research_mult]", d).range();
    CHECK(r.low == 1);
    CHECK(r.high == 10);
    CHECK(d.empty());
    const toml::table reversed = toml::parse("low = 5\nlikely = 3\nhigh = 10\n");
    TableReader(reversed, "s.toml", "[research_mult]", d).range();
    CHECK(messages(d) == "1:1 range in [research_mult] must satisfy low <= likely <= high\n");
}

TEST_CASE("only() names every unknown key, with the known ones as help") {
    const toml::table t = toml::parse("id = \"a\"\nyaers = 4\n");
    Diagnostics d;
    TableReader(t, "data/fleet/a.toml", "", d).only({"id", "years"});
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].message == "unknown key `yaers`");
    CHECK(d.list()[0].len == 5);
    CHECK(d.list()[0].label == "not a key costbook reads");
    CHECK(d.list()[0].help == "known keys: id, years");
}
