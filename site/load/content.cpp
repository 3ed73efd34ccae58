#include "load/content.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iterator>
#include <map>
#include <thread>
#include <toml++/toml.h>
#include <fcntl.h>
#include <unistd.h>

#include "files.h"
#include "load/front_matter.h"
#include "load/toml_reader.h"
#include "threads.h"
#include "utf8.h"

namespace fs = std::filesystem;

namespace costbook::site {

namespace {

bool fence_line(std::string_view text, size_t at, size_t& next) {
    if (at + 3 > text.size() || text[at] != '+' || text[at + 1] != '+' || text[at + 2] != '+') return false;   // no call per line
    size_t i = at + 3;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
    if (i < text.size() && text[i] != '\n') return false;
    next = i < text.size() ? i + 1 : i;
    return true;
}

// Where add_generated_pages puts the sources index, which every figure's source links into.
constexpr const char* kSourcesUrlPath = "sources/";

const char* const kFrontMatterKeys[] = {"title", "description", "date", "draft", "template", "weight",
                                        "slug", "toc", "nav", "nav_title", "card", "card_figure"};

}  // namespace

std::optional<Page> load_page(const fs::path& f, const fs::path& root, bool drafts, Diagnostics& diags) {
    FileBuffer buf;
    return load_page(f, root, buf, drafts, diags);
}

std::optional<Page> load_page(const fs::path& f, const fs::path& root, FileBuffer& buf, bool drafts, Diagnostics& diags, int root_fd) {
    // list_files gives root's path, a separator, then the rest: that rest is what lexically_relative
    // would compute, for a fraction of its cost on each of a thousand files.
    const std::string& full = f.native();
    const std::string& under = root.native();
    const bool prefixed = full.size() > under.size() + 1 && full.compare(0, under.size(), under) == 0 && full[under.size()] == '/' &&
                          (under.empty() || under.back() != '/');
    const std::string rel = prefixed ? full.substr(under.size() + 1) : f.lexically_relative(root).generic_string();
    std::string_view text;
    // From the open content/ folder when there is one: the kernel then walks "posts/a.md", not the whole path.
    const bool from_root = prefixed && root_fd >= 0;
    if (!read_site_file(from_root ? rel : f.native(), "content/" + rel, buf, text, diags, from_root ? root_fd : AT_FDCWD))
        return std::nullopt;
    return parse_page(text, rel, drafts, diags);
}

namespace {
// The front matter through toml++: every key, with an error at its place for each wrong one.
bool toml_front_matter(std::string_view text, size_t fm_start, size_t fm_end, Page& pg, std::string& slug, Diagnostics& diags) {
    // Parse the front matter with blank lines before it, so toml++'s lines are the file's.
    const int fm_line = line_col(text, fm_start).line;
    std::string fm(static_cast<size_t>(fm_line - 1), '\n');
    fm.append(text.substr(fm_start, fm_end - fm_start));
    if (!toml_shape_ok(fm, pg.src, diags)) return false;
    toml::table t;
    try {
        t = toml::parse(fm, pg.src);
    } catch (const toml::parse_error& e) {
        Diagnostic d = toml_syntax_error(pg.src, e);
        d.note = "front matter is TOML between the `+++` lines";
        diags.add(std::move(d));
        return false;
    }
    const size_t before = diags.size();
    TableReader r(t, pg.src, "front matter", diags);
    for (const auto& [k, v] : t) {
        bool known = false;
        for (const char* name : kFrontMatterKeys) known = known || k.str() == name;
        if (known) continue;
        std::string list;
        for (const char* name : kFrontMatterKeys) list += (list.empty() ? "" : ", ") + std::string(name);
        Diagnostic d = diagnostic_at(pg.src, k.source(), "unknown front-matter key `" + std::string(k.str()) + "`");
        d.len = static_cast<int>(k.str().size());
        d.help = "known keys: " + list;
        // Keys that once were accepted and did nothing: say what does the job instead.
        if (k.str() == "calc") d.help = "a page embeds the calculator with {{< calc >}} in its text; " + d.help;
        diags.add(std::move(d));
    }
    pg.title = r.str("title");
    pg.description = r.str("description", false);
    pg.date = r.date("date");
    pg.draft = r.flag("draft");
    pg.toc = r.flag("toc");
    pg.in_nav = !t.contains("nav") || r.flag("nav");
    pg.nav_title = r.str("nav_title", false);
    pg.template_name = r.str("template", false);
    if (const toml::node* w = t.get("weight")) {
        if (auto v = w->value<int64_t>()) pg.weight = static_cast<int>(*v);
        else r.error(w->source(), "`weight` must be a whole number", "pages sort by weight, then title");
    }
    slug = r.str("slug", false);
    if (const toml::node* sn = t.get("slug")) {
        pg.slug_line = static_cast<int>(sn->source().begin.line);
        pg.slug_col = static_cast<int>(sn->source().begin.column);
        pg.slug_len = static_cast<int>(sn->source().end.column > sn->source().begin.column && sn->source().end.line == sn->source().begin.line
                                           ? sn->source().end.column - sn->source().begin.column : 1);
        bool ok = !slug.empty();
        for (char c : slug) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '/');
        ok = ok && slug.front() != '/' && slug.find("//") == std::string::npos;
        if (!ok) {
            r.error(sn->source(), "slug `" + slug + "` is not a safe path",
                    "use lower-case letters, digits, `-`, `_` and `/` between parts; no `..`, no leading `/`");
            slug.clear();
        }
    }
    // The social card: false for none, or the page's own image; card_figure is checked against the figures in build.
    if (const toml::node* c = t.get("card")) {
        pg.card.line = static_cast<int>(c->source().begin.line);
        pg.card.col = static_cast<int>(c->source().begin.column);
        const std::optional<std::string> image = c->value<std::string>();
        const bool url = image && (image->rfind("https://", 0) == 0 || image->rfind("http://", 0) == 0);
        const bool path = image && image->size() > 1 && image->front() == '/' && (*image)[1] != '/' && image->find("..") == std::string::npos;
        if (c->is_boolean()) pg.card.off = !*c->value<bool>();
        else if (image && (url || path) && image->find_first_of(" \t\"<>\\") == std::string::npos) pg.card.image = *image;
        else
            r.error(c->source(), "`card` is false (no card), true (the card costbook draws) or the page's own image",
                    "write card = false, or card = \"/images/card.png\" (a file in static/) or card = \"https://...\"");
    }
    pg.card.figure = r.str("card_figure", false);
    if (const toml::node* f = t.get("card_figure")) {
        pg.card.figure_line = static_cast<int>(f->source().begin.line);
        pg.card.figure_col = static_cast<int>(f->source().begin.column);
    }
    return diags.size() == before;
}

}  // namespace

