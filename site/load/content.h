// site: content/**/*.md — TOML front matter between +++ lines, then Markdown
// Index: [SECTION] Types  [SECTION] Loading
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag.h"
#include "load/data.h"

namespace costbook::site {

class FileBuffer;   // files.h

// ---- [SECTION] Types ----
struct Page {
    std::string src;            // "content/deepseek-v3.md", as shown in errors
    std::string url_path;       // "deepseek-v3/" relative to the base path; "" for the home page
    std::string out_path;       // "deepseek-v3/index.html"
    std::string title, description, date, template_name;
    bool draft = false, toc = false, in_nav = true;
    int weight = 0;
    std::string nav_title;      // shorter title for the navigation, or empty
    std::string body;           // Markdown after the front matter
    int body_line = 1;          // line of `body`'s first character in the file
    std::string model_id;       // data-driven model pages: the model they show
    std::string kind = "page";  // page, section (a folder's _index.md), model, sources, 404
    std::string section;        // the url_path of the section it sits in ("posts/"), or ""
    int slug_line = 0, slug_col = 0, slug_len = 0;   // front matter `slug`, where it is; 0 = none: the path is the file's
    struct Card {               // front matter `card` and `card_figure`: its social card (render/cards.h)
        bool off = false;       // card = false
        std::string image;      // card = "/img/x.png" (a file of static/) or "https://...": its own image
        std::string figure;     // card_figure = "<figure key>": the headline the card shows
        int line = 0, col = 0, figure_line = 0, figure_col = 0;   // of the values, for errors
    } card;
};

// ---- [SECTION] Loading ----
// Splits and validates every page; an unknown front-matter key is an error naming the known ones.
// content/<folder>/_index.md makes <folder> a section: its page lists the pages under the folder
// (each page's `section` names the nearest folder above it that has one). Two pages of one path
// are an error at the later one (at the `slug` line of the one a slug took there), naming the
// other; so is a page at /sources/ when there is a data/ folder (the generated sources index).
std::vector<Page> load_content(const std::string& site_dir, bool drafts, Diagnostics& diags);
// The pages no Markdown file gives: a page per model in data/models/ (with the `model` template
// when there is one), the sources index and the 404 page. A Markdown page at a model's path
// (content/models/<id>.md, or slug = "models/<id>") is that model's page, and content/404.md the
// 404 page: none is generated for them. A Markdown page at the sources index's path is load_content's
// error; here, as for any other path two pages share, the generated page goes first, so the build's
// owner check reports the Markdown page and names the generated one's source.
void add_generated_pages(std::vector<Page>& pages, const Data* data, bool has_model_template);
// One page from its text; `rel` is its path under content/ ("a/b.md"). Used by load_content
// and by the fuzzer.
std::optional<Page> parse_page(std::string_view text, const std::string& rel, bool drafts, Diagnostics& diags);
// One file `f` under `root` (content/), read and parsed (serve's incremental builds reload one page);
// with `buf`, read into memory kept for the next file.
std::optional<Page> load_page(const std::filesystem::path& f, const std::filesystem::path& root, bool drafts, Diagnostics& diags);
// With `root_fd` (root opened as a folder), `f` is read relative to it.
std::optional<Page> load_page(const std::filesystem::path& f, const std::filesystem::path& root, FileBuffer& buf, bool drafts,
                              Diagnostics& diags, int root_fd = -1);

}  // namespace costbook::site
