// site: UTF-8 — validation, positions, widths and XML-safe code points
// Index: [SECTION] Validate  [SECTION] Positions  [SECTION] Decode
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace costbook::site {

// ---- [SECTION] Validate ----
// Strict UTF-8: no overlong forms, surrogates or code points past U+10FFFF. On failure
// `bad_offset` (when given) is the byte offset of the first bad sequence.
bool valid_utf8(std::string_view s, size_t* bad_offset = nullptr);

// ---- [SECTION] Positions ----
// The 1-based line and column of byte `offset` in `text`; columns count code points, as the
// diagnostics' carets do.
struct LineCol { int line = 1, col = 1; };
LineCol line_col(std::string_view text, size_t offset);
size_t display_width(std::string_view s);              // code points, for padding columns of text
std::string pad(std::string s, size_t width);          // s, then spaces up to `width` code points, at least one

// ---- [SECTION] Decode ----
// Decodes UTF-8 for XML text: invalid bytes, surrogates, U+FFFE/U+FFFF become U+FFFD; C0
// controls other than tab and newline are dropped, so what is encoded again is well-formed XML.
std::vector<std::uint32_t> decode_xml_text(std::string_view s);
void append_utf8(std::uint32_t cp, std::string& out);

}  // namespace costbook::site
