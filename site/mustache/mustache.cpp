#include "mustache.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <tuple>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#include <immintrin.h>
#endif

namespace costbook::site::mustache {

// ---- [SECTION] Values ----
// Value::kind() is the variant's index: Kind lists the alternatives in the same order.
namespace {
const Value::List& empty_list() {
    static const Value::List empty;
    return empty;
}
const Value::Map& empty_map() {
    static const Value::Map empty;
    return empty;
}
const std::string& empty_string() {
    static const std::string empty;
    return empty;
}
}  // namespace

Value Value::list(List items) {
    Value v;
    v.v_ = std::make_shared<const List>(std::move(items));
    return v;
}

Value Value::map(std::vector<Entry> entries) {
    // Entries given in key order, as a page's contexts are, are kept as they are: one comparison each.
    bool in_order = true;
    for (size_t i = 1; i < entries.size() && in_order; ++i) in_order = entries[i - 1].first < entries[i].first;
    if (in_order) {
        Value v;
        v.v_ = std::make_shared<const Map>(std::move(entries));
        return v;
    }
    // Sorted for binary search; of equal keys the last given is kept.
    // Sorted by index, so each entry moves once: a page's context is a dozen entries, one of them
    // its whole HTML, and sorting the entries themselves moved every one of them many times.
    std::uint32_t small[32];   // a page's maps are a dozen entries: no buffer to allocate for their order
    std::vector<std::uint32_t> large(entries.size() > 32 ? entries.size() : 0);
    const std::uint32_t n = static_cast<std::uint32_t>(entries.size());
    std::uint32_t* const order = n > 32 ? large.data() : small;
    for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
    const auto less = [&](std::uint32_t a, std::uint32_t b) {   // keys are short: most differ in their first byte
        const std::string &x = entries[a].first, &y = entries[b].first;
        if (!x.empty() && !y.empty() && x[0] != y[0]) return static_cast<unsigned char>(x[0]) < static_cast<unsigned char>(y[0]);
        return x < y;
    };
    if (n <= 32) {   // insertion sort: stable, and no buffer to allocate
        for (size_t i = 1; i < n; ++i)
            for (size_t j = i; j > 0 && less(order[j], order[j - 1]); --j) std::swap(order[j], order[j - 1]);
    } else {
        std::stable_sort(order, order + n, less);
    }
    Map m;
    m.reserve(entries.size());
    for (std::uint32_t k = 0; k < n; ++k) {
        Entry& e = entries[order[k]];
        if (!m.empty() && m.back().first == e.first) m.back().second = std::move(e.second);
        else m.push_back(std::move(e));
    }
    Value v;
    v.v_ = std::make_shared<const Map>(std::move(m));
    return v;
}

bool Value::truthy() const noexcept {
    switch (kind()) {
        case Kind::null: return false;
        case Kind::boolean: return std::get<bool>(v_);
        case Kind::string: return !std::get<std::string>(v_).empty();
        case Kind::list: return !std::get<std::shared_ptr<const List>>(v_)->empty();
        case Kind::map: return true;
    }
    return false;
}

bool Value::as_bool() const noexcept {
    const bool* b = std::get_if<bool>(&v_);
    return b && *b;
}

const std::string& Value::as_string() const noexcept {
    const std::string* s = std::get_if<std::string>(&v_);
    return s ? *s : empty_string();
}

const Value::List& Value::items() const noexcept {
    const auto* l = std::get_if<std::shared_ptr<const List>>(&v_);
    return l ? **l : empty_list();
}

const Value::Map& Value::entries() const noexcept {
    const auto* m = std::get_if<std::shared_ptr<const Map>>(&v_);
    return m ? **m : empty_map();
}

const Value* Value::find(std::string_view key) const noexcept {
    const auto* mp = std::get_if<std::shared_ptr<const Map>>(&v_);
    if (!mp) return nullptr;
    const Map& m = **mp;
    if (m.size() <= 16) {  // context maps are small: a scan beats the branches of a search
        const size_t n = key.size();
        for (const Entry& e : m)
            if (e.first.size() == n && (n == 0 || (e.first[0] == key[0] && std::memcmp(e.first.data(), key.data(), n) == 0)))
                return &e.second;
        return nullptr;
    }
    const auto it = std::lower_bound(m.begin(), m.end(), key, [](const Entry& e, std::string_view k) { return std::string_view(e.first) < k; });
    return it != m.end() && it->first == key ? &it->second : nullptr;
}

// ---- [SECTION] Escaping ----
// Clean runs are skipped 16 bytes at a time with SSE2 (every x86-64 has it); the last partial
// block is read as the 16 bytes ending at the text's end (no read past it), the bytes already
// seen masked off; texts shorter than 16 bytes take a table lookup per byte.
size_t next_html_special(std::string_view text, size_t from) {
    static const auto special = [] {
        std::array<bool, 256> t{};
        for (unsigned char c : std::string_view("&<>\"'")) t[c] = true;
        return t;
    }();
    size_t i = from;
#if defined(__SSE2__)
    if (text.size() >= 16) {
        // & and ' differ in their lowest bit only, < and > in their second: three compares for five bytes.
        const __m128i one = _mm_set1_epi8(1), two = _mm_set1_epi8(2), amp_apos = _mm_set1_epi8('\''),
                      lt_gt = _mm_set1_epi8('>'), quot = _mm_set1_epi8('"');
        const auto hits = [&](size_t at) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
            const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(v, one), amp_apos),
                                                          _mm_cmpeq_epi8(_mm_or_si128(v, two), lt_gt)),
                                             _mm_cmpeq_epi8(v, quot));
            return static_cast<unsigned>(_mm_movemask_epi8(hit));
        };
        for (; i + 16 <= text.size(); i += 16)
            if (const unsigned mask = hits(i)) return i + static_cast<size_t>(__builtin_ctz(mask));
        if (i < text.size()) {
            const size_t last = text.size() - 16;   // overlaps bytes before i, which are clean
            if (const unsigned mask = hits(last) >> (i - last)) return i + static_cast<size_t>(__builtin_ctz(mask));
        }
        return text.size();
    }
