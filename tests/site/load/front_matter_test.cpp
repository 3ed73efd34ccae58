// site/load/front_matter.h: the plain front matter read without toml++ gives toml++'s table, and
// anything else is left to toml++ (whose nodes carry the positions errors need).
#include <doctest/doctest.h>

#include <sstream>
#include <iterator>

#include "load/front_matter.h"

namespace {
// The page reader's keys (site/load/content.cpp), and one the fast path has no type for.
const char* const kKnown[] = {"title", "description", "date", "draft", "template", "weight", "slug", "toc", "nav", "nav_title",
                              "untyped"};
bool plain_front_matter(std::string_view text, toml::table& out) {
    return costbook::site::plain_front_matter(text, kKnown, std::size(kKnown), out);
}
std::string dump(const toml::table& t) {
    std::ostringstream s;
    s << t;
    return s.str();
}
}  // namespace

TEST_CASE("plain front matter reads as toml++ reads it") {
    for (const char* text : {"title = \"Page 1\"\ndate = 2025-02-02\ndescription = \"Synthetic page\"\nweight = 1\n",
                             "title = \"\"\n", "  title   =   \"a\tb · ünï\"  \r\nnav = false\ntoc = true\ndraft = false\n\n",
                             "title = \"x\"\nweight = -12\ntemplate = \"model\"\nnav_title = \"X\"\n",
                             "title = \"x\"\nweight = 0\ndate = 1999-12-28\n"}) {
        CAPTURE(text);
        toml::table fast;
        REQUIRE(plain_front_matter(text, fast));
        CHECK(dump(fast) == dump(toml::parse(text)));
    }
}

TEST_CASE("front matter the fast path does not read goes to toml++") {
    for (const char* text : {"description = \"no title\"\n", "title = \"a\" # a comment\n", "# comment\ntitle = \"a\"\n",
                             "title = \"a \\\" quote\"\n", "title = 'literal'\n", "title = \"a\"\ntitle = \"b\"\n",
                             "title = \"a\"\nslug = \"x\"\n", "title = \"a\"\nunknown = 1\n", "title = \"a\"\ncalc = \"v3\"\n", "title = \"a\"\nuntyped = \"x\"\n", "title = 5\n",
                             "title = \"a\"\nweight = 007\n", "title = \"a\"\nweight = 1_000\n", "title = \"a\"\nweight = 1.5\n",
                             "title = \"a\"\ndate = 2025-02-30\n", "title = \"a\"\ndate = 2025-13-01\n",
                             "title = \"a\"\ndate = \"2025-01-01\"\n", "title = \"a\"\ndraft = yes\n", "[table]\ntitle = \"a\"\n",
                             "\"title\" = \"a\"\n", "title = \"\"\"multi\"\"\"\n"}) {
        CAPTURE(text);
        toml::table fast;
        CHECK_FALSE(plain_front_matter(text, fast));
    }
}
