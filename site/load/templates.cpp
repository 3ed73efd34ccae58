#include "load/templates.h"

#include <algorithm>
#include <functional>
#include <set>
#include <vector>

#include "files.h"
#include "utf8.h"

namespace fs = std::filesystem;

namespace costbook::site {

namespace {

// Reads and compiles every template in `dir`; a compile error is a diagnostic at its tag.
void compile_all(const fs::path& dir, const std::string& shown, mustache::PartialMap& into,
                 std::map<std::string, std::string>& texts, Diagnostics& diags, const std::string& prefix = "") {
    Listing how;
    how.ext = ".mustache";
    how.symlink_message = "symlinks are not followed in templates/";
    how.symlink_help = "copy the template into the site instead";
    for (const fs::path& p : list_files(dir, shown, how, diags)) {
        const std::string name = prefix + p.stem().string();
        const std::string path = shown + "/" + p.filename().string();
        std::string text;
        if (!read_site_file(p.string(), path, text, diags)) continue;
        diags.remember(path, text);
        mustache::Error e;
        if (auto t = mustache::Template::compile(text, e)) into.emplace(name, std::move(*t));
        else diags.error(path, e.line, e.col, e.message).len = std::max(1, e.len);
        texts.emplace(path, std::move(text));
    }
}

// Where `{{> name}}` first appears in a template's text, for the caret of an error about it.
LineCol partial_tag_at(const std::string& text, const std::string& name) {
    for (size_t at = text.find("{{>"); at != std::string::npos; at = text.find("{{>", at + 3)) {
        size_t i = at + 3;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
        if (text.compare(i, name.size(), name) == 0) return line_col(text, at);
    }
    return {};
}

}  // namespace

std::optional<Templates> load_templates(const std::string& site_dir, Diagnostics& diags) {
    Templates t;
    const size_t before = diags.size();
    const fs::path root = fs::path(site_dir) / "templates";
    std::map<std::string, std::string> texts;   // shown path → text
    compile_all(root / "partials", "templates/partials", t.partials, texts, diags);
    // A site's own widget partials, replacing the built-in ones (render/widget_partials.h).
    compile_all(root / "partials" / "widgets", "templates/partials/widgets", t.partials, texts, diags, "widgets/");
    compile_all(root / "shortcodes", "templates/shortcodes", t.shortcodes, texts, diags);
    compile_all(root, "templates", t.layouts, texts, diags);
    if (!t.has("page") && diags.size() == before) {
        diags.error("templates/page.mustache", 0, 0, "missing the page template",
                    "every page renders through templates/page.mustache; `costbook new` writes one");
        return std::nullopt;
    }
    if (diags.size() != before) return std::nullopt;

    // Every partial a template names exists.
    std::string known;
    for (const auto& [k, _] : t.partials) known += (known.empty() ? "" : ", ") + k;
    const auto check_names = [&](const std::string& path, const mustache::Template& tpl) {
        for (const std::string& name : tpl.partial_names()) {
            if (t.partials.count(name)) continue;
            const LineCol at = partial_tag_at(texts[path], name);
            diags.error(path, at.line, at.col, "missing partial `" + name + "`",
                        "add templates/partials/" + name + ".mustache" + (known.empty() ? "" : "; partials: " + known))
                .len = static_cast<int>(name.size()) + 5;
        }
    };
    for (const auto& [name, tpl] : t.partials) check_names("templates/partials/" + name + ".mustache", tpl);
    for (const auto& [name, tpl] : t.layouts) check_names("templates/" + name + ".mustache", tpl);
    for (const auto& [name, tpl] : t.shortcodes) check_names("templates/shortcodes/" + name + ".mustache", tpl);

    // A partial that includes itself would only stop at the engine's depth limit: refuse it.
    std::vector<std::string> reported;
    std::vector<std::string> chain;
    std::set<std::string> done;   // explored to the end already
    const std::function<void(const std::string&)> walk = [&](const std::string& p) {
        if (std::find(chain.begin(), chain.end(), p) != chain.end()) {
            if (std::find(reported.begin(), reported.end(), p) != reported.end()) return;
            reported.push_back(p);
            std::string through;
            for (const std::string& x : chain) through += x + " > ";
            // At the tag that closes the cycle: `{{> p}}` in the last partial of the chain.
            const std::string at_path = "templates/partials/" + chain.back() + ".mustache";
            const LineCol at = partial_tag_at(texts[at_path], p);
            Diagnostic& d = diags.error(at_path, at.line, at.col, "partial `" + p + "` includes itself",
                                        "break the cycle: a partial cannot include itself");
            d.len = static_cast<int>(p.size()) + 5;
            d.note = "through " + through + p;
            return;
        }
        const auto it = t.partials.find(p);
        if (it == t.partials.end() || done.count(p)) return;
        chain.push_back(p);
        for (const std::string& q : it->second.partial_names()) walk(q);
        chain.pop_back();
        done.insert(p);
    };
    // From every layout, then every partial (a cycle among partials no layout uses yet is refused too).
    for (const auto& [name, tpl] : t.layouts)
        for (const std::string& p : tpl.partial_names()) walk(p);
    for (const auto& [name, tpl] : t.partials) walk(name);
    if (diags.size() != before) return std::nullopt;
    return t;
}

}  // namespace costbook::site