#endif
    for (; i < text.size(); ++i)
        if (special[static_cast<unsigned char>(text[i])]) return i;
    return text.size();
}

// Every & < > " ' of a whole text at once (a page's Markdown, before its pieces are escaped):
// 32 bytes a step with AVX2 where the processor has it, else next_html_special()'s 16.
namespace {
void specials_from(std::string_view text, size_t from, std::vector<std::uint32_t>& at) {
    for (size_t k = next_html_special(text, from); k < text.size(); k = next_html_special(text, k + 1)) at.push_back(static_cast<std::uint32_t>(k));
}
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) void find_specials_avx2(std::string_view text, std::vector<std::uint32_t>& at) {
    const char* p = text.data();
    const size_t n = text.size();
    size_t i = 0;
    // & and ' differ in their lowest bit only, < and > in their second: three compares for five bytes.
    const __m256i one = _mm256_set1_epi8(1), two = _mm256_set1_epi8(2), amp_apos = _mm256_set1_epi8('\''),
                  lt_gt = _mm256_set1_epi8('>'), quot = _mm256_set1_epi8('"');
    for (; i + 32 <= n; i += 32) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
        const __m256i hit = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(_mm256_or_si256(v, one), amp_apos),
                                                            _mm256_cmpeq_epi8(_mm256_or_si256(v, two), lt_gt)),
                                            _mm256_cmpeq_epi8(v, quot));
        for (unsigned mask = static_cast<unsigned>(_mm256_movemask_epi8(hit)); mask; mask &= mask - 1)
            at.push_back(static_cast<std::uint32_t>(i + static_cast<size_t>(__builtin_ctz(mask))));
    }
    specials_from(text, i, at);
}
#endif
}  // namespace

void find_html_specials(std::string_view text, std::vector<std::uint32_t>& at) {
    at.clear();
#if defined(__x86_64__) && defined(__GNUC__)
    static const bool avx2 = __builtin_cpu_supports("avx2");
    if (avx2) return find_specials_avx2(text, at);
#endif
    specials_from(text, 0, at);
}

std::string_view html_entity(char c) {
    switch (c) {
        case '&': return "&amp;";
        case '<': return "&lt;";
        case '>': return "&gt;";
        case '"': return "&quot;";
        case '\'': return "&#39;";
        default: return {};
    }
}

void append_escaped_html(std::string& out, std::string_view text) {
    size_t start = 0;
    for (size_t i = next_html_special(text, 0); i < text.size(); i = next_html_special(text, start)) {
        out.append(text.data() + start, i - start);
        out.append(html_entity(text[i]));
        start = i + 1;
    }
    out.append(text.data() + start, text.size() - start);
}

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    append_escaped_html(out, text);
    return out;
}

