// Layout is computed in viewBox units with estimated text widths: there is no font engine
// here, so widths come from DejaVu Sans' advances (Debian's system-ui, wider than Segoe UI,
// San Francisco and Roboto), which errs on the side of wrapping early rather than overflowing.
#include "render/charts/text.h"
#include "utf8.h"

#include <cstdint>
#include <string>
#include <vector>

namespace costbook::site::charts {
namespace {

const char* const kEllipsis = "\xE2\x80\xA6";  // …

// DejaVu Sans advance widths in 1/2048 em, ASCII 32..126.
const unsigned short kAdvance[95] = {
    651, 823, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,       // ' '../
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, // 0..?
    2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, // @..O
    1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,   // P.._
    1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,    // `..o
    1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,         // p..~
};

double em(uint32_t cp) {
    if (cp >= 32 && cp <= 126) return kAdvance[cp - 32] / 2048.0;
    switch (cp) {
        case 0x2013: return 0.5;                        // –
        case 0x2014: case 0x2026: return 1.0;           // — …
        case 0x00D7: case 0x2212: return 0.838;         // × −
        case 0x2018: case 0x2019: return 0.32;          // ‘ ’
        case 0x201C: case 0x201D: return 0.52;          // “ ”
        case 0x00B7: case 0x2009: case 0x202F: return 0.32;
        case 0x00A0: return 0.318;
        default: break;
    }
    if (cp >= 0x2E80) return 1.0;                       // CJK and wide symbols
    return 0.7;
}

}  // namespace

double text_width(const std::string& s, double font) {
    double w = 0;
    for (const uint32_t cp : decode_xml_text(s)) w += em(cp);
    return w * font;
}

// Cuts s so that it and "…" fit max_w.
std::string truncate(const std::string& s, double max_w, double font) {
    if (text_width(s, font) <= max_w) return s;
    const double budget = max_w - em(0x2026) * font;
    std::string out;
    double w = 0;
    for (const uint32_t cp : decode_xml_text(s)) {
        w += em(cp) * font;
        if (w > budget) break;
        append_utf8(cp, out);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + kEllipsis;
}

// Greedy word wrap into at most max_lines lines; whatever does not fit ends in "…".
Wrapped wrap(const std::string& s, double max_w, double font, size_t max_lines) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : s) {
        if (c == ' ' || c == '\t' || c == '\n') {
            if (!word.empty()) words.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(word);

    Wrapped w;
    std::string line;
    for (const std::string& wd : words) {
        const std::string candidate = line.empty() ? wd : line + " " + wd;
        if (line.empty() || text_width(candidate, font) <= max_w) {
            line = candidate;
        } else {
            w.lines.push_back(line);
            line = wd;
        }
    }
    if (!line.empty()) w.lines.push_back(line);
    if (max_lines > 0 && w.lines.size() > max_lines) {
        std::string rest;
        for (size_t i = max_lines - 1; i < w.lines.size(); ++i) rest += (rest.empty() ? "" : " ") + w.lines[i];
        w.lines.resize(max_lines);
        w.lines.back() = rest;
    }
    for (std::string& l : w.lines) {
        const std::string t = truncate(l, max_w, font);
        if (t != l) { l = t; w.cut = true; }
    }
    return w;
}

}  // namespace costbook::site::charts