// One content file: UTF-8, front matter, its keys, and where it goes.
std::optional<Page> parse_page(std::string_view text, const std::string& rel, bool drafts, Diagnostics& diags) {
    Page pg;
    pg.src = "content/" + rel;
    size_t bad = 0;
    if (!valid_utf8(text, &bad)) {
        Diagnostic d;
        d.path = pg.src;
        const LineCol at = line_col(text, bad);
        d.line = at.line;
        d.col = at.col;
        d.message = "this file is not valid UTF-8";
        d.help = "save it as UTF-8";
        diags.add(std::move(d));
        return std::nullopt;
    }
    size_t start = 0;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;  // a BOM is fine
    size_t fm_start = 0;
    if (!fence_line(text, start, fm_start)) {
        diags.error(pg.src, 1, 1, "missing front matter", "start the file with a `+++` line, `title = \"...\"`, and another `+++` line");
        return std::nullopt;
    }
    size_t pos = fm_start, fm_end = std::string::npos, body = 0;
    while (pos < text.size()) {
        if (fence_line(text, pos, body)) { fm_end = pos; break; }
        const size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) break;
        pos = nl + 1;
    }
    if (fm_end == std::string::npos) {
        Diagnostic d;
        d.path = pg.src;
        const LineCol at = line_col(text, start);
        d.line = at.line;
        d.col = at.col;
        d.len = 3;
        d.message = "front matter is not closed";
        d.label = "opened here";
        d.help = "add a line with `+++` after the front matter";
        diags.add(std::move(d));
        return std::nullopt;
    }
    // The usual few `key = value` lines skip toml++ (load/front_matter.h); anything else, and
    // every error, takes toml++'s path.
    std::string slug;
    PlainFrontMatter plain;
    if (plain_front_matter(std::string_view(text).substr(fm_start, fm_end - fm_start), plain)) {
        pg.title = std::move(*plain.title);
        if (plain.description) pg.description = std::move(*plain.description);
        if (plain.date) pg.date = std::move(*plain.date);
        pg.draft = plain.draft.value_or(false);
        pg.toc = plain.toc.value_or(false);
        pg.in_nav = plain.nav.value_or(true);
        if (plain.nav_title) pg.nav_title = std::move(*plain.nav_title);
        if (plain.template_name) pg.template_name = std::move(*plain.template_name);
        if (plain.weight) pg.weight = *plain.weight;
    } else if (!toml_front_matter(text, fm_start, fm_end, pg, slug, diags)) {
        return std::nullopt;
    }
    if (pg.draft && !drafts) return std::nullopt;
    // content/index.md → home; content/a/b.md → a/b/; slug replaces the whole path.
    std::string path = slug;
    if (path.empty()) {
        path = rel.substr(0, rel.size() - 3);
        if (path.size() > 6 && path.compare(path.size() - 6, 6, "/index") == 0) path.resize(path.size() - 6);
        if (path.size() > 7 && path.compare(path.size() - 7, 7, "/_index") == 0) {   // a section's list page
            path.resize(path.size() - 7);
            pg.kind = "section";
        }
        if (path == "index" || path == "_index") path.clear();
        for (char& c : path) if (c == ' ') c = '-';
    }
    if (!path.empty() && path.back() == '/') path.pop_back();
    if (path == "404") { pg.kind = "404"; pg.url_path = "404.html"; pg.out_path = "404.html"; }
    else {
        pg.url_path = path.empty() ? "" : path + "/";
        pg.out_path = pg.url_path + "index.html";
    }
    pg.body = std::string(text.substr(body));
    pg.body_line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(body), '\n'));   // line_col's line, counted in bulk
    return pg;
}

