#include "render/markdown.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <vector>
#include <md4c.h>

#include "mustache/mustache.h"
#include "render/html.h"

namespace costbook::site {

std::string inline_marker(int index) { return "\xEE\x80\x80" + std::to_string(index) + "\xEE\x80\x81"; }
std::string block_marker(int index) { return "<div data-cb-sc=\"" + std::to_string(index) + "\"></div>"; }

namespace {

constexpr std::string_view kOpen = "\xEE\x80\x80", kClose = "\xEE\x80\x81";

// The page's HTML as it grows. md4c calls the renderer a few hundred times a page with pieces of
// a few bytes, and std::string's out-of-line append cost more than the bytes it copied: here an
// append is inline (a literal's size is known when compiling), into a buffer that is neither
// zeroed nor shrunk, kept from page to page by the thread; the page's string is made once, at
// its exact size, at the end.
class Out {
public:
    explicit Out(size_t reserve) {
        if (spare_) { buf_ = std::move(spare_); cap_ = spare_cap_; }   // a nested render takes a new one
        if (cap_ < reserve) grow(reserve);
    }
    ~Out() {
        if (buf_ && cap_ <= (size_t{1} << 20) && (!spare_ || spare_cap_ < cap_)) { spare_ = std::move(buf_); spare_cap_ = cap_; }
    }
    Out(const Out&) = delete;
    Out& operator=(const Out&) = delete;
    void append(const char* p, size_t n) {
        if (n > cap_ - len_) grow(n);
        if (n) std::memcpy(buf_.get() + len_, p, n);
        len_ += n;
    }
    template <size_t N> Out& operator+=(const char (&literal)[N]) { append(literal, N - 1); return *this; }
    Out& operator+=(std::string_view s) { append(s.data(), s.size()); return *this; }
    Out& operator+=(char c) {
        if (len_ == cap_) grow(1);
        buf_[len_++] = c;
        return *this;
    }
    // mustache's escaping (what is escaped, and into what), written here without a call per piece.
    void append_escaped(std::string_view t) {
        size_t start = 0;
        for (size_t i = mustache::next_html_special(t, 0); i < t.size(); i = mustache::next_html_special(t, start)) {
            append(t.data() + start, i - start);
            *this += mustache::html_entity(t[i]);
            start = i + 1;
        }
        append(t.data() + start, t.size() - start);
    }
    size_t size() const { return len_; }
    std::string_view since(size_t at) const { return {buf_.get() + at, len_ - at}; }
    void truncate(size_t at) { len_ = at; }
    std::string str() const { return std::string(buf_.get(), len_); }
private:
    void grow(size_t n) {
        const size_t cap = std::max(cap_ * 2, len_ + n + 64);
        std::unique_ptr<char[]> bigger(new char[cap]);
        if (len_) std::memcpy(bigger.get(), buf_.get(), len_);
        buf_ = std::move(bigger);
        cap_ = cap;
    }
    std::unique_ptr<char[]> buf_;
    size_t len_ = 0, cap_ = 0;
    static thread_local std::unique_ptr<char[]> spare_;   // the last page's buffer, up to 1 MiB
    static thread_local size_t spare_cap_;
};
thread_local std::unique_ptr<char[]> Out::spare_;
thread_local size_t Out::spare_cap_ = 0;

struct Renderer {
    const MarkdownHooks& hooks;
    Out& o;
    MarkdownResult result;
    size_t heading_start = 0;             // where the open heading's inner HTML begins in `o`
    std::string heading_inner;            // that HTML, moved aside while the heading's id is written
    std::string heading_text;             // plain text of the open heading
    int heading_level = 0;
    int image_depth = 0;                  // inside ![alt]: text goes to the alt attribute
    std::map<std::string, int> ids;       // heading id → times used
    std::map<std::string, int> next_suffix;   // heading slug → the last -n tried for it
    bool markers = true;                  // the page holds an inline shortcode marker somewhere
    std::string_view doc;                 // the page's Markdown, which md4c's text points into
    std::vector<std::uint32_t> specials;  // where its & < > " ' are (mustache::find_html_specials)

