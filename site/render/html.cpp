#include "render/html.h"

#include "mustache/mustache.h"

namespace costbook::site {

void append_escaped(std::string& out, std::string_view text) { mustache::append_escaped_html(out, text); }

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
    std::string out(text.size(), '\0');   // written in place: a slug is never longer than its text
    char* const p = out.data();
    size_t n = 0;
    bool dash = false;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) { p[n++] = static_cast<char>(c); dash = false; }
        else if (c >= 'A' && c <= 'Z') { p[n++] = static_cast<char>(c - 'A' + 'a'); dash = false; }
        else if (c >= 0x80) { p[n++] = static_cast<char>(c); dash = false; }  // keep UTF-8 letters
        else if (n && !dash) { p[n++] = '-'; dash = true; }
    }
    while (n && p[n - 1] == '-') --n;
    if (n == 0) return "section";
    out.resize(n);
    return out;
}

}  // namespace costbook::site
