#include "load/front_matter.h"

namespace costbook::site {

namespace {

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

// Each reader takes one value of its type into an unset field; false for anything the fast path does not read.
bool put_string(std::optional<std::string>& out, std::string_view v) {
    if (out || v.size() < 2 || v.front() != '"' || v.back() != '"') return false;
    const std::string_view s = v.substr(1, v.size() - 2);
    for (unsigned char c : s)   // escapes, a closing quote inside, or control characters: toml++ decides
        if (c == '\\' || c == '"' || (c < 0x20 && c != '\t') || c == 0x7F) return false;
    out.emplace(s);
    return true;
}

bool put_bool(std::optional<bool>& out, std::string_view v) {
    if (out || (v != "true" && v != "false")) return false;
    out = v == "true";
    return true;
}

bool put_int(std::optional<int>& out, std::string_view v) {
    const std::string_view d = !v.empty() && v.front() == '-' ? v.substr(1) : v;
    if (out || !digits(d) || d.size() > 9 || (d.size() > 1 && d.front() == '0')) return false;
    out = v.front() == '-' ? -number(d) : number(d);
    return true;
}

bool put_date(std::optional<std::string>& out, std::string_view v) {
    // Days 1-28 only: every month has them, so no calendar is needed here.
    if (out || v.size() != 10 || v[4] != '-' || v[7] != '-' || !digits(v.substr(0, 4)) || !digits(v.substr(5, 2)) ||
        !digits(v.substr(8, 2)))
        return false;
    const int month = number(v.substr(5, 2)), day = number(v.substr(8, 2));
    if (month < 1 || month > 12 || day < 1 || day > 28) return false;
    out.emplace(v);   // four, two and two digits: as the reader prints the TOML date
    return true;
}

bool put(PlainFrontMatter& out, std::string_view key, std::string_view v) {
    if (key == "title") return put_string(out.title, v);
    if (key == "description") return put_string(out.description, v);
    if (key == "date") return put_date(out.date, v);
    if (key == "draft") return put_bool(out.draft, v);
    if (key == "template") return put_string(out.template_name, v);
    if (key == "weight") return put_int(out.weight, v);
    if (key == "toc") return put_bool(out.toc, v);
    if (key == "nav") return put_bool(out.nav, v);
    if (key == "nav_title") return put_string(out.nav_title, v);
    return false;   // `slug`, `card`, `card_figure` (whose errors point into the value), or a key nobody reads
}

}  // namespace

bool plain_front_matter(std::string_view text, PlainFrontMatter& out) {
    while (!text.empty()) {
        const size_t nl = text.find('\n');
        const std::string_view line = trim(text.substr(0, nl));
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (line.empty()) continue;
        const size_t eq = line.find('=');
        if (eq == std::string_view::npos) return false;
        if (!put(out, trim(line.substr(0, eq)), trim(line.substr(eq + 1)))) return false;
    }
    return out.title.has_value();
}

}  // namespace costbook::site
