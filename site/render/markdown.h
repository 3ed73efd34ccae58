// site: Markdown to HTML through md4c's parser callbacks
// Index: [SECTION] Types  [SECTION] Render
//
// costbook renders md4c's callbacks itself (as md4c-html does) so that heading ids and
// anchor links, shortcode markers and link rewriting happen while parsing, not in a
// post-pass over HTML.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace costbook::site {

// ---- [SECTION] Types ----
struct Heading { int level; std::string id, text; };

struct MarkdownHooks {
    // Shortcode markers left by the shortcode pass: index → HTML to put in their place.
    std::function<std::string(int index)> shortcode_html;
    // Original text of a marker, for code spans and blocks where shortcodes stay literal.
    std::function<std::string(int index)> shortcode_text;
    // Rewrites a root-relative href or src (one that starts with '/'): the base path goes in front.
    // Other links are written as they are, without a call.
    std::function<std::string(const std::string& url)> rewrite_url;
};

struct MarkdownResult {
    std::string html;
    std::vector<Heading> headings;     // for the table of contents and `check`'s anchors
    std::vector<std::string> links;    // every href and src as written (before rewriting)
    bool ok = true;                    // md4c failed (out of memory): html is empty
};

// ---- [SECTION] Render ----
// Markers: inline "\xEE\x80\x80<index>\xEE\x80\x81"; block `<div data-cb-sc="<index>"></div>`.
MarkdownResult render_markdown(const std::string& text, const MarkdownHooks& hooks);
std::string inline_marker(int index);
std::string block_marker(int index);

}  // namespace costbook::site