    // A piece of text, escaped: one of `doc` by its list of specials (one search, no scan of the
    // piece); any other text is scanned.
    void escaped(std::string_view t) {
        const auto at = reinterpret_cast<std::uintptr_t>(t.data()), base = reinterpret_cast<std::uintptr_t>(doc.data());
        if (at < base || at + t.size() > base + doc.size()) { o.append_escaped(t); return; }
        const auto from = static_cast<std::uint32_t>(at - base), to = static_cast<std::uint32_t>(from + t.size());
        std::uint32_t start = from;
        for (auto it = std::lower_bound(specials.begin(), specials.end(), from); it != specials.end() && *it < to; ++it) {
            o.append(doc.data() + start, *it - start);
            o += mustache::html_entity(doc[*it]);
            start = *it + 1;
        }
        o.append(doc.data() + start, to - start);
    }

    // Text with inline markers: `expand` swaps in shortcode HTML, otherwise the original text.
    void text_with_markers(std::string_view t, bool expand) {
        if (!markers || !std::memchr(t.data(), kOpen[0], t.size())) {   // the usual case: no marker in this text
            escaped(t);
            if (heading_level) heading_text.append(t);
            return;
        }
        size_t pos = 0;
        while (true) {
            const size_t open = t.find(kOpen, pos);
            if (open == std::string_view::npos) break;
            const size_t close = t.find(kClose, open);
            if (close == std::string_view::npos) break;
            const int index = std::atoi(std::string(t.substr(open + kOpen.size(), close - open - kOpen.size())).c_str());
            escaped(t.substr(pos, open - pos));
            if (heading_level) heading_text.append(t.substr(pos, open - pos));
            if (expand && hooks.shortcode_html) {
                o += hooks.shortcode_html(index);
            } else if (hooks.shortcode_text) {
                o.append_escaped(hooks.shortcode_text(index));
            }
            pos = close + kClose.size();
        }
        escaped(t.substr(pos));
        if (heading_level) heading_text.append(t.substr(pos));
    }

    std::string attribute(const MD_ATTRIBUTE& a) {
        if (a.size == 0) return {};
        if (a.substr_offsets[1] >= a.size && a.substr_types[0] != MD_TEXT_NULLCHAR) return std::string(a.text, a.size);   // one piece, the usual attribute
        std::string s;
        for (int i = 0; a.substr_offsets[i] < a.size; ++i) {
            const MD_SIZE off = a.substr_offsets[i], end = a.substr_offsets[i + 1];
            const std::string_view piece(a.text + off, end - off);
            if (a.substr_types[i] == MD_TEXT_NULLCHAR) s += "\xEF\xBF\xBD";
            else s.append(piece);  // entities pass through: the value is escaped once, below
        }
        return s;
    }

    // An href or src, escaped into the page; the link as written is kept for the link check.
    void put_url(const MD_ATTRIBUTE& a) {
        if (result.links.empty()) result.links.reserve(64);   // a page's links, without regrowing for each few
        result.links.push_back(attribute(a));
        const std::string& raw = result.links.back();
        if (hooks.rewrite_url && !raw.empty() && raw[0] == '/') o.append_escaped(hooks.rewrite_url(raw));
        else o.append_escaped(raw);
    }

    static const char* align_attr(MD_ALIGN a) {
        switch (a) {
            case MD_ALIGN_LEFT: return " style=\"text-align:left\"";
            case MD_ALIGN_CENTER: return " style=\"text-align:center\"";
            case MD_ALIGN_RIGHT: return " style=\"text-align:right\"";
            default: return "";
        }
    }

