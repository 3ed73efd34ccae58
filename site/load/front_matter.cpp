#include "load/front_matter.h"

#include <cstdint>

namespace costbook::site {

namespace {

enum class Kind { String, Date, Bool, Int };

// The front-matter keys whose values the fast path reads, with the type the page reader wants;
// only those the reader also lists (its `known`) are read. A key missing here (`slug`, whose errors
// point into the value, or a newly added key) simply takes toml++'s path.
struct KeyKind { std::string_view key; Kind kind; };
constexpr KeyKind kKeys[] = {{"title", Kind::String},     {"description", Kind::String}, {"date", Kind::Date},
                             {"draft", Kind::Bool},       {"template", Kind::String},    {"weight", Kind::Int},
                             {"toc", Kind::Bool},         {"nav", Kind::Bool},
                             {"nav_title", Kind::String}};

bool digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) if (c < '0' || c > '9') return false;
    return true;
}

int number(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// One value of the kind the key wants, into `out`; false for anything the fast path does not read.
bool put(toml::table& out, std::string_view key, Kind kind, std::string_view v) {
    switch (kind) {
        case Kind::String: {
            if (v.size() < 2 || v.front() != '"' || v.back() != '"') return false;
            const std::string_view s = v.substr(1, v.size() - 2);
            for (unsigned char c : s)   // escapes, a closing quote inside, or control characters: toml++ decides
                if (c == '\\' || c == '"' || (c < 0x20 && c != '\t') || c == 0x7F) return false;
            out.insert(key, std::string(s));
            return true;
        }
        case Kind::Bool:
            if (v == "true" || v == "false") { out.insert(key, v == "true"); return true; }
            return false;
        case Kind::Int: {
            const std::string_view d = !v.empty() && v.front() == '-' ? v.substr(1) : v;
            if (!digits(d) || d.size() > 9 || (d.size() > 1 && d.front() == '0')) return false;
            out.insert(key, static_cast<std::int64_t>(v.front() == '-' ? -number(d) : number(d)));
            return true;
        }
        case Kind::Date: {
            // Days 1-28 only: every month has them, so no calendar is needed here.
            if (v.size() != 10 || v[4] != '-' || v[7] != '-' || !digits(v.substr(0, 4)) || !digits(v.substr(5, 2)) ||
                !digits(v.substr(8, 2)))
                return false;
            const int month = number(v.substr(5, 2)), day = number(v.substr(8, 2));
            if (month < 1 || month > 12 || day < 1 || day > 28) return false;
            out.insert(key, toml::date{number(v.substr(0, 4)), month, day});
            return true;
        }
    }
    return false;
}

}  // namespace

bool plain_front_matter(std::string_view text, const char* const* known, size_t n_known, toml::table& out) {
    bool title = false;
    while (!text.empty()) {
        const size_t nl = text.find('\n');
        const std::string_view line = trim(text.substr(0, nl));
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (line.empty()) continue;
        const size_t eq = line.find('=');
        if (eq == std::string_view::npos) return false;
        const std::string_view key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
        const KeyKind* kind = nullptr;
        for (const KeyKind& k : kKeys) if (k.key == key) kind = &k;
        bool listed = false;
        for (size_t i = 0; i < n_known; ++i) listed = listed || key == known[i];
        if (!kind || !listed || out.contains(key) || !put(out, key, kind->kind, value)) return false;
        title = title || key == "title";
    }
    return title;
}

}  // namespace costbook::site
