#include "render/page.h"

#include <algorithm>
#include <map>
#include <set>
#include <atomic>
#include <thread>
#include <tuple>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "costbook/export.h"
#include "render/embed.h"
#include "render/live.h"
#include "render/markdown.h"
#include "render/shortcodes.h"
#include "render/template_vars.h"
#include "render/widgets.h"
#include "threads.h"

namespace costbook::site {

namespace {
// Raw HTML in Markdown or a template (`<a href="/x/">`) is not a Markdown link, so md4c's hook never
// sees it: every root-relative href= or src= not already under the base path gets it put in front,
// so a site written for / works under --base-url https://host/sub/. Elsewhere on the host: a full URL.
void put_under_base_path(std::string& html, const std::string& base) {
    std::string out;
    out.reserve(html.size() + 256);
    size_t from = 0;
    for (size_t i = 0; (i = html.find('=', i)) != std::string::npos; ++i) {
        const bool href = i >= 5 && html.compare(i - 4, 4, "href") == 0 && (html[i - 5] == ' ' || html[i - 5] == '\n');
        const bool src = i >= 4 && html.compare(i - 3, 3, "src") == 0 && (html[i - 4] == ' ' || html[i - 4] == '\n');
        if (!(href || src) || i + 2 >= html.size() || (html[i + 1] != '"' && html[i + 1] != '\'')) continue;
        const size_t v = i + 2;
        if (html[v] != '/' || (v + 1 < html.size() && html[v + 1] == '/') || html.compare(v, base.size(), base) == 0) continue;
        out.append(html, from, v - from);
        out.append(base, 0, base.size() - 1);   // base ends in '/', the link starts with one
        from = v;
    }
    if (from == 0) return;
    out.append(html, from, std::string::npos);
    html = std::move(out);
}
}  // namespace

namespace {

using mustache::Value;

// A context map whose entries are added in key order, each moved in once: a braced list copies
// every entry, and Value::map keeps entries that come in key order as they are.
class Entries {
public:
    explicit Entries(size_t n) { m_.reserve(n); }
    template <size_t N> Entries& operator()(const char (&key)[N], Value v) {   // a literal key: its size is known
        m_.emplace_back(std::piecewise_construct, std::forward_as_tuple(key, N - 1), std::forward_as_tuple(std::move(v)));
        return *this;
    }
    Value map() { return Value::map(std::move(m_)); }
private:
    Value::Map m_;
};

Value toc_of(const std::vector<Heading>& hs) {
    std::vector<Value> a;
    for (const Heading& h : hs)
        if (h.level == 2) a.push_back(Entries(3)("id", h.id)("level", std::to_string(h.level))("text", h.text).map());
    return Value::list(std::move(a));
}

struct Rendered {
    std::string html;
    std::vector<std::pair<std::string, std::string>> embeds;   // its calculators' embed pages: output path, HTML
    Diagnostics diags;
    std::vector<Heading> headings;
};

}  // namespace

bool prepare_templates(SiteContext& site, const Templates& templates, Diagnostics& diags) {
    const size_t before = diags.size();
    check_template_vars(templates, diags, &site.figures, &site.figure_needs);   // figures.<key> in a shortcode template: one of the site's
    for (const auto& [name, _] : templates.shortcodes)
        if (find_builtin_shortcode(name))
            diags.error("templates/shortcodes/" + name + ".mustache", 0, 0, "`" + name + "` is a built-in shortcode",
                        "rename the file; to change how `" + name + "` renders, write templates/partials/widgets/" + name + ".mustache");
    for (const auto& [name, _] : templates.partials)
        if (name.rfind("widgets/", 0) == 0 && !widget_vars(name)) {
            std::string known;
            std::vector<std::string> names;
            for (const VarContext& c : widget_contexts()) {
                known += (known.empty() ? "" : ", ") + c.name.substr(8);
                names.push_back(c.name.substr(8));
            }
            const std::string near = closest_name(names, name.substr(8));
            diags.error("templates/partials/" + name + ".mustache", 0, 0, "no built-in widget is called `" + name.substr(8) + "`",
                        (near.empty() ? "" : "did you mean `" + near + "`? ") + "widgets that render through a partial: " + known);
        }
    if (diags.size() != before) return false;
    site.partials = &templates.partials;
    site.shortcodes = &templates.shortcodes;
    site.author_shortcodes = author_shortcodes(templates);
    if (!templates.shortcodes.empty()) site.figure_tree = figure_tree(site);
    return true;
}

namespace {
// Whether a template, with the partials it includes, reads the list of pages or its section's.
bool reads_page_lists(const Templates& t, const mustache::Template& tpl, std::set<std::string>& seen) {
    for (const mustache::Template::Tag& tag : tpl.tags()) {
        if (tag.kind == mustache::Template::Tag::Kind::partial) {
            const auto p = t.partials.find(tag.name);
            if (p != t.partials.end() && seen.insert(tag.name).second && reads_page_lists(t, p->second, seen)) return true;
            continue;
        }
        const std::string& n = tag.name;
        if (n == "pages" || n.rfind("pages.", 0) == 0 || n == "section" || n.rfind("section.", 0) == 0) return true;
    }
    return false;
}
}  // namespace

bool lists_pages(const Templates& templates, const Page& pg) {
    const auto l = templates.layouts.find(pg.template_name.empty() ? std::string("page") : pg.template_name);
    if (l == templates.layouts.end()) return false;
    std::set<std::string> seen;
    return reads_page_lists(templates, l->second, seen);
}

std::vector<std::string> render_pages(const SiteContext& site, const Templates& templates, std::vector<Page>& pages,
                                      const std::string& inject_html, Diagnostics& diags, const std::vector<size_t>* only,
                                      const PageSink* sink, std::vector<std::pair<std::string, std::string>>* embeds,
                                      const CardSink* cards) {
    const std::string generator = std::string("costbook ") + costbook_version();
    // No card is drawn for a site whose templates never show one (a head without og:image).
    if (cards && !templates_read(templates, {"page.image", "page.image_width", "page.image_height"})) cards = nullptr;
    // ---- navigation, shared by every page: site.toml's [nav] in its order, else by weight ----
    std::vector<const Page*> nav_pages;
    if (site.config.has_nav) {
        std::vector<std::string> paths;
        for (const Page& pg : pages) if (pg.kind != "404") paths.push_back("/" + pg.url_path);
        for (const SiteConfig::NavEntry& e : site.config.nav) {
            const std::string want = e.path.back() == '/' || e.path.find('.') != std::string::npos ? e.path : e.path + "/";
            const Page* found = nullptr;
            for (const Page& pg : pages) if (pg.kind != "404" && "/" + pg.url_path == want) found = &pg;
            if (found) { nav_pages.push_back(found); continue; }
            const std::string near = closest_name(paths, want);
            diags.error("site.toml", e.line, e.col, "[nav] names `" + e.path + "`, and no page has that path",
                        near.empty() ? "a page's path: content/about.md is \"/about/\", content/index.md is \"/\""
                                     : "did you mean `" + near + "`?")
                .len = static_cast<int>(e.path.size()) + 2;
        }
        if (!diags.empty()) return {};
    } else {
        // Pages inside a section are listed on its page, not in the menu.
        for (const Page& pg : pages)
            if (pg.in_nav && (pg.kind == "page" || pg.kind == "section") && pg.section.empty()) nav_pages.push_back(&pg);
        std::stable_sort(nav_pages.begin(), nav_pages.end(), [](const Page* a, const Page* b) {
            if (a->url_path.empty() != b->url_path.empty()) return a->url_path.empty();
            if (a->weight != b->weight) return a->weight < b->weight;
            return a->title < b->title;
        });
    }

    std::vector<const Page*> listed;
    for (const Page& pg : pages) if ((pg.kind == "page" || pg.kind == "section") && !pg.url_path.empty()) listed.push_back(&pg);
    std::stable_sort(listed.begin(), listed.end(), [](const Page* a, const Page* b) {
        if (a->weight != b->weight) return a->weight < b->weight;
        return a->url_path < b->url_path;
    });
    const auto entry = [&](const Page* n) {
        return Entries(4)("date", n->date)("description", n->description)("href", site.url(n->url_path))("title", n->title).map();
    };

    // Each section with its pages: by weight, then the newest date, then title.
    std::map<std::string, Value> sections;   // url_path → section value
    for (const Page& sec : pages) {
        if (sec.kind != "section") continue;
        std::vector<const Page*> in;
        for (const Page& pg : pages) if (pg.section == sec.url_path && (pg.kind == "page" || pg.kind == "section")) in.push_back(&pg);
        std::stable_sort(in.begin(), in.end(), [](const Page* a, const Page* b) {
            if (a->weight != b->weight) return a->weight < b->weight;
            if (a->date != b->date) return a->date > b->date;
            return a->title < b->title;
        });
        std::vector<Value> list;
        for (const Page* n : in) list.push_back(entry(n));
        sections[sec.url_path] = Value::map({{"title", sec.title}, {"description", sec.description}, {"href", site.url(sec.url_path)},
                                             {"pages", Value::list(std::move(list))}});
    }

    // Rendered in parallel; diagnostics kept per page so the order is stable.
    // Shared by every page's context without copying (Values are immutable and shared).
    const Value site_value = Value::map({{"title", site.config.title}, {"description", site.config.description},
                                         {"base_url", site.config.base_url}, {"base_path", site.config.base_path},
                                         {"language", site.config.language}, {"author", site.config.author}});
    // The list of every page, for list templates: in every page's context.
    std::vector<Value> listed_values;
    bool any_list = !only;   // an incremental build that renders no list page skips building the list
    if (only) for (size_t i : *only) any_list = any_list || lists_pages(templates, pages[i]);
    if (any_list)
        for (const Page* n : listed)
            listed_values.push_back(entry(n));
    const Value all_pages = Value::list(std::move(listed_values));
    std::vector<std::string> author;
    for (const AuthorShortcode& a : site.author_shortcodes) author.push_back(a.name);
    std::vector<Rendered> rendered(pages.size());
    std::atomic<size_t> next{0};
    std::atomic<bool> stopped{false};   // the sink refused a page
    const size_t count = only ? only->size() : pages.size();
    const auto worker = [&] {
        for (size_t k = next++; k < count && !stopped; k = next++) {
            const size_t i = only ? (*only)[k] : k;
#if defined(__GLIBC__)
            // Every 512 pages, the pages of the heap that rendered pages' Markdown freed go back to the
            // system: without it a large site's peak holds both its Markdown and its HTML (glibc keeps
            // freed memory inside its arenas, and a thread's arena cannot reuse another's). Every 64
            // pages cost 32 madvise calls a page at 10,000 pages for the same peak (84 MB). The `costbook`
            // command links mimalloc instead, where this finds nothing to trim; costbook-serve keeps glibc's.
            if (k % 512 == 511) malloc_trim(0);
#endif
            Page& pg = pages[i];
            Rendered& r = rendered[i];
            PageState state;
            state.url_path = pg.url_path;
            std::string content;
            if (pg.kind == "model") {
                content = model_page_body(site, *site.data->model(pg.model_id), state);
            } else {
                std::vector<Shortcode> scs;
                // A page without a shortcode is its own Markdown: no copy of it (63 MB at 10,000 pages).
                std::string with_markers;
                const bool has_shortcodes = pg.body.find("{{<") != std::string::npos;
                if (has_shortcodes) with_markers = extract_shortcodes(pg.body, pg.src, pg.body_line, scs, r.diags, author);
                const std::string& md = has_shortcodes ? with_markers : pg.body;
                std::vector<std::string> sc_html(scs.size());
                // Live figures last: they bind to the page's calculators, wherever those stand.
                for (int live = 0; live < 2; ++live)
                    for (size_t k = 0; k < scs.size(); ++k)
                        if (is_live(scs[k]) == (live == 1)) sc_html[k] = render_shortcode(site, pg, scs[k], state, r.diags);
                MarkdownHooks hooks;
                hooks.shortcode_html = [&](int k) { return k >= 0 && static_cast<size_t>(k) < sc_html.size() ? sc_html[static_cast<size_t>(k)] : ""; };
                hooks.shortcode_text = [&](int k) { return k >= 0 && static_cast<size_t>(k) < scs.size() ? scs[static_cast<size_t>(k)].text : ""; };
                hooks.rewrite_url = [&](const std::string& u) {
                    return u.size() > 1 && u[0] == '/' && u[1] != '/' ? site.config.base_path + u.substr(1) : u == "/" ? site.config.base_path : u;
                };
                MarkdownResult md_out = render_markdown(md, hooks);
                std::string().swap(pg.body);  // not needed again: keeps a large site's peak memory down
                content = std::move(md_out.html);
                r.headings = std::move(md_out.headings);
            }
            if (!r.diags.empty()) continue;
            if (embeds)
                for (size_t c = 0; c < state.calc_html.size(); ++c) {
                    std::string e = embed_page(site, pg, static_cast<int>(c), state.calc_html[c]);
                    if (site.config.base_path != "/") put_under_base_path(e, site.config.base_path);
                    if (!inject_html.empty()) e.insert(e.rfind("</body>"), inject_html);
                    r.embeds.emplace_back(embed_url_path(pg.url_path, static_cast<int>(c)) + "index.html", std::move(e));
                }
            std::vector<Value> nav;
            for (const Page* n : nav_pages)
                nav.push_back(Entries(3)("current", n == &pg)("href", site.url(n->url_path))
                                  ("title", n->nav_title.empty() ? n->title : n->nav_title).map());
            const bool home = pg.url_path.empty();
            const Value toc = toc_of(r.headings);
            const PageImage image = page_image(site, pg);   // og:image: its card, its own image, or none
            const bool has_toc = pg.toc && !toc.items().empty();
            const Value page = Entries(16)("content", std::move(content))("date", pg.date)
                ("description", pg.description.empty() ? site.config.description : pg.description)
                ("has_calc", state.has_calc)("has_toc", has_toc)("image", image.url)
                ("image_height", image.card.empty() ? "" : std::to_string(kCardHeight))
                ("image_width", image.card.empty() ? "" : std::to_string(kCardWidth))
                ("is_home", home)("is_model", pg.kind == "model")("is_section", pg.kind == "section")("kind", pg.kind)
                ("path", site.url(pg.url_path))("title", pg.title)("toc", toc)("url", site.config.base_url + pg.url_path).map();
            const auto sec = sections.find(pg.kind == "section" ? pg.url_path : pg.section);
            const Value ctx = Entries(8)("calc_loader", state.has_calc && site.calculator ? site.url("calc-loader.js") : std::string())
                ("generator", generator)("nav", Value::list(std::move(nav)))("page", page)("pages", all_pages)
                ("section", sec == sections.end() || (pg.kind != "section" && pg.section.empty()) ? Value() : sec->second)
                ("site", site_value)("title_full", home ? site.config.title : pg.title + " · " + site.config.title).map();
            try {
                const std::string& layout = pg.template_name.empty() ? std::string("page") : pg.template_name;
                // Rendered into this thread's buffer, kept from page to page, then handed to the sink
                // (written from the buffer) or copied at its exact size: no transient buffer sits
                // between the kept pages in the heap.
                thread_local std::string buffer;
                buffer.clear();
                const bool rendered_ok = templates.layouts.find(layout)->second.render_to(buffer, ctx, mustache::lookup_in(templates.partials));
                if (rendered_ok && site.config.base_path != "/") put_under_base_path(buffer, site.config.base_path);
                if (!inject_html.empty() && rendered_ok) {
                    const size_t body = buffer.rfind("</body>");
                    buffer.insert(body == std::string::npos ? buffer.size() : body, inject_html);
                }
                if (rendered_ok && sink) {
                    if (!(*sink)(i, buffer)) stopped = true;
                } else if (rendered_ok) {
                    r.html.assign(buffer);
                }
                if (buffer.capacity() > (1u << 20)) std::string().swap(buffer);   // one huge page does not pin its buffer
                if (!rendered_ok) {
                    r.diags.error("templates/" + layout + ".mustache", 0, 0,
                                  "the page stopped rendering: partials nest more than " + std::to_string(mustache::max_partial_depth) +
                                      " deep, or the page passed " + std::to_string(mustache::max_render_bytes >> 20) + " MiB",
                                  "look for a partial that includes itself, or partials that include each other many times")
                        .note = "while rendering " + pg.src;
                    r.html.clear();
                }
                if (rendered_ok && cards && !image.card.empty() && !make_card(site, pg, state.first_chart, *cards, r.diags)) stopped = true;
            } catch (const std::exception& e) {
                r.diags.error("templates/" + (pg.template_name.empty() ? std::string("page") : pg.template_name) + ".mustache", 0, 0, std::string("the template failed to render: ") + e.what()).note = "while rendering " + pg.src;
            }
        }
    };
    const unsigned n_threads = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), static_cast<unsigned>(count / 8 + 1)));
    run_parallel(n_threads, worker);
    std::vector<std::string> out;
    out.reserve(rendered.size());
    for (Rendered& r : rendered) {
        diags.merge(std::move(r.diags));
        if (embeds) for (auto& e : r.embeds) embeds->push_back(std::move(e));
        out.push_back(std::move(r.html));
    }
    return out;

}

}  // namespace costbook::site