    int enter_block(MD_BLOCKTYPE type, void* detail) {
        switch (type) {
            case MD_BLOCK_DOC: break;
            case MD_BLOCK_QUOTE: o += "<blockquote>\n"; break;
            case MD_BLOCK_UL: o += "<ul>\n"; break;
            case MD_BLOCK_OL: {
                const auto* d = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
                if (d->start == 1) {
                    o += "<ol>\n";
                } else {
                    o += "<ol start=\"";
                    o += std::to_string(d->start);
                    o += "\">\n";
                }
                break;
            }
            case MD_BLOCK_LI: {
                const auto* d = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
                if (d->is_task) {
                    o += "<li class=\"task\"><input type=\"checkbox\" disabled";
                    o += d->task_mark == 'x' || d->task_mark == 'X' ? " checked> " : "> ";
                } else {
                    o += "<li>";
                }
                break;
            }
            case MD_BLOCK_HR: o += "<hr>\n"; break;
            case MD_BLOCK_H:
                heading_level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
                heading_text.clear();
                heading_start = o.size();
                break;
            case MD_BLOCK_CODE: {
                const auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
                const std::string lang = d->lang.text ? attribute(d->lang) : "";
                if (lang.empty()) {
                    o += "<pre><code>";
                } else {
                    o += "<pre><code class=\"language-";
                    o.append_escaped(lang);
                    o += "\">";
                }
                break;
            }
            case MD_BLOCK_HTML: break;
            case MD_BLOCK_P: o += "<p>"; break;
            case MD_BLOCK_TABLE: o += "<div class=\"table-wrap\"><table>\n"; break;
            case MD_BLOCK_THEAD: o += "<thead>\n"; break;
            case MD_BLOCK_TBODY: o += "<tbody>\n"; break;
            case MD_BLOCK_TR: o += "<tr>"; break;
            case MD_BLOCK_TH: o += "<th"; o += std::string_view(align_attr(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align)); o += '>'; break;
            case MD_BLOCK_TD: o += "<td"; o += std::string_view(align_attr(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align)); o += '>'; break;
        }
        return 0;
    }

    int leave_block(MD_BLOCKTYPE type, void*) {
        switch (type) {
            case MD_BLOCK_DOC: break;
            case MD_BLOCK_QUOTE: o += "</blockquote>\n"; break;
            case MD_BLOCK_UL: o += "</ul>\n"; break;
            case MD_BLOCK_OL: o += "</ol>\n"; break;
            case MD_BLOCK_LI: o += "</li>\n"; break;
            case MD_BLOCK_HR: break;
            case MD_BLOCK_H: {
                heading_inner.assign(o.since(heading_start));
                o.truncate(heading_start);
                const std::string base = slugify(heading_text);
                // The first free "base", "base-1", "base-2", ...: each base remembers where its last
                // search ended, so 20,000 headings of one text cost 20,000 steps, not 200 million.
                // A base used for the first time is taken with one lookup and keeps no search state.
                std::string id = base;
                if (!ids.try_emplace(id, 1).second) {
                    int& n = next_suffix[base];
                    do id = base + "-" + std::to_string(++n);
                    while (!ids.try_emplace(id, 1).second);
                }
                const char h = static_cast<char>('0' + heading_level);   // md4c's levels are 1-6
                o += "<h"; o += h; o += " id=\""; o.append_escaped(id); o += "\">"; o += heading_inner;
                o += "<a class=\"anchor\" href=\"#"; o.append_escaped(id);
                o += "\" aria-label=\"Link to this section\">#</a></h"; o += h; o += ">\n";
                result.headings.push_back({heading_level, std::move(id), heading_text});
                heading_level = 0;
                break;
            }
            case MD_BLOCK_CODE: o += "</code></pre>\n"; break;
            case MD_BLOCK_HTML: break;
            case MD_BLOCK_P: o += "</p>\n"; break;
            case MD_BLOCK_TABLE: o += "</table></div>\n"; break;
            case MD_BLOCK_THEAD: o += "</thead>\n"; break;
            case MD_BLOCK_TBODY: o += "</tbody>\n"; break;
            case MD_BLOCK_TR: o += "</tr>\n"; break;
            case MD_BLOCK_TH: o += "</th>"; break;
            case MD_BLOCK_TD: o += "</td>"; break;
        }
        return 0;
    }

