#include "content.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <thread>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "toml_reader.h"
#include "write.h"

namespace fs = std::filesystem;

namespace costbook::site {

namespace {

void line_col_of(const std::string& s, size_t offset, int& line, int& col) {
    line = 1;
    col = 1;
    for (size_t i = 0; i < offset && i < s.size(); ++i) {
        if (s[i] == '\n') { ++line; col = 1; }
        else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++col;
    }
}

bool fence_line(const std::string& text, size_t at, size_t& next) {
    if (text.compare(at, 3, "+++") != 0) return false;
    size_t i = at + 3;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
    if (i < text.size() && text[i] != '\n') return false;
    next = i < text.size() ? i + 1 : i;
    return true;
}

const char* const kFrontMatterKeys[] = {"title", "description", "date", "draft", "template", "weight",
                                        "slug", "calc", "toc", "nav", "nav_title"};

}  // namespace

bool valid_utf8(const std::string& s, size_t* bad_offset) {
    const size_t n = s.size();
    size_t i = 0;
    const auto fail = [&] { if (bad_offset) *bad_offset = i; return false; };
    while (i < n) {
        // ASCII fast path: eight bytes at a time while none has its high bit set.
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

std::optional<SiteConfig> load_config(const std::string& site_dir, Diagnostics& diags) {
    const fs::path p = fs::path(site_dir) / "site.toml";
    const std::string shown = "site.toml";
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
        Diagnostic d;
        d.path = shown;
        d.message = "no site.toml in " + (site_dir.empty() ? std::string(".") : site_dir);
        d.help = "run costbook in a site folder, pass --site DIR, or create one with `costbook new DIR`";
        diags.add(std::move(d));
        return std::nullopt;
    }
    const std::string text = read_file(p.string());
    diags.remember(shown, text);
    toml::table t;
    try {
        t = toml::parse(text, shown);
    } catch (const toml::parse_error& e) {
        diags.add(diagnostic_at(shown, e.source(), std::string(e.description())));
        return std::nullopt;
    }
    const size_t before = diags.size();
    TableReader r(t, shown, "", diags);
    r.only({"title", "description", "base_url", "language", "author"});
    SiteConfig c;
    c.title = r.str("title");
    c.description = r.str("description", false);
    c.base_url = r.str("base_url");
    const std::string lang = r.str("language", false);
    if (!lang.empty()) c.language = lang;
    c.author = r.str("author", false);
    if (diags.size() != before) return std::nullopt;
    return c;
}

std::optional<Page> load_page(const fs::path& f, const fs::path& root, bool drafts, Diagnostics& diags) {
    return parse_page(read_file(f.string()), f.lexically_relative(root).generic_string(), drafts, diags);
}

// One content file: UTF-8, front matter, its keys, and where it goes.
std::optional<Page> parse_page(const std::string& text, const std::string& rel, bool drafts, Diagnostics& diags) {
    Page pg;
    pg.src = "content/" + rel;
    size_t bad = 0;
    if (!valid_utf8(text, &bad)) {
        Diagnostic d;
        d.path = pg.src;
        line_col_of(text, bad, d.line, d.col);
        d.message = "this file is not valid UTF-8";
        d.help = "save it as UTF-8";
        diags.add(std::move(d));
        return std::nullopt;
    }
    size_t start = 0;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;  // a BOM is fine
    size_t fm_start = 0;
    if (!fence_line(text, start, fm_start)) {
        Diagnostic d;
        d.path = pg.src;
        d.line = 1;
        d.col = 1;
        d.message = "missing front matter";
        d.help = "start the file with a `+++` line, `title = \"...\"`, and another `+++` line";
        diags.add(std::move(d));
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
        line_col_of(text, start, d.line, d.col);
        d.len = 3;
        d.message = "front matter is not closed";
        d.label = "opened here";
        d.help = "add a line with `+++` after the front matter";
        diags.add(std::move(d));
        return std::nullopt;
    }
    // Parse the front matter with blank lines before it, so toml++'s lines are the file's.
    int fm_line = 1, col = 1;
    line_col_of(text, fm_start, fm_line, col);
    const std::string fm = std::string(static_cast<size_t>(fm_line - 1), '\n') + text.substr(fm_start, fm_end - fm_start);
    toml::table t;
    try {
        t = toml::parse(fm, pg.src);
    } catch (const toml::parse_error& e) {
        Diagnostic d = diagnostic_at(pg.src, e.source(), std::string(e.description()));
        d.note = "front matter is TOML between the `+++` lines";
        diags.add(std::move(d));
        return std::nullopt;
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
    pg.calc = r.str("calc", false);
    if (const toml::node* w = t.get("weight")) {
        if (auto v = w->value<int64_t>()) pg.weight = static_cast<int>(*v);
        else r.error(w->source(), "`weight` must be a whole number", "pages sort by weight, then title");
    }
    std::string slug = r.str("slug", false);
    if (const toml::node* sn = t.get("slug")) {
        bool ok = !slug.empty();
        for (char c : slug) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '/');
        ok = ok && slug.front() != '/' && slug.find("//") == std::string::npos;
        if (!ok) {
            r.error(sn->source(), "slug `" + slug + "` is not a safe path",
                    "use lower-case letters, digits, `-`, `_` and `/` between parts; no `..`, no leading `/`");
            slug.clear();
        }
    }
    if (diags.size() != before) return std::nullopt;
    if (pg.draft && !drafts) return std::nullopt;
    // content/index.md → home; content/a/b.md → a/b/; slug replaces the whole path.
    std::string path = slug;
    if (path.empty()) {
        path = rel.substr(0, rel.size() - 3);
        if (path.size() > 6 && path.compare(path.size() - 6, 6, "/index") == 0) path.resize(path.size() - 6);
        if (path == "index") path.clear();
        for (char& c : path) if (c == ' ') c = '-';
    }
    if (!path.empty() && path.back() == '/') path.pop_back();
    if (path == "404") { pg.kind = "404"; pg.url_path = "404.html"; pg.out_path = "404.html"; }
    else {
        pg.url_path = path.empty() ? "" : path + "/";
        pg.out_path = pg.url_path + "index.html";
    }
    pg.body = text.substr(body);
    int bl = 1;
    line_col_of(text, body, bl, col);
    pg.body_line = bl;
    return pg;
}

std::vector<Page> load_content(const std::string& site_dir, bool drafts, Diagnostics& diags) {
    std::vector<Page> pages;
    const fs::path root = fs::path(site_dir) / "content";
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return pages;
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::none, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_symlink()) {
            // A symlink could pull in files from anywhere: content stays inside the site.
            Diagnostic d;
            d.path = "content/" + it->path().lexically_relative(root).generic_string();
            d.message = "symlinks are not followed in content/";
            d.help = "copy the file into the site instead";
            diags.add(std::move(d));
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && it->path().extension() == ".md") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    // Files are read and parsed in parallel; diagnostics are merged in file order.
    std::vector<std::optional<Page>> loaded(files.size());
    std::vector<Diagnostics> file_diags(files.size());
    std::atomic<size_t> next{0};
    const auto worker = [&] {
        for (size_t i = next++; i < files.size(); i = next++) loaded[i] = load_page(files[i], root, drafts, file_diags[i]);
    };
    std::vector<std::thread> threads;
    const unsigned n = std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()), static_cast<unsigned>(files.size() / 16 + 1));
    for (unsigned t = 1; t < n; ++t) threads.emplace_back(worker);
    worker();
    for (std::thread& t : threads) t.join();
    for (size_t i = 0; i < files.size(); ++i) {
        diags.merge(std::move(file_diags[i]));
        if (loaded[i]) pages.push_back(std::move(*loaded[i]));
    }
    return pages;
}

}  // namespace costbook::site
