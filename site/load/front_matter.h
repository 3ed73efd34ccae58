// site: the common front matter without toml++ — a few `key = value` lines, read in bulk
// Index: [SECTION] Fast path
#pragma once
#include <cstddef>
#include <string_view>
#include <toml++/toml.h>

namespace costbook::site {

// ---- [SECTION] Fast path ----
// Fills `out` and returns true when every line of `text` (front matter between the `+++` lines) is
// blank or `key = value` with a key in `known` (the page reader's keys) whose type the fast path
// knows, and a value of that type: a
// double-quoted string with no escapes, a whole number, true/false, or a date YYYY-MM-DD; and
// `title` is there. Anything else (comments, tables, escapes, `slug`, a key listed nowhere here,
// a wrong type) returns false, and the caller parses with toml++, whose nodes carry the positions
// every error message needs. So the fast path can never produce, or hide, an error.
bool plain_front_matter(std::string_view text, const char* const* known, size_t n_known, toml::table& out);

}  // namespace costbook::site