    int enter_span(MD_SPANTYPE type, void* detail) {
        if (image_depth > 0) {
            if (type == MD_SPAN_IMG) ++image_depth;
            return 0;
        }
        switch (type) {
            case MD_SPAN_EM: o += "<em>"; break;
            case MD_SPAN_STRONG: o += "<strong>"; break;
            case MD_SPAN_U: o += "<u>"; break;
            case MD_SPAN_DEL: o += "<del>"; break;
            case MD_SPAN_CODE: o += "<code>"; break;
            case MD_SPAN_A: {
                const auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
                o += "<a href=\"";
                put_url(d->href);
                if (d->title.text && d->title.size) {
                    o += "\" title=\"";
                    o.append_escaped(attribute(d->title));
                }
                o += "\">";
                break;
            }
            case MD_SPAN_IMG: {
                const auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
                o += "<img src=\"";
                put_url(d->src);
                o += "\"";
                if (d->title.text && d->title.size) {
                    o += " title=\"";
                    o.append_escaped(attribute(d->title));
                    o += "\"";
                }
                o += " alt=\"";
                image_depth = 1;
                break;
            }
            default: break;  // latex math and wiki links are not enabled
        }
        return 0;
    }

    int leave_span(MD_SPANTYPE type, void*) {
        if (image_depth > 0) {
            if (type == MD_SPAN_IMG && --image_depth == 0) o += "\" loading=\"lazy\">";
            return 0;
        }
        switch (type) {
            case MD_SPAN_EM: o += "</em>"; break;
            case MD_SPAN_STRONG: o += "</strong>"; break;
            case MD_SPAN_U: o += "</u>"; break;
            case MD_SPAN_DEL: o += "</del>"; break;
            case MD_SPAN_CODE: o += "</code>"; break;
            case MD_SPAN_A: o += "</a>"; break;
            default: break;
        }
        return 0;
    }

    int text(MD_TEXTTYPE type, const MD_CHAR* t, MD_SIZE size) {
        const std::string_view s(t, size);
        switch (type) {
            case MD_TEXT_NULLCHAR: o += "\xEF\xBF\xBD"; break;
            case MD_TEXT_BR: if (image_depth) o += ' '; else o += "<br>\n"; break;
            case MD_TEXT_SOFTBR: o += image_depth ? ' ' : '\n'; if (heading_level) heading_text += ' '; break;
            case MD_TEXT_HTML: {
                // A block shortcode marker arrives as an HTML block of its own.
                const std::string_view prefix = "<div data-cb-sc=\"";
                if (s.substr(0, prefix.size()) == prefix && hooks.shortcode_html) {
                    o += hooks.shortcode_html(std::atoi(std::string(s.substr(prefix.size())).c_str()));
                    const size_t end = s.find("</div>");
                    if (end != std::string_view::npos) o += s.substr(end + 6);
                } else {
                    o += s;
                }
                break;
            }
            case MD_TEXT_ENTITY: o += s; if (heading_level) heading_text.append(s); break;
            case MD_TEXT_CODE: text_with_markers(s, false); break;
            default: text_with_markers(s, image_depth == 0); break;
        }
        return 0;
    }
};

}  // namespace

MarkdownResult render_markdown(const std::string& text, const MarkdownHooks& hooks) {
    Out out(text.size() * 3 / 2);
    Renderer r{hooks, out, {}, 0, {}, {}, 0, 0, {}, {}, text.find(kOpen) != std::string::npos, text, {}};
    mustache::find_html_specials(text, r.specials);
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_GITHUB;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<Renderer*>(u)->enter_block(t, d); };
    parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<Renderer*>(u)->leave_block(t, d); };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<Renderer*>(u)->enter_span(t, d); };
    parser.leave_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<Renderer*>(u)->leave_span(t, d); };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) { return static_cast<Renderer*>(u)->text(t, s, n); };
    const int rc = md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &r);
    if (rc != 0) { r.result.ok = false; return std::move(r.result); }
    r.result.html = out.str();
    return std::move(r.result);
}

}  // namespace costbook::site
