// site: the common front matter without toml++ — a few `key = value` lines, read in bulk
// Index: [SECTION] Fast path
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace costbook::site {

// ---- [SECTION] Fast path ----
// What the fast path read: each key it found, with the value the page reader would take from
// toml++'s node (a date as written, "YYYY-MM-DD", which is how the reader prints a TOML date).
struct PlainFrontMatter {
    std::optional<std::string> title, description, date, template_name, nav_title;   // template_name: `template`
    std::optional<bool> draft, toc, nav;
    std::optional<int> weight;
};

// Fills `out` and returns true when every line of `text` (front matter between the `+++` lines) is
// blank or `key = value` with a key of PlainFrontMatter given once, and a value of its type: a
// double-quoted string with no escapes, a whole number, true/false, or a date YYYY-MM-DD; and
// `title` is there. Anything else (comments, tables, escapes, `slug`, `card`, a key listed nowhere
// here, a wrong type) returns false, and the caller parses with toml++, whose nodes carry the
// positions every error message needs. So the fast path can never produce, or hide, an error.
bool plain_front_matter(std::string_view text, PlainFrontMatter& out);

}  // namespace costbook::site
