// site: HTML escaping, the one way strings from data and content reach a page
// Index: [SECTION] Escaping
#pragma once
#include <string>
#include <string_view>

namespace costbook::site {

// ---- [SECTION] Escaping ----
void append_escaped(std::string& out, std::string_view text);  // & < > " ' → entities
std::string escape(std::string_view text);                     // text and attribute values alike
std::string escape_json_in_html(std::string_view json);        // JSON inside <script>: < > & → \u003c…
std::string slugify(std::string_view text);                    // "What is counted?" → "what-is-counted"

}  // namespace costbook::site
