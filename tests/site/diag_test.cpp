// site/diag.h: a diagnostic in the rustc shape (location, gutter, carets, label, note, help),
// every one of a pass printed, then the count.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "../fixture.h"
#include "diag.h"
#include "utf8.h"
#include "site_fixture.h"

using namespace costbook::site;

TEST_CASE("a diagnostic shows its line in a gutter, carets under the span with a label, a note and help") {
    Diagnostic d;
    d.path = "data/models/tiny.toml";
    d.line = 12;
    d.col = 10;
    d.len = 6;
    d.message = "unknown source id `nope`";
    d.label = "not in data/sources.toml";
    d.note = "source ids are defined in data/sources.toml";
    d.help = "add a [[source]] with id = \"nope\"";
    std::string text;
    for (int i = 1; i < 12; ++i) text += "line " + std::to_string(i) + "\n";
    text += "source = \"nope\"\nafter\n";
    CHECK(render(d, &text) ==
          "data/models/tiny.toml:12:10: error: unknown source id `nope`\n"
          "   |\n"
          "12 | source = \"nope\"\n"
          "   |          ^^^^^^ not in data/sources.toml\n"
          "   |\n"
          "   = note: source ids are defined in data/sources.toml\n"
          "   = help: add a [[source]] with id = \"nope\"\n");
    SUBCASE("without the file's text: the location, the note and the help") {
        CHECK(render(d, nullptr) ==
              "data/models/tiny.toml:12:10: error: unknown source id `nope`\n"
              "   = note: source ids are defined in data/sources.toml\n"
              "   = help: add a [[source]] with id = \"nope\"\n");
    }
    SUBCASE("carets stop at the end of the line, and a tab counts as one column") {
        d.len = 100;
        d.col = 2;
        text = std::string(11, '\n') + "\tsource\n";
        CHECK(render(d, &text).find("12 |  source\n   |  ^^^^^^ not in") != std::string::npos);
    }
    SUBCASE("in colour, the location and message are bold and error: is red") {
        CHECK(render(d, &text, true).rfind("\033[1mdata/models/tiny.toml:12:10: \033[1;31merror:\033[0m\033[1m unknown", 0) == 0);
    }
}

TEST_CASE("an unknown position prints as 1:1, never omitted, and shows no source line") {
    Diagnostics diags;
    diags.error("site.toml", 0, 0, "missing `title`", "add title = \"...\"");
    const std::string text = "description = \"x\"\n";
    diags.remember("site.toml", text);
    std::ostringstream out;
    diags.print(out);
    CHECK(out.str() == "site.toml:1:1: error: missing `title`\n  = help: add title = \"...\"\n");
}

TEST_CASE("every diagnostic is printed, then how many; a file not remembered is read from the root") {
    fixture::SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "content/notes.md", "+++\ntitle = \"Minimal\"\n+++\n");
    Diagnostics diags;
    diags.set_root(s.path());
    diags.error("content/notes.md", 2, 9, "first", {}).len = 9;   // read from the site folder
    diags.error("content/about.md", 0, 0, "second");
    std::ostringstream out;
    diags.print(out);
    CHECK(diags.size() == 2);
    CHECK(out.str() ==
          "content/notes.md:2:9: error: first\n"
          "  |\n"
          "2 | title = \"Minimal\"\n"
          "  |         ^^^^^^^^^\n"
          "content/about.md:1:1: error: second\n"
          "error: 2 problems found\n");
    SUBCASE("merge moves the other's diagnostics and texts in") {
        Diagnostics other;
        other.error("x.toml", 1, 1, "third");
        other.remember("x.toml", "x = 1\n");
        diags.merge(std::move(other));
        std::ostringstream merged;
        diags.print(merged);
        CHECK(diags.size() == 3);
        CHECK(merged.str().find("x.toml:1:1: error: third\n  |\n1 | x = 1\n  | ^\n") != std::string::npos);
        CHECK(merged.str().find("error: 3 problems found\n") != std::string::npos);
    }
}

TEST_CASE("40,000 problems print the first 100, then how many more there are") {
    Diagnostics d;
    for (int i = 0; i < 40000; ++i) d.error("data/x.toml", i + 1, 1, "unknown key `k" + std::to_string(i) + "`");
    std::ostringstream out;
    d.print(out);
    const std::string s = out.str();
    CHECK(s.find("unknown key `k99`") != std::string::npos);
    CHECK(s.find("unknown key `k100`") == std::string::npos);
    CHECK(s.find("error: 39900 more problems not shown; fix these first\n") != std::string::npos);
    CHECK(s.size() < 20000);
}

TEST_CASE("a source line too wide to show whole is shown around the caret") {
    Diagnostic d;
    d.path = "content/x.md";
    d.line = 1;
    d.col = 5000;
    d.len = 3;
    d.message = "here";
    const std::string text = std::string(4999, 'a') + "XYZ" + std::string(5000, 'b') + "\n";
    const std::string s = render(d, &text);
    CHECK(s.size() < 600);
    const size_t line = s.find("1 | ");
    const size_t caret = s.find('^');
    REQUIRE(line != std::string::npos);
    REQUIRE(caret != std::string::npos);
    // The caret stands under the X.
    const std::string shown = s.substr(line + 4, s.find('\n', line) - line - 4);
    const size_t caret_col = caret - s.rfind('\n', caret) - 1 - 4;
    CHECK(costbook::site::display_width(shown.substr(0, shown.find('X'))) == caret_col);
}
