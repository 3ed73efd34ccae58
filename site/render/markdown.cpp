#include "render/markdown.h"

#include <cstdlib>
#include <cstring>
#include <map>
#include <md4c.h>

#include "render/html.h"

namespace costbook::site {

std::string inline_marker(int index) { return "\xEE\x80\x80" + std::to_string(index) + "\xEE\x80\x81"; }
std::string block_marker(int index) { return "<div data-cb-sc=\"" + std::to_string(index) + "\"></div>"; }

namespace {

constexpr std::string_view kOpen = "\xEE\x80\x80", kClose = "\xEE\x80\x81";

struct Renderer {
    const MarkdownHooks& hooks;
    MarkdownResult result;
    std::vector<std::string> stack;       // output buffers: headings and image alts capture
    std::string heading_text;             // plain text of the open heading
    int heading_level = 0;
    int image_depth = 0;                  // inside ![alt]: text goes to the alt attribute
    std::map<std::string, int> ids;       // heading id → times used
    std::map<std::string, int> next_suffix;   // heading slug → the last -n tried for it
    std::vector<MD_ALIGN> align;

    std::string& out() { return stack.back(); }

    // Text with inline markers: `expand` swaps in shortcode HTML, otherwise the original text.
    void text_with_markers(std::string_view t, bool expand) {
        if (!std::memchr(t.data(), kOpen[0], t.size())) {   // the usual case: no marker in this text
            append_escaped(out(), t);
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
            append_escaped(out(), t.substr(pos, open - pos));
            if (heading_level) heading_text.append(t.substr(pos, open - pos));
            if (expand && hooks.shortcode_html) {
                const std::string html = hooks.shortcode_html(index);
                out() += html;
            } else if (hooks.shortcode_text) {
                append_escaped(out(), hooks.shortcode_text(index));
            }
            pos = close + kClose.size();
        }
        append_escaped(out(), t.substr(pos));
        if (heading_level) heading_text.append(t.substr(pos));
    }

    std::string attribute(const MD_ATTRIBUTE& a) {
        std::string s;
        for (int i = 0; a.substr_offsets[i] < a.size; ++i) {
            const MD_SIZE off = a.substr_offsets[i], end = a.substr_offsets[i + 1];
            const std::string_view piece(a.text + off, end - off);
            if (a.substr_types[i] == MD_TEXT_NULLCHAR) s += "\xEF\xBF\xBD";
            else s.append(piece);  // entities pass through: the value is escaped once, below
        }
        return s;
    }

    std::string url(const MD_ATTRIBUTE& a) {
        const std::string raw = attribute(a);
        result.links.push_back(raw);
        return hooks.rewrite_url ? hooks.rewrite_url(raw) : raw;
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
            case MD_BLOCK_QUOTE: out() += "<blockquote>\n"; break;
            case MD_BLOCK_UL: out() += "<ul>\n"; break;
            case MD_BLOCK_OL: {
                const auto* d = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
                out() += d->start == 1 ? "<ol>\n" : "<ol start=\"" + std::to_string(d->start) + "\">\n";
                break;
            }
            case MD_BLOCK_LI: {
                const auto* d = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
                if (d->is_task) {
                    out() += "<li class=\"task\"><input type=\"checkbox\" disabled";
                    out() += d->task_mark == 'x' || d->task_mark == 'X' ? " checked> " : "> ";
                } else {
                    out() += "<li>";
                }
                break;
            }
            case MD_BLOCK_HR: out() += "<hr>\n"; break;
            case MD_BLOCK_H:
                heading_level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
                heading_text.clear();
                stack.emplace_back();
                break;
            case MD_BLOCK_CODE: {
                const auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
                const std::string lang = d->lang.text ? attribute(d->lang) : "";
                out() += lang.empty() ? "<pre><code>" : "<pre><code class=\"language-" + escape(lang) + "\">";
                break;
            }
            case MD_BLOCK_HTML: break;
            case MD_BLOCK_P: out() += "<p>"; break;
            case MD_BLOCK_TABLE: out() += "<div class=\"table-wrap\"><table>\n"; break;
            case MD_BLOCK_THEAD: out() += "<thead>\n"; break;
            case MD_BLOCK_TBODY: out() += "<tbody>\n"; break;
            case MD_BLOCK_TR: out() += "<tr>"; break;
            case MD_BLOCK_TH: out() += "<th"; out() += align_attr(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align); out() += '>'; break;
            case MD_BLOCK_TD: out() += "<td"; out() += align_attr(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align); out() += '>'; break;
        }
        return 0;
    }

