#include "render.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <vector>

#include "html.h"
#include "write.h"

namespace fs = std::filesystem;

namespace costbook::site {

namespace {

struct Tag { char kind; std::string name; int line, col; size_t len; };

std::string trim(std::string s) {
    const auto ws = [](char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && ws(s.front())) s.erase(s.begin());
    while (!s.empty() && ws(s.back())) s.pop_back();
    return s;
}

// The tags of a template with their positions, or a diagnostic for an unterminated tag.
// Templates that change delimiters are not scanned here: the compiler checks them.
std::vector<Tag> scan(const std::string& text, const std::string& path, Diagnostics& diags, bool& custom_delims) {
    std::vector<Tag> tags;
    int line = 1;
    size_t line_start = 0, pos = 0;
    custom_delims = false;
    while (true) {
        const size_t open = text.find("{{", pos);
        if (open == std::string::npos) break;
        for (size_t k = pos; k < open; ++k) if (text[k] == '\n') { ++line; line_start = k + 1; }
        const int col = static_cast<int>(open - line_start) + 1;
        const bool triple = text.compare(open, 3, "{{{") == 0;
        const size_t close = text.find(triple ? "}}}" : "}}", open + 2);
        // No closing braces, or the next tag's braces would close this one.
        const std::string inner = close == std::string::npos ? "{{" : text.substr(open + (triple ? 3 : 2), close - open - (triple ? 3 : 2));
        if (inner.find("{{") != std::string::npos) {
            Diagnostic d;
            d.path = path; d.line = line; d.col = col; d.len = 2;
            d.message = "unterminated tag";
            d.help = triple ? "close it with `}}}`" : "close it with `}}`";
            diags.add(std::move(d));
            break;
        }
        const size_t end = close + (triple ? 3 : 2);
        char kind = inner.empty() ? ' ' : inner[0];
        if (kind == '=') { custom_delims = true; return tags; }
        if (kind == '#' || kind == '^' || kind == '/' || kind == '>' || kind == '!' || kind == '&')
            tags.push_back({kind, trim(inner.substr(1)), line, col, end - open});
        for (size_t k = open; k < end; ++k) if (text[k] == '\n') { ++line; line_start = k + 1; }
        pos = end;
    }
    return tags;
}

void check_template(const std::string& text, const std::string& path, const std::map<std::string, std::string>& partials,
                    Diagnostics& diags, std::set<std::string>& refs) {
    bool custom = false;
    const std::vector<Tag> tags = scan(text, path, diags, custom);
    std::vector<Tag> open;
    for (const Tag& t : tags) {
        Diagnostic d;
        d.path = path; d.line = t.line; d.col = t.col; d.len = static_cast<int>(t.len);
        if (t.kind == '#' || t.kind == '^') open.push_back(t);
        else if (t.kind == '/') {
            if (open.empty()) {
                d.message = "`{{/" + t.name + "}}` closes a section that was never opened";
                d.help = "remove it, or open the section with `{{#" + t.name + "}}`";
                diags.add(std::move(d));
            } else if (open.back().name != t.name) {
                d.message = "`{{/" + t.name + "}}` closes `" + open.back().name + "`'s section";
                d.note = "`" + open.back().name + "` was opened at line " + std::to_string(open.back().line);
                d.help = "close `" + open.back().name + "` first";
                diags.add(std::move(d));
                open.pop_back();
            } else {
                open.pop_back();
            }
        } else if (t.kind == '>') {
            refs.insert(t.name);
            if (!partials.count(t.name)) {
                std::string known;
                for (const auto& [k, _] : partials) known += (known.empty() ? "" : ", ") + k;
                d.message = "missing partial `" + t.name + "`";
                d.help = "add templates/partials/" + t.name + ".mustache" + (known.empty() ? "" : "; partials: " + known);
                diags.add(std::move(d));
            }
        }
    }
    for (const Tag& t : open) {
        Diagnostic d;
        d.path = path; d.line = t.line; d.col = t.col; d.len = static_cast<int>(t.len);
        d.message = "section `" + t.name + "` is never closed";
        d.help = "add `{{/" + t.name + "}}` where it ends";
        diags.add(std::move(d));
    }
}

}  // namespace

std::optional<Templates> load_templates(const std::string& site_dir, Diagnostics& diags) {
    Templates t;
    const size_t before = diags.size();
    const fs::path root = fs::path(site_dir) / "templates";
    std::error_code ec;
    if (fs::is_directory(root / "partials", ec))
        for (const auto& e : fs::directory_iterator(root / "partials"))
            if (e.is_regular_file() && e.path().extension() == ".mustache")
                t.partials[e.path().stem().string()] = read_file(e.path().string());
    if (fs::is_directory(root, ec))
        for (const auto& e : fs::directory_iterator(root))
            if (e.is_regular_file() && e.path().extension() == ".mustache")
                t.layouts[e.path().stem().string()] = read_file(e.path().string());
    if (!t.has("page")) {
        Diagnostic d;
        d.path = "templates/page.mustache";
        d.message = "missing the page template";
        d.help = "every page renders through templates/page.mustache; `costbook new` writes one";
        diags.add(std::move(d));
        return std::nullopt;
    }
    std::map<std::string, std::set<std::string>> refs;
    for (const auto& [name, text] : t.partials) {
        diags.remember("templates/partials/" + name + ".mustache", text);
        check_template(text, "templates/partials/" + name + ".mustache", t.partials, diags, refs["partial:" + name]);
    }
    for (const auto& [name, text] : t.layouts) {
        diags.remember("templates/" + name + ".mustache", text);
        check_template(text, "templates/" + name + ".mustache", t.partials, diags, refs["layout:" + name]);
    }
    // A partial that includes itself would only stop at the engine's depth limit: refuse it.
    for (const auto& [name, _] : t.layouts) {
        std::set<std::string> used;
        std::function<void(const std::string&, std::vector<std::string>&)> walk = [&](const std::string& p, std::vector<std::string>& chain) {
            if (std::find(chain.begin(), chain.end(), p) != chain.end()) {
                Diagnostic d;
                d.path = "templates/partials/" + p + ".mustache";
                d.message = "partial `" + p + "` includes itself";
                std::string c;
                for (const auto& x : chain) c += x + " > ";
                d.note = "through " + c + p;
                d.help = "break the cycle: a partial cannot include itself";
                diags.add(std::move(d));
                return;
            }
            if (!t.partials.count(p) || used.count(p)) return;
            used.insert(p);
            chain.push_back(p);
            for (const std::string& q : refs["partial:" + p]) walk(q, chain);
            chain.pop_back();
        };
        for (const std::string& p : refs["layout:" + name]) {
            std::vector<std::string> chain;
            walk(p, chain);
        }
    }
    if (diags.size() != before) return std::nullopt;
    const auto compile = [&](const std::string& path, const std::string& text, mustache::PartialMap& into, const std::string& name) {
        mustache::Error e;
        if (auto tpl = mustache::Template::compile(text, e)) {
            into.emplace(name, std::move(*tpl));
            return;
        }
        Diagnostic d;
        d.path = path;
        d.line = e.line;
        d.col = e.col;
        d.len = std::max(1, e.len);
        d.message = e.message;
        diags.add(std::move(d));
    };
    for (const auto& [name, text] : t.partials) compile("templates/partials/" + name + ".mustache", text, t.compiled_partials, name);
    for (const auto& [name, text] : t.layouts) compile("templates/" + name + ".mustache", text, t.compiled_layouts, name);
    if (diags.size() != before) return std::nullopt;
    return t;
}

std::string render_template(const Templates& t, const std::string& layout, const mustache::Value& context) {
    std::string out;
    out.reserve(32 * 1024);
    t.compiled_layouts.find(layout)->second.render_to(out, context, mustache::lookup_in(t.compiled_partials));
    out.shrink_to_fit();  // thousands of pages wait in memory for the write: no spare capacity
    return out;
}

}  // namespace costbook::site
