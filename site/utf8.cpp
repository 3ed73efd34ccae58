#include "utf8.h"

#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace costbook::site {

bool valid_utf8(std::string_view s, size_t* bad_offset) {
    const size_t n = s.size();
    size_t i = 0;
    const auto fail = [&] { if (bad_offset) *bad_offset = i; return false; };
    while (i < n) {
        // ASCII fast path: 32 bytes at a time (SSE2), then eight, while no byte has its high bit set.
#if defined(__SSE2__)
        while (i + 32 <= n) {
            const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + 16));
            if (_mm_movemask_epi8(_mm_or_si128(a, b))) break;
            i += 32;
        }
#endif
        while (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if (word & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        size_t len;
        unsigned cp;
        if ((c >> 5) == 0x6) { len = 2; cp = c & 0x1Fu; }
        else if ((c >> 4) == 0xE) { len = 3; cp = c & 0x0Fu; }
        else if ((c >> 3) == 0x1E) { len = 4; cp = c & 0x07u; }
        else return fail();
        if (i + len > n) return fail();
        for (size_t k = 1; k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return fail();
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return fail();
        i += len;
    }
    return true;
}

LineCol line_col(std::string_view text, size_t offset) {
    LineCol at;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') { ++at.line; at.col = 1; }
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++at.col;
    }
    return at;
}

size_t display_width(std::string_view s) {
    size_t n = 0;
    for (char ch : s) if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
    return n;
}

std::string pad(std::string s, size_t width) {
    const size_t w = display_width(s);
    s.append(w < width ? width - w : 1, ' ');
    return s;
}

std::vector<std::uint32_t> decode_xml_text(std::string_view s) {
    std::vector<std::uint32_t> out;
    const size_t n = s.size();
    for (size_t i = 0; i < n;) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::uint32_t cp = 0xFFFD;
        size_t len = 1;
        if (c < 0x80) {
            cp = c;
        } else {
            const int extra = (c >= 0xC2 && c <= 0xDF) ? 1 : (c >= 0xE0 && c <= 0xEF) ? 2 : (c >= 0xF0 && c <= 0xF4) ? 3 : -1;
            if (extra > 0 && i + static_cast<size_t>(extra) < n) {
                std::uint32_t v = c & (0x3F >> extra);
                bool ok = true;
                for (int k = 1; ok && k <= extra; ++k) {
                    const unsigned char cc = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
                    if ((cc & 0xC0) != 0x80) ok = false;
                    else v = (v << 6) | (cc & 0x3F);
                }
                const std::uint32_t min[] = {0, 0, 0x800, 0x10000};
                if (ok && v >= min[extra] && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) {
                    cp = v;
                    len = static_cast<size_t>(extra) + 1;
                }
            }
        }
        i += len;
        if (cp < 0x20 && cp != '\t' && cp != '\n') continue;  // \r, NUL, ESC...: not XML text
        if (cp == 0xFFFE || cp == 0xFFFF) cp = 0xFFFD;
        out.push_back(cp);
    }
    return out;
}

void append_utf8(std::uint32_t cp, std::string& out) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace costbook::site
