#include "load/toml_reader.h"

#include "utf8.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace costbook::site {

Diagnostic toml_syntax_error(const std::string& path, const toml::parse_error& e) {
    Diagnostic d = diagnostic_at(path, e.source(), std::string(e.description()));
    d.label = "the TOML parser stopped here";
    d.help = "see https://toml.io for the syntax";
    return d;
}

Diagnostic diagnostic_at(const std::string& path, const toml::source_region& where, std::string message) {
    Diagnostic d;
    d.path = path;
    d.line = static_cast<int>(where.begin.line);
    d.col = static_cast<int>(where.begin.column);
    if (where.end.line == where.begin.line && where.end.column > where.begin.column)
        d.len = static_cast<int>(where.end.column - where.begin.column);
    d.message = std::move(message);
    return d;
}

TableReader::TableReader(const toml::table& table, std::string path, std::string context, Diagnostics& diags)
    : table_(table), path_(std::move(path)), context_(std::move(context)), diags_(diags) {}

void TableReader::error(const toml::source_region& where, std::string message, std::string help,
                        std::string label, int len) {
    Diagnostic d = diagnostic_at(path_, where, std::move(message));
    d.help = std::move(help);
    d.label = std::move(label);
    if (len > 0) d.len = len;
    diags_.add(std::move(d));
}

void TableReader::error_at_key(std::string_view key, std::string message, std::string help) {
    const toml::node* n = table_.get(key);
    error(n ? n->source() : table_.source(), std::move(message), std::move(help));
}

namespace {
std::string in(const std::string& context) { return context.empty() ? "" : " in " + context; }
}  // namespace

std::string TableReader::str(std::string_view key, bool required) {
    const toml::node* n = table_.get(key);
    if (!n) {
        if (required)
            error(table_.source(), "missing `" + std::string(key) + "`" + in(context_),
                  "add `" + std::string(key) + " = \"...\"`", {}, 0);
        return {};
    }
    if (auto v = n->value<std::string>()) return *v;
    error(n->source(), "`" + std::string(key) + "` must be a string" + in(context_), "put the value in double quotes");
    return {};
}

std::string TableReader::date(std::string_view key, bool required) {
    const toml::node* n = table_.get(key);
    if (!n) {
        if (required)
            error(table_.source(), "missing `" + std::string(key) + "`" + in(context_),
                  "add `" + std::string(key) + " = 2025-01-20`, a date without quotes", {}, 0);
        return {};
    }
    if (const auto* d = n->as_date()) {
        char buf[16];
        const toml::date v = d->get();
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(v.year), static_cast<int>(v.month),
                      static_cast<int>(v.day));
        return buf;
    }
    error(n->source(), "`" + std::string(key) + "` must be a date" + in(context_), "write it as 2025-01-20, without quotes");
    return {};
}

double TableReader::num(std::string_view key, bool required, bool positive) {
    const toml::node* n = table_.get(key);
    if (!n) {
        if (required)
            error(table_.source(), "missing `" + std::string(key) + "`" + in(context_),
                  "add `" + std::string(key) + " = <number>`", {}, 0);
        return 0;
    }
    std::optional<double> v;
    if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
    else if (n->is_floating_point()) v = n->as_floating_point()->get();
    if (!v) {
        error(n->source(), "`" + std::string(key) + "` must be a number" + in(context_),
              "write it without quotes: 2664e3, 0.35");
        return 0;
    }
    if (!std::isfinite(*v)) {
        error(n->source(), "`" + std::string(key) + "` must be a finite number" + in(context_), "replace nan or inf with a figure");
        return 0;
    }
    // Past 1e30 (or, not 0, below 1e-30) is a typo in an exponent: the largest real figures,
    // training FLOPs, are near 1e25, and products or quotients of such numbers would reach
    // the page as infinity or "n/a".
    if (std::fabs(*v) > kMaxNumber || (*v != 0 && std::fabs(*v) < 1 / kMaxNumber)) {
        error(n->source(), "`" + std::string(key) + "` is out of range" + in(context_) +
                               ": costbook reads 0 and numbers from 1e-30 to 1e30",
              "check the exponent");
        return 0;
    }
    if (*v < 0 || (positive && *v == 0)) {
        error(n->source(), "`" + std::string(key) + "` must be " + (positive ? "above 0" : "0 or more") + in(context_),
              positive ? "give the figure as the source reports it, above 0; one that is not known is left out, not written as 0"
                       : "give the figure as the source reports it, without a minus sign: none here is below 0");
        return 0;
    }
    return *v;
}

bool TableReader::flag(std::string_view key) {
    const toml::node* n = table_.get(key);
    if (!n) return false;
    if (auto v = n->value<bool>()) return *v;
    error(n->source(), "`" + std::string(key) + "` must be true or false" + in(context_),
          "write " + std::string(key) + " = true or " + std::string(key) + " = false, without quotes");
    return false;
}