// ---- [SECTION] Templates: compiling ----
namespace {

enum class Op : std::uint8_t { text, escaped, raw, section, inverted, partial };

struct Instr {
    Op op = Op::text;
    bool line_start = false;   // begins a line of the template: indented inside an indented partial
    bool standalone = false;   // partial: alone on its line, so its template is indented by `indent`
    std::uint32_t name_begin = 0, name_end = 0;  // segments in Impl::segments; none = `.`
    std::uint32_t end = 0;     // section, inverted: index just past the body
    std::string_view text;     // text: the text; partial: the partial's name
    std::string_view indent;   // standalone partial: the whitespace before the tag
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && ws(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace

struct Template::Impl {
    std::string source;
    std::vector<Instr> code;
    std::vector<std::string_view> segments;  // names split on '.', pointing into `source`
};

namespace {

struct Compiler {
    Template::Impl& t;
    Error& error;
    std::string_view src;

    // "line:col" (1-based, col in bytes) of an offset.
    std::pair<int, int> position(size_t at) const {
        int line = 1;
        size_t line_start = 0;
        for (size_t k = 0; k < at && k < src.size(); ++k)
            if (src[k] == '\n') { ++line; line_start = k + 1; }
        return {line, static_cast<int>(at - line_start) + 1};
    }

    void fail(size_t at, size_t len, std::string message) {
        error.message = std::move(message);
        std::tie(error.line, error.col) = position(at);
        error.len = static_cast<int>(len);
    }

    static bool at_line_start(std::string_view s, size_t at) { return at == 0 || s[at - 1] == '\n'; }

    void emit_text(size_t from, size_t to) {
        if (from >= to) return;
        Instr in;
        in.op = Op::text;
        in.text = src.substr(from, to - from);
        in.line_start = at_line_start(src, from);
        t.code.push_back(in);
    }

    // Splits a trimmed name into segments; false (with the error set) when malformed.
    bool name(std::string_view raw, Instr& in, size_t tag_at, size_t tag_len, std::string_view tag) {
        const std::string_view n = trim(raw);
        if (n.empty()) {
            fail(tag_at, tag_len, "`" + std::string(tag) + "` has no name");
            return false;
        }
        in.name_begin = in.name_end = static_cast<std::uint32_t>(t.segments.size());
        if (n == ".") return true;
        size_t start = 0;
        while (true) {
            const size_t dot = n.find('.', start);
            const std::string_view seg = n.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
            if (seg.empty()) {
                fail(tag_at, tag_len, "`" + std::string(n) + "` is not a name: empty part between dots");
                return false;
            }
            t.segments.push_back(seg);
            if (dot == std::string_view::npos) break;
            start = dot + 1;
        }
        in.name_end = static_cast<std::uint32_t>(t.segments.size());
        return true;
    }

    bool run() {
        std::string open = "{{", close = "}}";
        struct Open { std::uint32_t instr; std::string_view name; size_t at, len; };
        std::vector<Open> sections;
        size_t pos = 0;         // where to look for the next tag
        size_t text_from = 0;   // start of the text not yet emitted
        while (true) {
            const size_t at = src.find(open, pos);
            if (at == std::string_view::npos) break;
            size_t p = at + open.size();
            char kind = p < src.size() ? src[p] : '\0';
            if (kind == '{' || kind == '&' || kind == '#' || kind == '^' || kind == '/' || kind == '!' || kind == '>' || kind == '=') ++p;
            else kind = ' ';
            // A triple mustache ends with "}" + close; a set-delimiter tag with "=" + close.
            const std::string closer = kind == '{' ? "}" + close : kind == '=' ? "=" + close : close;
            const size_t end_at = src.find(closer, p);
            const std::string_view inner = end_at == std::string_view::npos ? std::string_view() : src.substr(p, end_at - p);
            // No closer, or the next tag's opening comes first (a set-delimiter tag may name it).
            if (end_at == std::string_view::npos || (kind != '=' && inner.find(open) != std::string_view::npos)) {
                if (kind == '=' && end_at == std::string_view::npos && src.find(close, p) != std::string_view::npos)
                    fail(at, src.find(close, p) + close.size() - at, "bad set-delimiter tag: it must end with `=" + close + "`");
                else
                    fail(at, open.size(), "unterminated tag: no `" + closer + "` closes this `" + open + "`" +
                                              (end_at == std::string_view::npos ? "" : " before the next `" + open + "`"));
                return false;
            }
            const size_t tag_end = end_at + closer.size();
            const std::string_view tag = src.substr(at, tag_end - at);

            // A standalone line: only blanks around a non-interpolating tag, the newline included.
            bool standalone = false;
            size_t line_from = at, next = tag_end;
            if (kind != ' ' && kind != '{' && kind != '&') {
                size_t ls = at;
                while (ls > text_from && is_blank(src[ls - 1])) --ls;
                if (at_line_start(src, ls)) {
                    size_t q = tag_end;
                    while (q < src.size() && is_blank(src[q])) ++q;
                    if (q == src.size()) standalone = true, next = q;
                    else if (src[q] == '\n') standalone = true, next = q + 1;
                    else if (src[q] == '\r' && q + 1 < src.size() && src[q + 1] == '\n') standalone = true, next = q + 2;
                    if (standalone) line_from = ls;
                }
            }
            emit_text(text_from, line_from);
            text_from = pos = next;

            Instr in;
            in.line_start = !standalone && at_line_start(src, at);
            switch (kind) {
                case '!':
                case '=': {
                    if (kind == '=') {
                        // Two delimiters separated by blanks, neither holding blanks or '='.
                        std::string_view d = trim(inner);
                        size_t sp = 0;
                        while (sp < d.size() && !is_blank(d[sp])) ++sp;
                        const std::string_view a = d.substr(0, sp), b = trim(d.substr(sp));
                        const auto bad = [](std::string_view s) {
                            return s.empty() || s.find_first_of(" \t\r\n=") != std::string_view::npos;
                        };
                        if (bad(a) || bad(b)) {
                            fail(at, tag.size(), "bad set-delimiter tag `" + std::string(tag) +
                                                     "`: give two delimiters separated by a space, like `{{=<% %>=}}`");
                            return false;
                        }
                        open = std::string(a);
                        close = std::string(b);
                    }
                    // Nothing to render, but inside an indented partial its line still starts.
                    if (in.line_start) {
                        in.op = Op::text;
                        t.code.push_back(in);
                    }
                    break;
                }
                case '#':
                case '^': {
                    if (!name(inner, in, at, tag.size(), tag)) return false;
                    if (sections.size() >= static_cast<size_t>(max_section_depth)) {
                        fail(at, tag.size(), "`" + std::string(tag) + "` opens a section inside " + std::to_string(max_section_depth) +
                                                 " others: sections nest at most " + std::to_string(max_section_depth) + " deep");
                        return false;
                    }
                    in.op = kind == '#' ? Op::section : Op::inverted;
                    sections.push_back({static_cast<std::uint32_t>(t.code.size()), trim(inner), at, tag.size()});
                    t.code.push_back(in);
                    break;
                }
                case '/': {
                    const std::string_view n = trim(inner);
                    if (sections.empty()) {
                        fail(at, tag.size(), "`" + std::string(tag) + "` closes a section that was never opened");
                        return false;
                    }
                    if (sections.back().name != n) {
                        const Open& o = sections.back();
                        const auto [line, col] = position(o.at);
                        fail(at, tag.size(), "`" + std::string(tag) + "` closes section `" + std::string(o.name) + "`, opened at " +
                                                 std::to_string(line) + ":" + std::to_string(col) + " with `" +
                                                 std::string(src.substr(o.at, o.len)) + "`");
                        return false;
                    }
                    t.code[sections.back().instr].end = static_cast<std::uint32_t>(t.code.size());
                    sections.pop_back();
                    break;
                }
                case '>': {
                    const std::string_view n = trim(inner);
                    if (n.empty()) {
                        fail(at, tag.size(), "`" + std::string(tag) + "` has no partial name");
                        return false;
                    }
                    in.op = Op::partial;
                    in.text = n;
                    in.standalone = standalone;
                    if (standalone) in.indent = src.substr(line_from, at - line_from);
                    t.code.push_back(in);
                    break;
                }
                default: {  // ' ' escaped, '{' and '&' raw
                    if (!name(inner, in, at, tag.size(), tag)) return false;
                    in.op = kind == ' ' ? Op::escaped : Op::raw;
                    t.code.push_back(in);
                    break;
                }
            }
        }
        if (!sections.empty()) {
            const Open& o = sections.back();
            fail(o.at, o.len, "section `" + std::string(o.name) + "` is never closed: add `" + open + "/" + std::string(o.name) + close +
                                  "` where it ends");
            return false;
        }
        emit_text(text_from, src.size());
        return true;
    }
};

}  // namespace

std::optional<Template> Template::compile(std::string_view text, Error& error) {
    auto impl = std::make_shared<Impl>();
    impl->source = std::string(text);
    Compiler c{*impl, error, impl->source};
    if (!c.run()) return std::nullopt;
    impl->code.shrink_to_fit();
    Template t;
    t.impl_ = std::move(impl);
    return t;
}

std::vector<std::string> Template::partial_names() const {
    std::vector<std::string> names;
    if (!impl_) return names;
    for (const Instr& in : impl_->code)
        if (in.op == Op::partial) names.emplace_back(in.text);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

std::vector<Template::Tag> Template::tags() const {
    std::vector<Tag> out;
    if (!impl_) return out;
    const Impl& t = *impl_;
    // Positions counted forward once: the names come in the order of the source.
    int line = 1;
    size_t scanned = 0, line_start = 0;
    const auto at = [&](const char* p, Tag& tag) {
        const size_t off = static_cast<size_t>(p - t.source.data());
        for (; scanned < off && scanned < t.source.size(); ++scanned)
            if (t.source[scanned] == '\n') { ++line; line_start = scanned + 1; }
        tag.line = line;
        tag.col = static_cast<int>(off - line_start) + 1;
    };
    std::vector<std::uint32_t> ends;
    for (std::uint32_t i = 0; i <= t.code.size(); ++i) {
        while (!ends.empty() && ends.back() == i) {
            out.push_back(Tag{Tag::Kind::end, {}, 0, 0, 0});
            ends.pop_back();
        }
        if (i == t.code.size()) break;
        const Instr& in = t.code[i];
        if (in.op == Op::text) continue;
        Tag tag;
        if (in.op == Op::partial) {
            tag.kind = Tag::Kind::partial;
            tag.name = std::string(in.text);
            at(in.text.data(), tag);
            tag.len = static_cast<int>(in.text.size());
        } else {
            tag.kind = in.op == Op::section ? Tag::Kind::section : in.op == Op::inverted ? Tag::Kind::inverted : Tag::Kind::variable;
            if (in.name_begin == in.name_end) {
                tag.name = ".";
            } else {
                const std::string_view first = t.segments[in.name_begin], last = t.segments[in.name_end - 1];
                tag.name = std::string(first.data(), static_cast<size_t>(last.data() + last.size() - first.data()));
                at(first.data(), tag);
                tag.len = static_cast<int>(tag.name.size());
            }
            if (tag.kind != Tag::Kind::variable) ends.push_back(in.end);
        }
        out.push_back(std::move(tag));
    }
    return out;
}

Template::Partials lookup_in(const PartialMap& map) {
    return [m = &map](std::string_view name) -> const Template* {
        const auto it = m->find(name);
        return it == m->end() ? nullptr : &it->second;
    };
}

// ---- [SECTION] Templates: rendering ----
// No recursion: sections and partials push frames onto one vector, which is also the
// context stack, so no template or data can overflow the C++ stack.
struct Renderer {
    struct Frame {
        const Template::Impl* t;
        std::uint32_t pc, end;      // next instruction, end of the block
        std::uint32_t begin;        // first instruction of the block: a list's next item starts there
        std::uint32_t index;        // the list item being rendered
        const Value* list;          // the list iterated, or nullptr
        const Value* context;       // what this frame pushed onto the context stack, or nullptr
        std::uint32_t ib, ie;       // indents[ib, ie): the indentation of the block's lines
        bool partial;               // a partial's template: one level of depth
    };

    std::string& out;
    const Template::Partials& partials;
    std::vector<Frame> frames;                // innermost last
    std::vector<std::string_view> indents;    // pieces of indentation; used only by indented partials
    int depth = 0;                            // partials being rendered

    void indent(std::uint32_t ib, std::uint32_t ie) {
        for (std::uint32_t k = ib; k < ie; ++k) out.append(indents[k]);
    }

    const Value* lookup(const Template::Impl& t, const Instr& in) const {
        auto it = frames.rbegin();
        if (in.name_begin == in.name_end) {  // `.`: the innermost context (the root frame has one)
            while (!it->context) ++it;
            return it->context;
        }
        const std::string_view first = t.segments[in.name_begin];
        const Value* v = nullptr;
        for (; it != frames.rend(); ++it)
            if (it->context && (v = it->context->find(first))) break;
        for (std::uint32_t k = in.name_begin + 1; v && k < in.name_end; ++k) v = v->find(t.segments[k]);
        return v;
    }

    void interpolate(const Value* v, bool escaped) {
        if (!v) return;
        switch (v->kind()) {
            case Value::Kind::string:
                if (escaped) append_escaped_html(out, v->as_string());
                else out.append(v->as_string());
                break;
            case Value::Kind::boolean: out.append(v->as_bool() ? "true" : "false"); break;
            default: break;  // null, lists and maps print nothing
        }
    }

    // False when partials nested deeper than max_partial_depth or the output passed max_render_bytes.
    bool run(const Template::Impl& root, const Value& context) {
        frames.push_back({&root, 0, static_cast<std::uint32_t>(root.code.size()), 0, 0, nullptr, &context, 0, 0, false});
        const size_t limit = out.size() + max_render_bytes;
        while (!frames.empty()) {
            if (out.size() > limit) return false;   // partials that fan out: stop long before memory runs out
            Frame& f = frames.back();
            if (f.pc == f.end) {
                if (f.list && ++f.index < f.list->items().size()) {  // the list's next item
                    f.context = &f.list->items()[f.index];
                    f.pc = f.begin;
                    continue;
                }
                if (f.partial) --depth;
                frames.pop_back();
                continue;
            }
            const Template::Impl& t = *f.t;
            const std::uint32_t i = f.pc++;
            const Instr& in = t.code[i];
            const std::uint32_t ib = f.ib, ie = f.ie;
            if (ib != ie && in.line_start) indent(ib, ie);
            switch (in.op) {
                case Op::text:
                    if (ib == ie) {
                        out.append(in.text);
                    } else {  // indent every line the text starts, not a line after its last newline
                        size_t from = 0;
                        for (size_t nl; (nl = in.text.find('\n', from)) != std::string_view::npos && nl + 1 < in.text.size(); from = nl + 1) {
                            out.append(in.text.substr(from, nl + 1 - from));
                            indent(ib, ie);
                        }
                        out.append(in.text.substr(from));
                    }
                    break;
                case Op::escaped: interpolate(lookup(t, in), true); break;
                case Op::raw: interpolate(lookup(t, in), false); break;
                case Op::section: {
                    const Value* v = lookup(t, in);
                    f.pc = in.end;  // the parent resumes after the body (f is invalid once a frame is pushed)
                    if (!v || !v->truthy()) break;
                    if (v->kind() == Value::Kind::list)
                        frames.push_back({&t, i + 1, in.end, i + 1, 0, v, &v->items()[0], ib, ie, false});
                    else
                        frames.push_back({&t, i + 1, in.end, i + 1, 0, nullptr, v, ib, ie, false});
                    break;
                }
                case Op::inverted: {
                    // The body follows in line: render it where it stands, or skip it.
                    const Value* v = lookup(t, in);
                    if (v && v->truthy()) f.pc = in.end;
                    break;
                }
                case Op::partial: {
                    const Template* p = partials ? partials(in.text) : nullptr;
                    if (!p || !p->impl_) break;
                    if (depth >= max_partial_depth) return false;  // render nothing further
                    // A standalone partial's lines take the tag's indentation on top of ours;
                    // an inline one is not indented at all.
                    std::uint32_t nb = ie, ne = ie;
                    if (in.standalone) {
                        nb = ib;
                        indents.resize(ie);  // pieces past ie belong to no live frame
                        if (!in.indent.empty()) indents.push_back(in.indent);
                        ne = static_cast<std::uint32_t>(indents.size());
                    }
                    ++depth;
                    const Template::Impl& pt = *p->impl_;
                    frames.push_back({&pt, 0, static_cast<std::uint32_t>(pt.code.size()), 0, 0, nullptr, nullptr, nb, ne, true});
                    break;
                }
            }
        }
        return true;
    }
};

bool Template::render_to(std::string& out, const Value& context, const Partials& partials) const {
    if (!impl_) return true;
    Renderer r{out, partials, {}, {}};
    r.frames.reserve(16);
    return r.run(*impl_, context);
}

std::string Template::render(const Value& context, const Partials& partials) const {
    std::string out;
    if (impl_) out.reserve(impl_->source.size() + impl_->source.size() / 2);
    render_to(out, context, partials);
    return out;
}

}  // namespace costbook::site::mustache
