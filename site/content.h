// site: content/**/*.md — TOML front matter between +++ lines, then Markdown
// Index: [SECTION] Types  [SECTION] Loading
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "diag.h"

namespace costbook::site {

// ---- [SECTION] Types ----
struct SiteConfig {
    std::string title, description, base_url, language = "en", author;
    std::string base_path;      // the URL path of base_url, "/" or "/costs/": every internal link starts with it
};

struct Page {
    std::string src;            // "content/deepseek-v3.md", as shown in errors
    std::string url_path;       // "deepseek-v3/" relative to the base path; "" for the home page
    std::string out_path;       // "deepseek-v3/index.html"
    std::string title, description, date, template_name, calc;
    bool draft = false, toc = false, in_nav = true;
    int weight = 0;
    std::string nav_title;      // shorter title for the navigation, or empty
    std::string body;           // Markdown after the front matter
    int body_line = 1;          // line of `body`'s first character in the file
    std::string model_id;       // data-driven model pages: the model they show
    std::string kind = "page";  // page, model, sources, 404
};

// ---- [SECTION] Loading ----
std::optional<SiteConfig> load_config(const std::string& site_dir, Diagnostics& diags);
// Splits and validates every page; an unknown front-matter key is an error naming the known ones.
std::vector<Page> load_content(const std::string& site_dir, bool drafts, Diagnostics& diags);
bool valid_utf8(const std::string& s, size_t* bad_offset);
// One page from its text; `rel` is its path under content/ ("a/b.md"). Used by load_content
// and by the fuzzer.
std::optional<Page> parse_page(const std::string& text, const std::string& rel, bool drafts, Diagnostics& diags);

}  // namespace costbook::site
