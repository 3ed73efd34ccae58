#include "diag.h"

#include "files.h"
#include "utf8.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>

namespace costbook::site {

namespace {
// A source line too wide to show whole (an 80 KB key) is shown around the caret, "…" at the cuts.
constexpr size_t kMaxShownColumns = 160;

// Byte offset of code point `n` of `s` (s.size() past the end).
size_t offset_of(const std::string& s, size_t n) {
    size_t cp = 0;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && cp++ == n) return i;
    return s.size();
}

void clip_line(std::string& source, int& caret_col) {
    const size_t from = caret_col > 60 ? static_cast<size_t>(caret_col) - 60 : 0;
    const size_t to = from + kMaxShownColumns - 20;
    const bool cut_end = to < display_width(source);
    source = (from > 0 ? "…" : "") + source.substr(offset_of(source, from), offset_of(source, to) - offset_of(source, from)) +
             (cut_end ? "…" : "");
    caret_col = caret_col - static_cast<int>(from) + (from > 0 ? 1 : 0);
}
}  // namespace

Diagnostic& Diagnostics::error(std::string path, int line, int col, std::string message, std::string help) {
    Diagnostic d;
    d.path = std::move(path);
    d.line = line;
    d.col = col;
    d.message = std::move(message);
    d.help = std::move(help);
    list_.push_back(std::move(d));
    return list_.back();
}

namespace {
std::string line_of(const std::string& text, int line) {
    int n = 1;
    size_t start = 0;
    while (n < line) {
        const size_t nl = text.find('\n', start);
        if (nl == std::string::npos) return {};
        start = nl + 1;
        ++n;
    }
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string s = text.substr(start, end - start);
    if (!s.empty() && s.back() == '\r') s.pop_back();
    for (char& c : s) if (c == '\t') c = ' ';
    return s;
}
}  // namespace

std::string closest_name(const std::vector<std::string>& names, const std::string& typo, size_t max_distance) {
    std::string best;
    size_t best_d = SIZE_MAX;
    std::vector<size_t> prev(typo.size() + 1), cur(typo.size() + 1);
    for (const std::string& k : names) {
        for (size_t j = 0; j <= typo.size(); ++j) prev[j] = j;
        for (size_t i = 1; i <= k.size(); ++i) {
            cur[0] = i;
            for (size_t j = 1; j <= typo.size(); ++j)
                cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (k[i - 1] == typo[j - 1] ? 0 : 1)});
            std::swap(prev, cur);
        }
        if (prev[typo.size()] < best_d) { best_d = prev[typo.size()]; best = k; }
    }
    return best_d <= (max_distance ? max_distance : std::max<size_t>(3, typo.size() / 3)) ? best : "";
}

std::string render(const Diagnostic& d, const std::string* file_text, bool color) {
    const char* red = color ? "\033[1;31m" : "";
    const char* blue = color ? "\033[1;34m" : "";
    const char* bold = color ? "\033[1m" : "";
    const char* reset = color ? "\033[0m" : "";
    const int line = d.line > 0 ? d.line : 1, col = d.col > 0 ? d.col : 1;
    std::string out = std::string(bold) + d.path + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " +
                      red + "error:" + reset + bold + " " + d.message + reset + "\n";
    const std::string number = std::to_string(line);
    const std::string gutter(number.size(), ' ');
    std::string source;
    if (file_text && d.line > 0) source = line_of(*file_text, d.line);
    int caret_col = col;
    if (display_width(source) > kMaxShownColumns) clip_line(source, caret_col);
    if (!source.empty()) {
        out += gutter + " " + blue + "|" + reset + "\n";
        out += std::string(blue) + number + " |" + reset + " " + source + "\n";
        const int width = std::max(1, std::min<int>(d.len, static_cast<int>(display_width(source)) - caret_col + 1));
        out += gutter + " " + blue + "|" + reset + " " + std::string(static_cast<size_t>(caret_col - 1), ' ') + red +
               std::string(static_cast<size_t>(width), '^') + reset + (d.label.empty() ? "" : " " + d.label) + "\n";
    }
    if (!d.note.empty() || !d.help.empty()) {
        if (!source.empty()) out += gutter + " " + blue + "|" + reset + "\n";
        if (!d.note.empty()) out += gutter + " " + blue + "=" + reset + " note: " + d.note + "\n";
        if (!d.help.empty()) out += gutter + " " + blue + "=" + reset + " help: " + d.help + "\n";
    }
    return out;
}

void Diagnostics::print(std::ostream& out, bool color) const {
    std::map<std::string, std::string> read;
    size_t shown = 0;
    for (const Diagnostic& d : list_) {
        if (shown++ == kMaxShownDiagnostics) {
            out << "error: " << list_.size() - kMaxShownDiagnostics << " more problems not shown; fix these first\n";
            break;
        }
        const auto it = texts_.find(d.path);
        const std::string* text = it == texts_.end() ? nullptr : &it->second;
        if (!text && !root_.empty() && d.line > 0) {
            auto [r, fresh] = read.emplace(d.path, std::string());
            if (fresh) r->second = read_file(root_ + "/" + d.path);
            text = &r->second;
        }
        out << render(d, text, color);
    }
    if (list_.size() > 1) out << "error: " << list_.size() << " problems found\n";
}

void Diagnostics::merge(Diagnostics&& other) {
    for (Diagnostic& d : other.list_) list_.push_back(std::move(d));
    texts_.merge(other.texts_);
    if (root_.empty()) root_ = std::move(other.root_);
}

}  // namespace costbook::site
