// One build: load → compute → render → write. Nothing is written until everything rendered.
#include "build.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>
#include <unistd.h>

#include "base_scenario.h"
#include "calc_files.h"
#include "content.h"
#include "costbook/export.h"
#include "costbook/format.h"
#include "costbook/outputs.h"
#include "data.h"
#include "figures.h"
#include "html.h"
#include "markdown.h"
#include "render.h"
#include "shortcodes.h"
#include "widgets.h"
#include "write.h"

namespace fs = std::filesystem;

namespace costbook::site {

namespace {

// "https://example.org/costs" → "/costs/"; "" or a bare host → "/".
std::string base_path_of(const std::string& url) {
    size_t start = url.find("://");
    start = start == std::string::npos ? 0 : url.find('/', start + 3);
    if (start == std::string::npos) return "/";
    std::string p = url.substr(start);
    const size_t q = p.find_first_of("?#");
    if (q != std::string::npos) p.resize(q);
    if (p.empty() || p.front() != '/') p = "/" + p;
    if (p.back() != '/') p += '/';
    return p;
}

std::string with_slash(std::string url) {
    if (url.empty() || url.back() != '/') url += '/';
    return url;
}

// The calculator's three files: from --calc-dir or COSTBOOK_CALC_DIR when one is given (a folder
// that lacks one of them is an error), else the ones this binary carries (none when it was built
// without Emscripten). Returns false with a diagnostic for a bad folder.
bool find_calculator(const BuildOptions& o, std::vector<OutFile>& calc, Diagnostics& diags) {
    static const char* const kNames[] = {"calc.js", "calc.wasm", "calc-loader.js"};
    std::string dir = o.calc_dir;
    const char* env = std::getenv("COSTBOOK_CALC_DIR");
    if (dir.empty() && env && *env) dir = env;
    if (dir.empty()) {
        for (const EmbeddedFile* f = kCalcFiles; f->path; ++f)
            calc.push_back({f->path, std::string(reinterpret_cast<const char*>(f->data), f->size), {}});
        return true;
    }
    std::error_code ec;
    for (const char* n : kNames) {
        const std::string p = dir + "/" + n;
        if (!fs::is_regular_file(p, ec)) {
            Diagnostic d;
            d.path = p;
            d.message = std::string("the calculator folder has no ") + n;
            d.help = std::string(o.calc_dir.empty() ? "COSTBOOK_CALC_DIR" : "--calc-dir") +
                     " names a folder holding calc.js, calc.wasm and calc-loader.js (the wasm preset's build/wasm/wasm/); "
                     "leave it unset to use the calculator this binary carries";
            diags.add(std::move(d));
            return false;
        }
        calc.push_back({n, {}, p});
    }
    return true;
}

using mustache::Value;

Value toc_of(const std::vector<Heading>& hs) {
    std::vector<Value> a;
    for (const Heading& h : hs)
        if (h.level == 2) a.push_back(Value::map({{"id", h.id}, {"text", h.text}, {"level", std::to_string(h.level)}}));
    return Value::list(std::move(a));
}

struct Rendered {
    std::string html;
    Diagnostics diags;
    std::vector<Heading> headings;
};

std::string model_body(const SiteContext& site, const Model& m, PageState& state) {
    std::string h = "<p class=\"lede\">" + escape(m.developer) + (m.released.empty() ? "" : ", " + escape(m.released)) +
                    ". <strong>Counts:</strong> " + escape(m.counts) + ". <strong>Excludes:</strong> " + escape(m.excludes) + ".</p>\n";
    if (!m.ledger.stages.empty()) h += "<h2 id=\"ledger\">What was reported</h2>\n" + ledger_table(site, m);
    if (!m.figures.empty()) {
        h += "<h2 id=\"figures\">Other figures</h2>\n<ul class=\"cb-figures\">\n";
        for (size_t i = 0; i < m.figures.size(); ++i) {
            const Figure& f = m.figures[i];
            const Fig& fig = site.figures.at(m.id + ".figure." + std::to_string(i + 1));
            const std::string bound = f.bound == "above" ? "more than " : f.bound == "below" ? "under " : "";
            h += "<li><strong>" + escape(bound + fig.text) + "</strong>: " + escape(f.label) + ". Counts " + escape(f.counts) +
                 (f.cite.source.empty() || f.cite.source == "derived" ? "" : " (<a href=\"" + escape(source_href(site, f.cite.source)) + "\">" + escape(f.cite.source) + "</a>)") +
                 ".</li>\n";
        }
        h += "</ul>\n";
    }
    if (m.params_active > 0 && m.tokens > 0 && site.figures.count(m.id + ".flops")) {
        h += "<h2 id=\"first-principles\">From first principles</h2>\n<p>6 × " + escape(format_params(m.params_active)) +
             " active parameters × " + escape(format_tokens(m.tokens)) + " = " + escape(site.figures.at(m.id + ".flops").text);
        if (site.figures.count(m.id + ".implied_mfu"))
            h += ". Against the reported GPU-hours that is " + escape(site.figures.at(m.id + ".implied_mfu").text) +
                 " of the GPU's dense BF16 peak" +
                 (site.figures.count(m.id + ".implied_mfu_fp8") ? " (" + escape(site.figures.at(m.id + ".implied_mfu_fp8").text) + " of FP8 peak)" : "");
        h += ".</p>\n";
        ScenarioChoice c;
        c.model = m.id;
        if (auto s = base_scenario(*site.data, c)) {
            Scenario sc = *s;
            sc.tab = "estimate";
            h += calc_embed(site, "estimate", sc, state.calc_count++);
            state.has_calc = true;
        }
    }
    return h;
}

}  // namespace

bool build_site(const BuildOptions& o, Diagnostics& diags, BuildStats& stats) {
    const auto t0 = std::chrono::steady_clock::now();
    // COSTBOOK_TIMING=1 prints where a build's time goes (for bench/ and profiling).
    const bool timing = std::getenv("COSTBOOK_TIMING") != nullptr;
    const auto mark = [&](const char* phase) {
        if (timing)
            std::fprintf(stderr, "timing: %-8s %7.2f ms\n", phase,
                         std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    };
    const std::string site_dir = o.site.empty() ? "." : o.site;
    const std::string out_dir = o.out.empty() ? (fs::path(site_dir) / "public").string() : o.out;
    stats.out = out_dir;

    // ---- load ----
    diags.set_root(site_dir);
    auto config = load_config(site_dir, diags);
    std::optional<Data> data;
    std::error_code ec;
    if (fs::is_directory(fs::path(site_dir) / "data", ec)) data = load_data((fs::path(site_dir) / "data").string(), "data/", diags);
    auto templates = load_templates(site_dir, diags);
    std::vector<Page> pages = load_content(site_dir, o.drafts, diags);
    if (!config || !templates || !diags.empty()) return false;
    mark("load");
    if (!o.base_url.empty()) config->base_url = o.base_url;
    config->base_url = with_slash(config->base_url);
    config->base_path = base_path_of(config->base_url);

    SiteContext site;
    site.config = *config;
    if (data) {
        site.data = &*data;
        auto base = base_scenario(*data, {});
        if (!base) {
            Diagnostic d;
            d.path = "data/scenario.toml";
            d.message = base.error.message;
            d.help = base.error.help;
            diags.add(std::move(d));
            return false;
        }
        site.base = *base;
        site.figures = build_figures(*data, site.base);
    }
    std::vector<OutFile> calc_files;
    if (!find_calculator(o, calc_files, diags)) return false;
    site.calculator = !calc_files.empty();

    // ---- generated pages: one per model, the sources index, a 404 ----
    std::map<std::string, const Page*> by_out;
    const auto has_out = [&](const std::string& p) {
        for (const Page& pg : pages) if (pg.out_path == p) return true;
        return false;
    };
    if (data) {
        for (const Model& m : data->models) {
            Page pg;
            pg.kind = "model";
            pg.model_id = m.id;
            pg.src = m.where.path;
            pg.title = m.name;
            pg.description = m.name + ": " + m.counts + ".";
            pg.url_path = "models/" + m.id + "/";
            pg.out_path = pg.url_path + "index.html";
            pg.in_nav = false;
            pg.template_name = templates->has("model") ? "model" : "page";
            if (!has_out(pg.out_path)) pages.push_back(std::move(pg));
        }
        if (!has_out("sources/index.html")) {
            Page pg;
            pg.kind = "sources";
            pg.src = "data/sources.toml";
            pg.title = "Sources";
            pg.description = "Every source the figures on this site cite, with what each covers.";
            pg.url_path = "sources/";
            pg.out_path = "sources/index.html";
            pg.in_nav = false;
            pg.body = "Every figure on this site links here. Each source says what it covers.\n\n{{< sources >}}\n";
            pages.push_back(std::move(pg));
        }
    }
    if (!has_out("404.html")) {
        Page pg;
        pg.kind = "404";
        pg.src = "(generated)";
        pg.title = "Page not found";
        pg.url_path = "404.html";
        pg.out_path = "404.html";
        pg.in_nav = false;
        pg.body = "There is no page at this address. Try the [home page](/).\n";
        pages.push_back(std::move(pg));
    }
    for (const Page& pg : pages) {
        auto [it, inserted] = by_out.emplace(pg.out_path, &pg);
        if (!inserted) {
            Diagnostic d;
            d.path = pg.src;
            d.line = 1;
            d.message = "two pages write " + pg.out_path;
            d.note = "the other is " + it->second->src;
            d.help = "give one of them another file name or a `slug`";
            diags.add(std::move(d));
        }
        const std::string layout = pg.template_name.empty() ? "page" : pg.template_name;
        if (!templates->has(layout)) {
            Diagnostic d;
            d.path = pg.src;
            d.line = 1;
            d.message = "unknown template `" + layout + "`";
            std::string known;
            for (const auto& [k, _] : templates->layouts) known += (known.empty() ? "" : ", ") + k;
            d.help = "templates: " + known;
            diags.add(std::move(d));
        }
    }
    if (!diags.empty()) return false;

    // ---- navigation, shared by every page ----
    std::vector<const Page*> nav_pages;
    for (const Page& pg : pages) if (pg.in_nav && pg.kind == "page") nav_pages.push_back(&pg);
    std::stable_sort(nav_pages.begin(), nav_pages.end(), [](const Page* a, const Page* b) {
        if (a->url_path.empty() != b->url_path.empty()) return a->url_path.empty();
        if (a->weight != b->weight) return a->weight < b->weight;
        return a->title < b->title;
    });

    std::vector<const Page*> listed;
    for (const Page& pg : pages) if (pg.kind == "page" && !pg.url_path.empty()) listed.push_back(&pg);
    std::stable_sort(listed.begin(), listed.end(), [](const Page* a, const Page* b) {
        if (a->weight != b->weight) return a->weight < b->weight;
        return a->url_path < b->url_path;
    });

    // ---- render, in parallel; diagnostics kept per page so the order is stable ----
    // Shared by every page's context without copying (Values are immutable and shared).
    const Value site_value = Value::map({{"title", site.config.title}, {"description", site.config.description},
                                         {"base_url", site.config.base_url}, {"base_path", site.config.base_path},
                                         {"language", site.config.language}, {"author", site.config.author}});
    // The list of every page, for list templates (the home page's context only).
    std::vector<Value> listed_values;
    for (const Page* n : listed)
        listed_values.push_back(Value::map({{"title", n->title}, {"href", site.url(n->url_path)},
                                            {"date", n->date}, {"description", n->description}}));
    const Value all_pages = Value::list(std::move(listed_values));
    std::vector<Rendered> rendered(pages.size());
    std::atomic<size_t> next{0};
    const auto worker = [&] {
        for (size_t i = next++; i < pages.size(); i = next++) {
            Page& pg = pages[i];
            Rendered& r = rendered[i];
            PageState state;
            std::string content;
            if (pg.kind == "model") {
                content = model_body(site, *data->model(pg.model_id), state);
            } else {
                std::vector<Shortcode> scs;
                const std::string md = extract_shortcodes(pg.body, pg.src, pg.body_line, scs, r.diags);
                std::vector<std::string> sc_html(scs.size());
                for (size_t k = 0; k < scs.size(); ++k) sc_html[k] = render_shortcode(site, pg, scs[k], state, r.diags);
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
            std::vector<Value> nav;
            for (const Page* n : nav_pages)
                nav.push_back(Value::map({{"title", n->nav_title.empty() ? n->title : n->nav_title},
                                          {"href", site.url(n->url_path)}, {"current", n == &pg}}));
            const bool home = pg.url_path.empty();
            const Value toc = toc_of(r.headings);
            const Value page = Value::map({{"title", pg.title}, {"description", pg.description.empty() ? site.config.description : pg.description},
                                           {"date", pg.date}, {"url", site.config.base_url + pg.url_path}, {"path", site.url(pg.url_path)},
                                           {"content", std::move(content)}, {"is_home", home}, {"kind", pg.kind}, {"has_calc", state.has_calc},
                                           {"toc", toc}, {"has_toc", pg.toc && !toc.items().empty()},
                                           {"is_model", pg.kind == "model"}});
            const Value ctx = Value::map({{"pages", home ? all_pages : Value()}, {"site", site_value},
                                          {"page", page}, {"nav", Value::list(std::move(nav))}, {"generator", std::string("costbook ") + costbook_version()},
                                          {"calc_loader", state.has_calc && site.calculator ? site.url("calc-loader.js") : std::string()},
                                          {"title_full", home ? site.config.title : pg.title + " · " + site.config.title}});
            try {
                r.html = render_template(*templates, pg.template_name.empty() ? "page" : pg.template_name, ctx);
            } catch (const std::exception& e) {
                Diagnostic d;
                d.path = "templates/" + (pg.template_name.empty() ? std::string("page") : pg.template_name) + ".mustache";
                d.message = std::string("the template failed to render: ") + e.what();
                d.note = "while rendering " + pg.src;
                r.diags.add(std::move(d));
            }
            if (!o.inject_html.empty()) {
                const size_t body = r.html.rfind("</body>");
                r.html.insert(body == std::string::npos ? r.html.size() : body, o.inject_html);
            }
        }
    };
    const unsigned n_threads = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), static_cast<unsigned>(pages.size() / 8 + 1)));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < n_threads; ++t) threads.emplace_back(worker);
    worker();
    for (std::thread& t : threads) t.join();
    for (Rendered& r : rendered) diags.merge(std::move(r.diags));
    if (!diags.empty()) return false;
    mark("render");

    // ---- assemble the output ----
    std::vector<OutFile> files;
    files.reserve(pages.size() + 16);
    std::string sitemap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    std::vector<const Page*> dated;
    for (size_t i = 0; i < pages.size(); ++i) {
        files.push_back({pages[i].out_path, std::move(rendered[i].html), {}});
        if (pages[i].kind != "404") {
            sitemap += "<url><loc>" + escape(site.config.base_url + pages[i].url_path) + "</loc>";
            if (!pages[i].date.empty()) sitemap += "<lastmod>" + pages[i].date + "</lastmod>";
            sitemap += "</url>\n";
        }
        if (!pages[i].date.empty()) dated.push_back(&pages[i]);
    }
    files.push_back({"sitemap.xml", sitemap + "</urlset>\n", {}});
    files.push_back({"robots.txt", "User-agent: *\nAllow: /\nSitemap: " + site.config.base_url + "sitemap.xml\n", {}});
    files.push_back({".nojekyll", "", {}});
    std::stable_sort(dated.begin(), dated.end(), [](const Page* a, const Page* b) { return a->date > b->date; });
    std::string updated = dated.empty() ? "1970-01-01" : dated.front()->date;
    std::string feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>" +
                       escape(site.config.title) + "</title>\n<link href=\"" + escape(site.config.base_url) + "\"/>\n<link rel=\"self\" href=\"" +
                       escape(site.config.base_url + "feed.xml") + "\"/>\n<id>" + escape(site.config.base_url) + "</id>\n<updated>" +
                       updated + "T00:00:00Z</updated>\n";
    if (!site.config.author.empty()) feed += "<author><name>" + escape(site.config.author) + "</name></author>\n";
    for (const Page* p : dated)
        feed += "<entry><title>" + escape(p->title) + "</title><link href=\"" + escape(site.config.base_url + p->url_path) +
                "\"/><id>" + escape(site.config.base_url + p->url_path) + "</id><updated>" + p->date + "T00:00:00Z</updated><summary>" +
                escape(p->description) + "</summary></entry>\n";
    files.push_back({"feed.xml", feed + "</feed>\n", {}});

    const fs::path static_dir = fs::path(site_dir) / "static";
    if (fs::is_directory(static_dir, ec)) {
        std::vector<fs::path> statics;
        for (auto it = fs::recursive_directory_iterator(static_dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) break;
            if (it->is_symlink()) {
                Diagnostic d;
                d.path = "static/" + it->path().lexically_relative(static_dir).generic_string();
                d.message = "symlinks are not copied from static/";
                d.help = "copy the file into static/ instead";
                diags.add(std::move(d));
                if (it->is_directory()) it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file()) statics.push_back(it->path());
        }
        std::sort(statics.begin(), statics.end());
        for (const fs::path& p : statics) {
            const std::string rel = p.lexically_relative(static_dir).generic_string();
            if (by_out.count(rel)) {
                Diagnostic d;
                d.path = "static/" + rel;
                d.message = "static/" + rel + " and a page both write " + rel;
                d.help = "rename one of them";
                diags.add(std::move(d));
                continue;
            }
            files.push_back({rel, {}, p.string()});
        }
    }
    for (OutFile& f : calc_files) files.push_back(std::move(f));
    if (!diags.empty()) return false;

    if (o.capture) {
        if (o.page_sources) {
            o.page_sources->clear();
            for (size_t i = 0; i < files.size(); ++i) o.page_sources->push_back(i < pages.size() ? pages[i].src : files[i].path);
        }
        *o.capture = std::move(files);
    } else if (!write_output(out_dir, files, diags, o.mtime)) {
        return false;
    }
    mark("write");
    stats.pages = static_cast<int>(pages.size());
    stats.files = static_cast<int>(o.capture ? o.capture->size() : files.size());
    stats.calculator = site.calculator;
    stats.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return true;
}

std::optional<std::int64_t> parse_source_date_epoch(std::string_view text) {
    if (text.empty() || text.size() > 12) return std::nullopt;  // more digits would pass the year 9999
    std::int64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    if (v > 253402300799) return std::nullopt;  // after 9999-12-31T23:59:59Z: no date format holds it
    return v;
}

}  // namespace costbook::site
