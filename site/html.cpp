#include "html.h"

#include <array>

namespace costbook::site {

void append_escaped(std::string& out, std::string_view text) {
    // Runs without special characters are appended whole: most text has none. (A table
    // lookup per byte: string_view::find_first_of calls memchr once per byte.)
    static const auto special = [] {
        std::array<bool, 256> t{};
        for (unsigned char c : std::string_view("&<>\"'")) t[c] = true;
        return t;
    }();
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!special[static_cast<unsigned char>(c)]) continue;
        out.append(text.data() + start, i - start);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += "&#39;"; break;
        }
        start = i + 1;
    }
    out.append(text.data() + start, text.size() - start);
}

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    append_escaped(out, text);
    return out;
}

std::string escape_json_in_html(std::string_view json) {
    std::string out;
    for (char c : json) {
        switch (c) {
            case '<': out += "\\u003c"; break;
            case '>': out += "\\u003e"; break;
            case '&': out += "\\u0026"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string slugify(std::string_view text) {
    std::string out;
    bool dash = false;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) { out.push_back(static_cast<char>(c)); dash = false; }
        else if (c >= 'A' && c <= 'Z') { out.push_back(static_cast<char>(c - 'A' + 'a')); dash = false; }
        else if (c >= 0x80) { out.push_back(static_cast<char>(c)); dash = false; }  // keep UTF-8 letters
        else if (!out.empty() && !dash) { out.push_back('-'); dash = true; }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "section" : out;
}

}  // namespace costbook::site