std::vector<Page> load_content(const std::string& site_dir, bool drafts, Diagnostics& diags) {
    std::vector<Page> pages;
    const fs::path root = fs::path(site_dir) / "content";
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return pages;
    Listing how;
    how.recursive = true;
    how.ext = ".md";
    // A symlink could pull in files from anywhere: content stays inside the site.
    how.symlink_message = "symlinks are not followed in content/";
    how.symlink_help = "copy the file into the site instead";
    const std::vector<fs::path> files = list_files(root, "content", how, diags);
    // Files are read and parsed in parallel; diagnostics are merged in file order.
    std::vector<std::optional<Page>> loaded(files.size());
    std::vector<Diagnostics> file_diags(files.size());
    std::atomic<size_t> next{0};
    const int root_fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);   // -1: each file by its whole path
    const auto worker = [&] {
        FileBuffer buf;   // one per thread, for all its files
        for (size_t i = next++; i < files.size(); i = next++) loaded[i] = load_page(files[i], root, buf, drafts, file_diags[i], root_fd);
    };
    run_parallel(std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()), static_cast<unsigned>(files.size() / 16 + 1)), worker);
    if (root_fd >= 0) ::close(root_fd);
    for (size_t i = 0; i < files.size(); ++i) {
        diags.merge(std::move(file_diags[i]));
        if (loaded[i]) pages.push_back(std::move(*loaded[i]));
    }
    // Every output path has one owner: two pages of one path are an error where it was made, the
    // `slug` line of a page that set one (else the later file's first line), naming the other.
    std::map<std::string, size_t> owners;   // out_path → index in pages
    for (size_t i = 0; i < pages.size(); ++i) {
        const auto [it, fresh] = owners.emplace(pages[i].out_path, i);
        if (fresh) continue;
        const Page& first = pages[it->second];
        const Page& later = pages[i];
        const Page& at = later.slug_line ? later : first.slug_line ? first : later;
        const Page& other = &at == &later ? first : later;
        const std::string shown = at.url_path.empty() ? "/" : at.out_path == "404.html" ? "/404.html" : "/" + at.url_path;
        Diagnostic d;
        d.path = at.src;
        if (at.slug_line) {
            d.line = at.slug_line;
            d.col = at.slug_col;
            d.len = at.slug_len;
            d.message = "this slug puts the page at " + shown + ", where " + other.src + " already is";
            d.label = "set here";
            d.help = "change the slug, or rename " + other.src;
            if (other.slug_line) {
                d.note = other.src + "'s slug (line " + std::to_string(other.slug_line) + ") puts it there";
                d.help = "change one of the two slugs";
            }
        } else {
            d.line = 1;
            d.col = 1;
            d.message = "two pages write " + at.out_path;
            d.help = "give one of them another file name or a `slug`";
                d.note = "the other is " + other.src;
        }
        diags.add(std::move(d));
    }
    // The sources index is generated whenever there is a data/ (add_generated_pages): a page of its
    // path would take the place every figure's source link points into.
    if (fs::is_directory(fs::path(site_dir) / "data", ec))
        for (const Page& pg : pages) {
            if (pg.url_path != kSourcesUrlPath) continue;
            Diagnostic d;
            d.path = pg.src;
            d.line = pg.slug_line ? pg.slug_line : 1;
            d.col = pg.slug_line ? pg.slug_col : 1;
            d.len = pg.slug_line ? pg.slug_len : 3;
            if (pg.slug_line) d.label = "set here";
            d.message = std::string(pg.slug_line ? "this slug puts the page" : "this page is") + " at /" + kSourcesUrlPath +
                        ", where costbook writes the sources index (from data/sources.toml)";
            d.note = "every figure links to its source's entry there: two pages cannot have one path";
            d.help = pg.slug_line ? "give the page another slug" : "rename the file, or give it a `slug`";
            d.help += "; a page of your own shows the same table with {{< sources >}}";
            diags.add(std::move(d));
        }
    // Each page's section: the nearest folder above its file with an _index.md (by file, not slug).
    std::map<std::string, std::string> sections;   // "content/posts/" → its url_path
    for (const Page& pg : pages)
        if (pg.kind == "section") sections[pg.src.substr(0, pg.src.size() - 9)] = pg.url_path;   // strip "_index.md"
    if (!sections.empty())
        for (Page& pg : pages) {
            std::string dir = pg.src.substr(0, pg.src.rfind('/') + 1);
            if (pg.kind == "section") dir = dir.substr(0, dir.rfind('/', dir.size() - 2) + 1);   // a section sits in the one above
            for (; dir.size() > 8; dir = dir.substr(0, dir.rfind('/', dir.size() - 2) + 1))
                if (const auto it = sections.find(dir); it != sections.end()) { pg.section = it->second; break; }
        }
    return pages;
}

