// site: reading one TOML table with positions, collecting every problem
// Index: [SECTION] Reader
//
// Each getter checks presence, type and range, records a diagnostic at the node's position
// when something is wrong, and returns a harmless default so loading can go on and report
// every problem in one pass.
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "costbook/uncertainty.h"
#include "diag.h"

namespace costbook::site {

inline constexpr double kMaxNumber = 1e30;   // numbers in data past it (or, not 0, below 1/it) are typos

class TableReader {
public:
    TableReader(const toml::table& table, std::string path, std::string context, Diagnostics& diags);

    std::string str(std::string_view key, bool required = true);
    std::string date(std::string_view key, bool required = false);      // a TOML date or "YYYY-MM-DD"
    double num(std::string_view key, bool required = true, bool positive = false); // finite, ≥ 0 (> 0 if positive), 0 or 1e-30…1e30
    bool flag(std::string_view key);
    Range range(bool positive = false);   // low/likely/high in this table; likely alone = a point
    const toml::table* table(std::string_view key, bool required = false);
    const toml::array* array(std::string_view key);

    // Every key not in `known` is an error that names it and lists the known ones.
    void only(std::initializer_list<std::string_view> known);
    void only(const std::vector<std::string_view>& known);

    void error(const toml::source_region& where, std::string message, std::string help = {},
               std::string label = {}, int len = 0);
    void error_at_key(std::string_view key, std::string message, std::string help = {});
    const toml::table& raw() const { return table_; }
    const std::string& path() const { return path_; }
    Diagnostics& diags() { return diags_; }

private:
    const toml::table& table_;
    std::string path_, context_;
    Diagnostics& diags_;
};

Diagnostic diagnostic_at(const std::string& path, const toml::source_region& where, std::string message);
// A TOML syntax error as every file costbook reads reports it: at the place, with the label and the
// `help:` line (data/, front matter and site.toml alike).
Diagnostic toml_syntax_error(const std::string& path, const toml::parse_error& e);

// toml++ recurses once per level of nesting, so a deep enough file overflows the stack (an 80 KB
// dotted key did). Before parsing: arrays and inline tables nested at most kMaxTomlDepth deep, a
// dotted key of at most kMaxTomlDepth parts. False, with an error at the place, otherwise.
inline constexpr int kMaxTomlDepth = 64;
bool toml_shape_ok(std::string_view text, const std::string& path, Diagnostics& diags);

}  // namespace costbook::site
