// site: every built-in shortcode, its arguments and what each means — the one list that the
// argument check, the "known shortcodes" help and `costbook help shortcodes` all read
// Index: [SECTION] Registry  [SECTION] Checks  [SECTION] Help
#pragma once
#include <string>
#include <vector>

#include "render/shortcodes.h"

namespace costbook::site {

// ---- [SECTION] Registry ----
struct ShortcodeArg {
    const char* name;      // key="value" argument; "" = the one positional "value"
    const char* meaning;   // one line, for help
};
struct ShortcodeInfo {
    const char* name;      // figure, calc, ...
    const char* meaning;   // one line
    const char* example;   // as an author writes it
    std::vector<ShortcodeArg> args;   // the positional one first when it takes one
    const char* partial;   // the partial it renders through (templates/partials/<partial>.mustache), or nullptr
    bool needs_positional() const { return !args.empty() && *args.front().name == '\0'; }
};
const std::vector<ShortcodeInfo>& builtin_shortcodes();
const ShortcodeInfo* find_builtin_shortcode(const std::string& name);   // nullptr when not built in
std::string builtin_shortcode_names();   // "figure, calc, chart, ..."

// ---- [SECTION] Checks ----
// An author shortcode: templates/shortcodes/<name>.mustache and the arguments its template reads.
struct AuthorShortcode {
    std::string name;
    std::vector<std::string> args;   // the top-level names its template uses that are not context
};
// "" when `sc`'s arguments fit `info`; else the message, with `help` listing the valid ones.
std::string check_arguments(const ShortcodeInfo& info, const Shortcode& sc, std::string& help);
std::string check_arguments(const AuthorShortcode& info, const Shortcode& sc, std::string& help);

// ---- [SECTION] Help ----
// `costbook help shortcodes`: every built-in shortcode with its arguments, then the site's own.
std::string shortcodes_help(const std::vector<AuthorShortcode>& author);

}  // namespace costbook::site