void add_generated_pages(std::vector<Page>& pages, const Data* data, bool has_model_template) {
    // kind, src as an error names it, title, description, url_path, out_path, body.
    const auto add = [&](std::string kind, std::string src, std::string title, std::string description, std::string url_path,
                         std::string out_path, std::string body) {
        Page pg;
        pg.kind = std::move(kind);
        pg.src = std::move(src);
        pg.title = std::move(title);
        pg.description = std::move(description);
        pg.url_path = std::move(url_path);
        pg.out_path = std::move(out_path);
        pg.body = std::move(body);
        pg.in_nav = false;
        size_t at = pages.size();
        for (size_t i = 0; i < pages.size(); ++i) {
            if (pages[i].out_path != pg.out_path) continue;
            // A Markdown page at a model's path (content/models/<id>.md, or its slug) is that model's
            // page, and content/404.md the 404 page.
            const bool own = pg.kind == "model" || pg.kind == "404";
            if (own) return static_cast<Page*>(nullptr);
            // Anything else is two owners of one path: the generated page goes first, so the build's
            // check reports the Markdown page, with this page's source as "the other".
            if (pg.kind == "sources") pg.src = "the sources index (generated from data/sources.toml)";
            at = i;
            break;
        }
        return &*pages.insert(pages.begin() + static_cast<std::ptrdiff_t>(at), std::move(pg));
    };
    if (data) {
        for (const Model& m : data->models) {
            if (Page* pg = add("model", m.where.path, m.name, m.name + ": " + m.counts + ".", "models/" + m.id + "/",
                               "models/" + m.id + "/index.html", "")) {
                pg->model_id = m.id;
                pg->template_name = has_model_template ? "model" : "page";
            }
        }
        add("sources", "data/sources.toml", "Sources", "Every source the figures on this site cite, with what each covers.",
            kSourcesUrlPath, std::string(kSourcesUrlPath) + "index.html",
            "Every figure on this site links here. Each source says what it covers.\n\n"
            "Every figure itself, with its value, unit, text and source (or the assumption behind it, or what it is derived from), "
            "is in [data.json](/data.json) and [data.csv](/data.csv), for checking or reuse.\n\n{{< sources >}}\n");
    }
    add("404", "(generated)", "Page not found", "", "404.html", "404.html", "There is no page at this address. Try the [home page](/).\n");
}

}  // namespace costbook::site
