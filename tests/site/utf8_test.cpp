// site/utf8.h: strict validation, line and column by code point, padding, XML-safe decoding.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "utf8.h"

using namespace costbook::site;

TEST_CASE("valid_utf8 takes UTF-8 and points at the first byte that is not") {
    CHECK(valid_utf8(""));
    CHECK(valid_utf8("plain ASCII, longer than one eight-byte word"));
    CHECK(valid_utf8("caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x92\xB0"));   // é, en dash, 💰
    size_t at = 99;
    CHECK_FALSE(valid_utf8("The \xff\xfe numbers", &at));
    CHECK(at == 4);
    struct Case { const char* what; std::string bytes; size_t at; };
    for (const Case& c : {Case{"a lone continuation byte", "ab\x80", 2},
                          Case{"an overlong slash", "x\xC0\xAF", 1},
                          Case{"an overlong three-byte NUL", "\xE0\x80\x80", 0},
                          Case{"a surrogate", "ok \xED\xA0\x80", 3},
                          Case{"past U+10FFFF", "\xF4\x90\x80\x80", 0},
                          Case{"cut short at the end", "12345678\xE2\x80", 8}}) {
        CAPTURE(c.what);
        size_t bad = 99;
        CHECK_FALSE(valid_utf8(c.bytes, &bad));
        CHECK(bad == c.at);
    }
}

TEST_CASE("line_col is 1-based and counts code points, as the carets do") {
    const std::string text = "ab\nc\xC3\xA9x\n\nz";
    CHECK(line_col(text, 0).line == 1);
    CHECK(line_col(text, 0).col == 1);
    CHECK(line_col(text, 2).col == 3);          // the newline itself is still on line 1
    CHECK(line_col(text, 3).line == 2);
    CHECK(line_col(text, 3).col == 1);
    CHECK(line_col(text, 6).col == 3);          // x: after c and the two bytes of é
    CHECK(line_col(text, 8).line == 3);
    CHECK(line_col(text, 9).line == 4);
    CHECK(line_col(text, 9).col == 1);
    CHECK(line_col(text, 1000).line == 4);      // past the end: the end
    CHECK(line_col(text, 1000).col == 2);
}

TEST_CASE("pad fills to a width in code points, and always leaves one space") {
    CHECK(display_width("caf\xC3\xA9") == 4);
    CHECK(display_width("") == 0);
    CHECK(pad("rate", 8) == "rate    ");
    CHECK(pad("caf\xC3\xA9", 6) == "caf\xC3\xA9  ");   // é is one column, not two bytes
    CHECK(pad("exactly8", 8) == "exactly8 ");
    CHECK(pad("longer than the column", 4) == "longer than the column ");
}

TEST_CASE("decode_xml_text keeps what XML can hold and replaces or drops the rest") {
    using V = std::vector<std::uint32_t>;
    CHECK(decode_xml_text("a\tb\n") == V{'a', '\t', 'b', '\n'});
    CHECK(decode_xml_text("\xC3\xA9\xE2\x80\x93") == V{0xE9, 0x2013});
    CHECK(decode_xml_text("a\r\x1Bz") == V{'a', 'z'});                      // C0 controls but tab and newline dropped
    CHECK(decode_xml_text(std::string("a\0z", 3)) == V{'a', 'z'});
    CHECK(decode_xml_text("\xff") == V{0xFFFD});                             // an invalid byte
    CHECK(decode_xml_text("\xED\xA0\x80") == V{0xFFFD, 0xFFFD, 0xFFFD});     // a surrogate, byte by byte
    CHECK(decode_xml_text("\xEF\xBF\xBE") == V{0xFFFD});                     // U+FFFE
    std::string back;
    for (std::uint32_t cp : decode_xml_text("caf\xC3\xA9 \xF0\x9F\x92\xB0")) append_utf8(cp, back);
    CHECK(back == "caf\xC3\xA9 \xF0\x9F\x92\xB0");
}
