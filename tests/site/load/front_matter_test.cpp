// site/load/front_matter.h: the plain front matter read without toml++ gives what toml++ gives, and
// anything else is left to toml++ (whose nodes carry the positions errors need).
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <toml++/toml.h>

#include "load/content.h"
#include "load/front_matter.h"

using costbook::site::PlainFrontMatter;
using costbook::site::plain_front_matter;

namespace {

// What the fast path read, as the TOML table it stands for.
std::string dump(const PlainFrontMatter& f) {
    toml::table t;
    const auto str = [&](const char* key, const std::optional<std::string>& v) { if (v) t.insert(key, *v); };
    const auto flag = [&](const char* key, std::optional<bool> v) { if (v) t.insert(key, *v); };
    str("title", f.title);
    str("description", f.description);
    str("template", f.template_name);
    str("nav_title", f.nav_title);
    flag("draft", f.draft);
    flag("toc", f.toc);
    flag("nav", f.nav);
    if (f.weight) t.insert("weight", static_cast<std::int64_t>(*f.weight));
    if (f.date) t.insert("date", toml::date{std::stoi(f.date->substr(0, 4)), std::stoi(f.date->substr(5, 2)), std::stoi(f.date->substr(8, 2))});
    std::ostringstream s;
    s << t;
    return s.str();
}
std::string dump(const toml::table& t) {
    std::ostringstream s;
    s << t;
    return s.str();
}

// A page as the reader makes it, with its diagnostics, in one comparable string.
std::string page(const std::string& text) {
    costbook::site::Diagnostics d;
    const auto pg = costbook::site::parse_page(text, "a.md", true, d);
    std::string out;
    if (pg)
        out = pg->title + "|" + pg->description + "|" + pg->date + "|" + pg->template_name + "|" + pg->nav_title + "|" +
              std::to_string(pg->draft) + std::to_string(pg->toc) + std::to_string(pg->in_nav) + "|" + std::to_string(pg->weight) +
              "|" + pg->url_path + "|" + pg->body + "|" + std::to_string(pg->body_line);
    for (const auto& e : d.list())
        out += "\n" + e.path + ":" + std::to_string(e.line) + ":" + std::to_string(e.col) + "+" + std::to_string(e.len) + ": " + e.message + " (" + e.help + ")";
    return out;
}

const char* const kPlain[] = {"title = \"Page 1\"\ndate = 2025-02-02\ndescription = \"Synthetic page\"\nweight = 1\n",
                              "title = \"\"\n", "  title   =   \"a\tb · ünï\"  \r\nnav = false\ntoc = true\ndraft = false\n\n",
                              "title = \"x\"\nweight = -12\ntemplate = \"model\"\nnav_title = \"X\"\n",
                              "title = \"x\"\nweight = 0\ndate = 1999-12-28\ndraft = true\nnav = true\n",
                              "title = \"x\"\nweight = 999999999\ndate = 0001-01-01\n"};
}  // namespace

TEST_CASE("plain front matter reads as toml++ reads it") {
    for (const char* text : kPlain) {
        CAPTURE(text);
        PlainFrontMatter fast;
        REQUIRE(plain_front_matter(text, fast));
        CHECK(dump(fast) == dump(toml::parse(text)));
    }
}

TEST_CASE("front matter the fast path does not read goes to toml++") {
    for (const char* text : {"description = \"no title\"\n", "title = \"a\" # a comment\n", "# comment\ntitle = \"a\"\n",
                             "title = \"a \\\" quote\"\n", "title = 'literal'\n", "title = \"a\"\ntitle = \"b\"\n",
                             "title = \"a\"\nslug = \"x\"\n", "title = \"a\"\nunknown = 1\n", "title = \"a\"\ncalc = \"v3\"\n",
                             "title = \"a\"\ncard = false\n", "title = \"a\"\ncard_figure = \"x\"\n", "title = 5\n",
                             "title = \"a\"\nweight = 007\n", "title = \"a\"\nweight = 1_000\n", "title = \"a\"\nweight = 1.5\n",
                             "title = \"a\"\nweight = 1234567890\n", "title = \"a\"\nweight = 1\nweight = 2\n",
                             "title = \"a\"\ndate = 2025-02-30\n", "title = \"a\"\ndate = 2025-13-01\n",
                             "title = \"a\"\ndate = \"2025-01-01\"\n", "title = \"a\"\ndraft = yes\n", "title = \"a\"\ntoc = 1\n",
                             "title = \"a\"\nnav = false\nnav = false\n", "[table]\ntitle = \"a\"\n",
                             "\"title\" = \"a\"\n", "title = \"\"\"multi\"\"\"\n", "title = \"a\"\ndescription = \"b\u0001\"\n"}) {
        CAPTURE(text);
        PlainFrontMatter fast;
        CHECK_FALSE(plain_front_matter(text, fast));
    }
}

TEST_CASE("a page read through the fast path is the page toml++'s path reads, errors and all") {
    // A comment at the end of the front matter's last line sends the same page through toml++, on the same lines.
    const auto pair = [](const std::string& fm, const std::string& body) {
        return std::make_pair("+++\n" + fm + "+++\n" + body, "+++\n" + fm.substr(0, fm.size() - 1) + " # through toml++\n+++\n" + body);
    };
    for (const char* fm : kPlain) {
        const auto [fast, slow] = pair(fm, "\nBody *here*.\n");
        CAPTURE(fast);
        PlainFrontMatter f;
        REQUIRE(plain_front_matter(fm, f));
        PlainFrontMatter g;
        REQUIRE_FALSE(plain_front_matter(slow.substr(4, slow.find("+++", 4) - 4), g));   // really through toml++
        CHECK(page(fast) == page(slow));
    }
    // Front matter the fast path declines reads as it always did, with its errors at their places.
    for (const char* fm : {"title = \"a\"\nweight = 1.5\n", "title = \"a\"\nunknown = 1\n", "title = 5\n",
                           "title = \"a\"\ndate = \"2025-01-01\"\n", "description = \"no title\"\n"}) {
        const auto [fast, slow] = pair(fm, "x\n");
        CAPTURE(fast);
        CHECK(page(fast) == page(slow));
        CHECK(page(fast).find("\ncontent/a.md:") != std::string::npos);
    }
}