    int leave_block(MD_BLOCKTYPE type, void*) {
        switch (type) {
            case MD_BLOCK_DOC: break;
            case MD_BLOCK_QUOTE: out() += "</blockquote>\n"; break;
            case MD_BLOCK_UL: out() += "</ul>\n"; break;
            case MD_BLOCK_OL: out() += "</ol>\n"; break;
            case MD_BLOCK_LI: out() += "</li>\n"; break;
            case MD_BLOCK_HR: break;
            case MD_BLOCK_H: {
                const std::string inner = std::move(stack.back());
                stack.pop_back();
                const std::string base = slugify(heading_text);
                // The first free "base", "base-1", "base-2", ...: each base remembers where its last
                // search ended, so 20,000 headings of one text cost 20,000 steps, not 200 million.
                std::string id = base;
                int& n = next_suffix[base];
                while (ids.count(id)) id = base + "-" + std::to_string(++n);
                ids[id] = 1;
                const char h = static_cast<char>('0' + heading_level);   // md4c's levels are 1-6
                std::string& o = out();
                o += "<h"; o += h; o += " id=\""; append_escaped(o, id); o += "\">"; o += inner;
                o += "<a class=\"anchor\" href=\"#"; append_escaped(o, id);
                o += "\" aria-label=\"Link to this section\">#</a></h"; o += h; o += ">\n";
                result.headings.push_back({heading_level, id, heading_text});
                heading_level = 0;
                break;
            }
            case MD_BLOCK_CODE: out() += "</code></pre>\n"; break;
            case MD_BLOCK_HTML: break;
            case MD_BLOCK_P: out() += "</p>\n"; break;
            case MD_BLOCK_TABLE: out() += "</table></div>\n"; break;
            case MD_BLOCK_THEAD: out() += "</thead>\n"; break;
            case MD_BLOCK_TBODY: out() += "</tbody>\n"; break;
            case MD_BLOCK_TR: out() += "</tr>\n"; break;
            case MD_BLOCK_TH: out() += "</th>"; break;
            case MD_BLOCK_TD: out() += "</td>"; break;
        }
        return 0;
    }

    int enter_span(MD_SPANTYPE type, void* detail) {
        if (image_depth > 0) {
            if (type == MD_SPAN_IMG) ++image_depth;
            return 0;
        }
        switch (type) {
            case MD_SPAN_EM: out() += "<em>"; break;
            case MD_SPAN_STRONG: out() += "<strong>"; break;
            case MD_SPAN_U: out() += "<u>"; break;
            case MD_SPAN_DEL: out() += "<del>"; break;
            case MD_SPAN_CODE: out() += "<code>"; break;
            case MD_SPAN_A: {
                const auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
                out() += "<a href=\"";
                append_escaped(out(), url(d->href));
                if (d->title.text && d->title.size) {
                    out() += "\" title=\"";
                    append_escaped(out(), attribute(d->title));
                }
                out() += "\">";
                break;
            }
            case MD_SPAN_IMG: {
                const auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
                out() += "<img src=\"" + escape(url(d->src)) + "\"";
                if (d->title.text && d->title.size) out() += " title=\"" + escape(attribute(d->title)) + "\"";
                out() += " alt=\"";
                image_depth = 1;
                break;
            }
            default: break;  // latex math and wiki links are not enabled
        }
        return 0;
    }

    int leave_span(MD_SPANTYPE type, void*) {
        if (image_depth > 0) {
            if (type == MD_SPAN_IMG && --image_depth == 0) out() += "\" loading=\"lazy\">";
            return 0;
        }
        switch (type) {
            case MD_SPAN_EM: out() += "</em>"; break;
            case MD_SPAN_STRONG: out() += "</strong>"; break;
            case MD_SPAN_U: out() += "</u>"; break;
            case MD_SPAN_DEL: out() += "</del>"; break;
            case MD_SPAN_CODE: out() += "</code>"; break;
            case MD_SPAN_A: out() += "</a>"; break;
            default: break;
        }
        return 0;
    }

    int text(MD_TEXTTYPE type, const MD_CHAR* t, MD_SIZE size) {
        const std::string_view s(t, size);
        switch (type) {
            case MD_TEXT_NULLCHAR: out() += "\xEF\xBF\xBD"; break;
            case MD_TEXT_BR: out() += image_depth ? " " : "<br>\n"; break;
            case MD_TEXT_SOFTBR: out() += image_depth ? " " : "\n"; if (heading_level) heading_text += ' '; break;
            case MD_TEXT_HTML: {
                // A block shortcode marker arrives as an HTML block of its own.
                const std::string_view prefix = "<div data-cb-sc=\"";
                if (s.substr(0, prefix.size()) == prefix && hooks.shortcode_html) {
                    out() += hooks.shortcode_html(std::atoi(std::string(s.substr(prefix.size())).c_str()));
                    const size_t end = s.find("</div>");
                    if (end != std::string_view::npos) out().append(s.substr(end + 6));
                } else {
                    out().append(s);
                }
                break;
            }
            case MD_TEXT_ENTITY: out().append(s); if (heading_level) heading_text.append(s); break;
            case MD_TEXT_CODE: text_with_markers(s, false); break;
            default: text_with_markers(s, image_depth == 0); break;
        }
        return 0;
    }
};

}  // namespace

MarkdownResult render_markdown(const std::string& text, const MarkdownHooks& hooks) {
    Renderer r{hooks, {}, {}, {}, 0, 0, {}, {}, {}};
    r.stack.emplace_back();
    r.stack.back().reserve(text.size() * 3 / 2);
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_GITHUB;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<Renderer*>(u)->enter_block(t, d); };
    parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<Renderer*>(u)->leave_block(t, d); };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<Renderer*>(u)->enter_span(t, d); };
    parser.leave_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<Renderer*>(u)->leave_span(t, d); };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) { return static_cast<Renderer*>(u)->text(t, s, n); };
    const int rc = md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &r);
    if (rc != 0) { r.result.ok = false; return r.result; }
    r.result.html = std::move(r.stack.front());
    return r.result;
}

}  // namespace costbook::site