Range TableReader::range(bool positive) {
    const double likely = num("likely", true, positive);
    Range r = Range::point(likely);
    if (table_.contains("low") || table_.contains("high")) {
        r.low = num("low", true, positive);
        r.high = num("high", true, positive);
        if (!(r.low <= r.likely && r.likely <= r.high))
            error(table_.source(), "range" + in(context_) + " must satisfy low <= likely <= high",
                  "`low` and `high` bound the range: put `likely` between them, as the source (or the assumption) has them", {}, 0);
    }
    return r;
}

const toml::table* TableReader::table(std::string_view key, bool required) {
    const toml::node* n = table_.get(key);
    if (!n) {
        if (required)
            error(table_.source(), "missing table `[" + std::string(key) + "]`" + in(context_),
                  "add a [" + std::string(key) + "] table: `costbook help data` lists its keys", {}, 0);
        return nullptr;
    }
    if (const toml::table* t = n->as_table()) return t;
    error(n->source(), "`" + std::string(key) + "` must be a table" + in(context_),
          "write it as a [" + std::string(key) + "] table, or inline: " + std::string(key) + " = { ... }");
    return nullptr;
}

const toml::array* TableReader::array(std::string_view key) {
    const toml::node* n = table_.get(key);
    if (!n) return nullptr;
    if (const toml::array* a = n->as_array()) return a;
    error(n->source(), "`" + std::string(key) + "` must be an array of tables" + in(context_),
          "write each entry as [[" + std::string(key) + "]]");
    return nullptr;
}

void TableReader::only(std::initializer_list<std::string_view> known) { only(std::vector<std::string_view>(known)); }

void TableReader::only(const std::vector<std::string_view>& known) {
    for (const auto& [k, v] : table_) {
        bool ok = false;
        for (std::string_view name : known) ok = ok || k.str() == name;
        if (ok) continue;
        std::string list;
        for (std::string_view name : known) list += (list.empty() ? "" : ", ") + std::string(name);
        Diagnostic d;
        d.path = path_;
        d.line = static_cast<int>(k.source().begin.line);
        d.col = static_cast<int>(k.source().begin.column);
        d.len = static_cast<int>(k.str().size());
        d.message = "unknown key `" + std::string(k.str()) + "`" + in(context_);
        d.label = "not a key costbook reads";
        d.help = "known keys: " + list;
        diags_.add(std::move(d));
    }
}

bool toml_shape_ok(std::string_view text, const std::string& path, Diagnostics& diags) {
    int depth = 0, dots = 0;
    const auto fail = [&](size_t at, const char* what) {
        const LineCol lc = line_col(text, at);
        diags.error(path, lc.line, lc.col, std::string(what) + " more than " + std::to_string(kMaxTomlDepth) + " deep",
                    "flatten it: costbook's data never nests this deep");
        return false;
    };
    // The bytes the scan acts on; every other byte of the file is passed over with one lookup.
    static constexpr auto acts = [] {
        std::array<bool, 256> t{};
        for (const char c : std::string_view("#\"'[{]}.=\n,")) t[static_cast<unsigned char>(c)] = true;
        return t;
    }();
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!acts[static_cast<unsigned char>(c)]) continue;
        if (c == '#') {   // a comment, to the end of the line
            const size_t nl = text.find('\n', i);
            i = nl == std::string_view::npos ? text.size() : nl;
            dots = 0;
        } else if (c == '"' || c == '\'') {   // a string: skipped whole, escapes in basic strings
            // Compared byte by byte: this scan runs over every data file of every build.
            const auto closes_at = [&](size_t j, size_t n) {
                for (size_t k = 0; k < n; ++k)
                    if (j + k >= text.size() || text[j + k] != c) return false;
                return true;
            };
            const bool multi = closes_at(i, 3);
            const size_t close = multi ? 3 : 1;
            size_t j = i + close;
            while (j < text.size() && !(text[j] == c && closes_at(j, close))) {
                if (c == '"' && text[j] == '\\') ++j;
                else if (!multi && text[j] == '\n') break;
                ++j;
            }
            i = j + close - 1;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxTomlDepth) return fail(i, "arrays or tables nested");
            dots = 0;
        } else if (c == ']' || c == '}') {
            depth = depth > 0 ? depth - 1 : 0;
            dots = 0;
        } else if (c == '.') {
            if (++dots >= kMaxTomlDepth) return fail(i, "a dotted key");
        } else if (c == '=' || c == '\n' || c == ',') {
            dots = 0;
        }
    }
    return true;
}

}  // namespace costbook::site
