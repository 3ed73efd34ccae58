// One build: load → compute → render → write. Pages are written into the staging tree as they are
// rendered; the new output is swapped in only when every page rendered (write/write.h).
#include "build.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "compute/figures.h"
#include "compute/fit.h"
#include "compute/prices.h"
#include "compute/scenario.h"
#include "files.h"
#include "threads.h"
#include "load/assets.h"
#include "load/config.h"
#include "load/content.h"
#include "load/data.h"
#include "load/templates.h"
#include "render/cards.h"
#include "render/context.h"
#include "render/data_files.h"
#include "render/feeds.h"
#include "render/page.h"
#include "write/headers.h"
#include "write/write.h"

namespace fs = std::filesystem;

namespace costbook::site {

namespace {
// The files every build writes beside the pages, in this order: sitemap, robots, GitHub Pages' marker, feed,
// the data as files (a site with data/), the static hosts' headers (write/headers.h).
const char* const kGeneratedFiles[] = {"sitemap.xml", "robots.txt", ".nojekyll", "feed.xml", "data.json", "data.csv", kHeadersFile};
}  // namespace

// Everything below lives here from the start of a build, so nothing that points into it
// (the context's data, the templates' partials) moves when the cache keeps it.
struct BuildCache::State {
    std::optional<SiteConfig> config;
    std::optional<Data> data;
    std::optional<Templates> templates;
    std::vector<Page> pages;          // front matter and paths; Markdown bodies freed by rendering
    SiteContext site;
    std::string site_dir, out_dir;
};
BuildCache::BuildCache() = default;
BuildCache::~BuildCache() = default;
void BuildCache::clear() { state.reset(); }

bool build_site(const BuildOptions& o, Diagnostics& diags, BuildStats& stats, BuildCache* cache) {
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
    if (cache) cache->state.reset();   // refilled only by a build that succeeds
    auto state = std::make_unique<BuildCache::State>();
    state->site_dir = site_dir;
    state->out_dir = out_dir;
    auto& config = state->config = load_config(site_dir, o.base_url, diags);
    // data/ and what is computed from it on a thread of its own, beside the content, the templates
    // and the static files: they meet once both are loaded. Diagnostics keep the order of a serial load.
    std::optional<Data>& data = state->data;
    SiteContext& site = state->site;
    Diagnostics data_diags, rest_diags;
    data_diags.set_root(site_dir);
    rest_diags.set_root(site_dir);
    std::optional<std::pair<std::string, std::string>> seed_error;   // message, help
    std::exception_ptr data_failure;
    Background data_thread([&] {
        try {
            std::error_code e;
            if (fs::is_directory(fs::path(site_dir) / "data", e)) data = load_data((fs::path(site_dir) / "data").string(), "data/", data_diags);
            if (!data) return;
            // ---- compute: everything pages read, resolved once ----
            auto base = seed(*data);
            if (!base) { seed_error.emplace(base.error.message, base.error.help); return; }
            site.base = base->scenario;
            site.seeds = all_seeds(*data);
            site.runs = run_points(*data);
            site.runs_lodo = leave_one_group_out(site.runs);
            site.figures = build_figures(*data, site.base, &site.runs_lodo, &site.figure_needs);
            site.tasks = task_table(*data);
            site.tabs = supported_tabs(*data);
            for (const Model& m : data->models) site.rates.emplace(m.id, model_rate(*data, m));
        } catch (...) {
            data_failure = std::current_exception();
        }
    });
    auto& templates = state->templates = load_templates(site_dir, rest_diags);
    std::vector<Page>& pages = state->pages = load_content(site_dir, o.drafts, rest_diags);
    std::vector<Asset> assets = load_static(site_dir, rest_diags);
    std::vector<Asset> calculator = load_calculator(o.calc_dir, rest_diags);
    data_thread.wait();
    if (data_failure) std::rethrow_exception(data_failure);
    diags.merge(std::move(data_diags));
    diags.merge(std::move(rest_diags));
    if (!config || !templates || !diags.empty()) return false;
    add_generated_pages(pages, data ? &*data : nullptr, templates->has("model"));
    if (o.loaded) {
        size_t bytes = 0;
        for (const Page& pg : pages) bytes += pg.body.size();
        o.loaded(bytes);
    }
    mark("load");

    // ---- compute: the rest of what pages read (the data thread resolved the figures) ----
    site.config = *config;
    site.calculator = !calculator.empty();
    for (const Asset& a : assets)   // the cards take the site's colours from its stylesheets
        if (a.path.size() > 4 && a.path.compare(a.path.size() - 4, 4, ".css") == 0)
            for (auto& [k, v] : page_colours(a.copy_from.empty() ? a.bytes : read_file(a.copy_from))) site.card_colours.emplace(k, v);
    for (const Page& pg : pages)   // assumption labels link to the table a page of the site really carries
        if (pg.body.find("{{< assumptions") != std::string::npos) { site.assumptions_page = pg.url_path; break; }
    if (data) {
        site.data = &*data;
        if (seed_error) {
            diags.error("data/scenario.toml", 0, 0, seed_error->first, seed_error->second);
            return false;
        }
    }

    if (!prepare_templates(site, *templates, diags)) return false;
    mark("prepare");

    // ---- every output path has one owner, and every page a template ----
    // Pages, the files generated beside them, static/ and the calculator: a path written twice,
    // or a file where another path needs a folder, is an error naming both owners.
    std::map<std::string, std::string> owners;   // output path → what writes it
    const auto own = [&](const std::string& path, const std::string& owner, const std::string& help) {
        if (auto [it, inserted] = owners.emplace(path, owner); !inserted)
            diags.error(owner, 0, 0, owner + " and " + it->second + " both write " + path, help);
    };
    for (const Page& pg : pages) {
        if (auto [it, inserted] = owners.emplace(pg.out_path, pg.src); !inserted)
            diags.error(pg.src, 1, 0, "two pages write " + pg.out_path, "give one of them another file name or a `slug`").note =
                "the other is " + it->second;
        const std::string layout = pg.template_name.empty() ? "page" : pg.template_name;
        if (!templates->has(layout)) {
            std::string known;
            for (const auto& [k, _] : templates->layouts) known += (known.empty() ? "" : ", ") + k;
            diags.error(pg.src, 1, 0, "unknown template `" + layout + "`", "templates: " + known);
        }
    }
    for (const char* generated : kGeneratedFiles) own(generated, "costbook's generated " + std::string(generated), "rename the page or file: costbook writes this path");
    for (const Asset& a : calculator) own(a.path, "the calculator's " + a.path, "rename the page or file: the calculator is written here");
    for (const Asset& a : assets) own(a.path, a.src, "rename one of them");
    for (const auto& [path, owner] : owners)   // the calculators' embeds are written there once the pages render
        if (is_embed_route(path))
            diags.error(owner, 0, 0, owner + " writes " + path + ", inside " + std::string(kEmbedFolder) + ", where costbook writes the calculators' embeds",
                        "rename it or its folder");
    const auto nested = [&] {
        for (const auto& [path, owner] : owners)
            for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
                if (const auto it = owners.find(path.substr(0, slash)); it != owners.end())
                    diags.error(owner, 0, 0, owner + " writes " + path + ", inside " + it->first + ", which " + it->second + " writes as a file",
                                "rename one of them");
    };
    nested();
    if (!diags.empty()) return false;
    // The social cards beside the pages, once the pages' own paths are sound (one problem, one error).
    for (const Page& pg : pages)
        if (const std::string card = page_image(site, pg).card; !card.empty())
            own(card, pg.src, "it is the page's social card: rename the file, or write card = false in the page's front matter");
    nested();
    std::set<std::string> static_paths;
    for (const Asset& a : assets) static_paths.insert(a.path);
    check_cards(site, pages, static_paths, diags);
    if (!diags.empty()) return false;
    mark("paths");

    // ---- render, each page into the staging tree as it is done (a captured build keeps them) ----
    OutputWriter writer;
    if (!o.capture && !writer.begin(out_dir, diags)) return false;
    const PageSink sink = [&](size_t i, const std::string& html) { return writer.put(pages[i].out_path, html); };
    std::vector<std::pair<std::string, std::string>> embeds;
    // Cards go into the staging tree as pages do; one whose SVG is unchanged is kept from the last output.
    std::vector<OutFile> captured_cards;
    std::atomic<int> cards_written{0};
    std::mutex captured_mutex;
    CardSink cards;
    std::atomic<int> drawn{0}, kept{0};
    cards.made = [&](const std::string& path, const std::string& svg, bool was_drawn) {
        ++(was_drawn ? drawn : kept);
        if (!o.card_svgs) return;
        const std::lock_guard<std::mutex> lock(captured_mutex);
        (*o.card_svgs)[path] = svg;
    };
    if (o.capture) {
        cards.put = [&](const std::string& path, const std::string& png) {
            const std::lock_guard<std::mutex> lock(captured_mutex);
            captured_cards.push_back({path, png, {}});
            return true;
        };
    } else {
        cards.put = [&](const std::string& path, const std::string& png) { ++cards_written; return writer.put(path, png); };
        cards.previous = [&](const std::string& path) { return read_file((fs::path(out_dir) / path).string()); };
    }
    std::vector<std::string> html = render_pages(site, *templates, pages, o.inject_html, diags, nullptr, o.capture ? nullptr : &sink, &embeds, &cards);
    if (!diags.empty()) return false;   // the writer swaps nothing in: the previous output stays
    mark("render");
    if (timing) std::fprintf(stderr, "timing: cards    %d drawn, %d kept\n", drawn.load(), kept.load());

    // ---- write: the feeds, static/ and the calculator, then the swap ----
    std::vector<OutFile> files;
    files.reserve((o.capture ? pages.size() : 0) + assets.size() + 8);
    if (o.capture)
        for (size_t i = 0; i < pages.size(); ++i) files.push_back({pages[i].out_path, std::move(html[i]), {}});
    std::sort(captured_cards.begin(), captured_cards.end(), [](const OutFile& a, const OutFile& b) { return a.path < b.path; });
    for (OutFile& c : captured_cards) files.push_back(std::move(c));
    files.push_back({kGeneratedFiles[0], sitemap_xml(site.config, pages), {}});
    files.push_back({kGeneratedFiles[1], robots_txt(site.config), {}});
    files.push_back({kGeneratedFiles[2], "", {}});
    files.push_back({kGeneratedFiles[3], atom_feed(site.config, pages), {}});
    if (data) {
        DataFiles d = data_files(site);
        files.push_back({kGeneratedFiles[4], std::move(d.json), {}});
        files.push_back({kGeneratedFiles[5], std::move(d.csv), {}});
    }
    for (auto& [path, page_html] : embeds) files.push_back({std::move(path), std::move(page_html), {}});
    for (std::vector<Asset>* list : {&assets, &calculator})
        for (Asset& a : *list) files.push_back({std::move(a.path), std::move(a.bytes), std::move(a.copy_from)});
    {   // who may frame what, for the hosts that read a header file: every path of the output is known now
        std::vector<std::string> paths;
        for (const Page& pg : pages) paths.push_back(pg.out_path);
        for (const OutFile& f : files) paths.push_back(f.path);
        files.push_back({kHeadersFile, headers_file(paths, site.config.base_path), {}});
    }

    if (o.capture) {
        if (o.page_sources) {
            o.page_sources->clear();
            for (size_t i = 0; i < files.size(); ++i) o.page_sources->push_back(i < pages.size() ? pages[i].src : files[i].path);
        }
        *o.capture = std::move(files);
    } else if (!writer.finish(files, diags, o.mtime)) {
        return false;
    }
    mark("write");
    stats.pages = stats.rendered = static_cast<int>(pages.size());
    stats.cards_drawn = drawn;
    stats.cards_kept = kept;
    stats.files = static_cast<int>(o.capture ? o.capture->size() : pages.size() + files.size() + static_cast<size_t>(cards_written));
    if (cache && !o.capture) cache->state = std::move(state);
    stats.calculator = site.calculator;
    stats.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return true;
}

bool rebuild_site(const BuildOptions& o, const std::vector<std::string>& changed, BuildCache& cache,
                  Diagnostics& diags, BuildStats& stats) {
    BuildCache::State* st = cache.state.get();
    const auto full = [&] { return build_site(o, diags, stats, &cache); };
    if (!st || changed.empty()) return full();
    const auto t0 = std::chrono::steady_clock::now();
    const fs::path content = fs::path(st->site_dir) / "content";
    std::vector<Page>& pages = st->pages;
    const auto find_src = [&](const std::string& src) {   // a scan: cheaper than indexing 10,000 pages per save
        for (size_t i = 0; i < pages.size(); ++i) if (pages[i].src == src) return i;
        return pages.size();
    };
    std::vector<size_t> touched;
    std::vector<std::pair<size_t, Page>> saved;   // the cache's pages as they were, until this build succeeds
    const auto rollback = [&] { for (auto& [i, pg] : saved) pages[i] = std::move(pg); return false; };
    const auto reload = [&](size_t i) {           // the page's file again: its Markdown was freed
        std::error_code ec;
        const fs::path f = fs::path(st->site_dir) / pages[i].src;
        if (!fs::is_regular_file(f, ec)) return false;
        std::optional<Page> pg = load_page(f, content, o.drafts, diags);
        if (!pg) return false;
        saved.emplace_back(i, std::move(pages[i]));
        pages[i] = std::move(*pg);
        touched.push_back(i);
        return true;
    };
    bool listed = false;   // a title, date, description or weight changed: lists, sitemap and feed
    for (const std::string& path : changed) {
        if (path.rfind("content/", 0) == 0 && (path.size() < 3 || path.compare(path.size() - 3, 3, ".md") != 0)) {
            // Not a page: an editor's temporary file, unless it is (or was) a folder of pages.
            std::error_code ec;
            bool folder = fs::is_directory(fs::path(st->site_dir) / path, ec);
            for (const Page& pg : pages) folder = folder || pg.src.rfind(path + "/", 0) == 0;
            if (!folder) continue;
        }
        const size_t i = find_src(path);
        if (path.rfind("content/", 0) != 0 || i == pages.size()) { rollback(); return full(); }   // beyond content/, or a new page
        const Page old = pages[i];
        if (!reload(i)) {
            if (!diags.empty()) return rollback();   // the page has an error: the last output stays
            rollback();
            return full();                            // removed, or now a draft
        }
        const Page& now = pages[i];
        // In the menu: site.toml's [nav] names it, or a page or section at the top (render/page.cpp).
        const auto in_menu = [&](const Page& p) {
            return st->site.config.has_nav || (p.in_nav && (p.kind == "page" || p.kind == "section") && p.section.empty());
        };
        const bool nav = in_menu(old) || in_menu(now);
        if (now.out_path != old.out_path || now.kind != old.kind || now.template_name != old.template_name || now.section != old.section ||
            now.card.off != old.card.off || now.card.image != old.card.image || now.card.figure != old.card.figure ||
            (nav && (now.in_nav != old.in_nav || now.title != old.title || now.nav_title != old.nav_title || now.weight != old.weight))) {
            rollback();
            return full();   // moved, or its entry in every page's navigation changed
        }
        listed = listed || now.title != old.title || now.date != old.date || now.description != old.description || now.weight != old.weight;
    }
    std::vector<Page> generated;   // add_generated_pages' pages, made once when a generated page lists pages
    if (listed)
        for (size_t i = 0; i < pages.size(); ++i)
            if (lists_pages(*st->templates, pages[i]) && std::find(touched.begin(), touched.end(), i) == touched.end()) {
                if (pages[i].src.rfind("content/", 0) != 0) {
                    // A generated page (a model's, the sources', 404): its body again, as the full build made it.
                    if (generated.empty())
                        add_generated_pages(generated, st->data ? &*st->data : nullptr, st->templates->has("model"));
                    const auto g = std::find_if(generated.begin(), generated.end(), [&](const Page& p) { return p.out_path == pages[i].out_path; });
                    if (g == generated.end()) { rollback(); return full(); }
                    saved.emplace_back(i, std::move(pages[i]));
                    pages[i] = *g;
                    touched.push_back(i);
                    continue;
                }
                if (!reload(i)) {
                    rollback();
                    return diags.empty() ? full() : false;
                }
            }
    if (touched.empty() && !listed) {   // nothing that is a page changed
        stats.incremental = true;
        stats.pages = static_cast<int>(pages.size());
        stats.rendered = stats.files = 0;
        stats.written.clear();
        stats.out = st->out_dir;
        stats.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        return true;
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    std::vector<std::pair<std::string, std::string>> embeds;
    std::vector<OutFile> files;
    std::mutex files_mutex;
    CardSink cards;   // the touched pages' cards, kept when their SVG is unchanged
    cards.put = [&](const std::string& path, const std::string& png) {
        const std::lock_guard<std::mutex> lock(files_mutex);
        files.push_back({path, png, {}});
        return true;
    };
    cards.previous = [&](const std::string& path) { return read_file((fs::path(st->out_dir) / path).string()); };
    stats.cards_drawn = stats.cards_kept = 0;
    cards.made = [&](const std::string&, const std::string&, bool was_drawn) {
        const std::lock_guard<std::mutex> lock(files_mutex);
        ++(was_drawn ? stats.cards_drawn : stats.cards_kept);
    };
    std::vector<std::string> html = render_pages(st->site, *st->templates, pages, o.inject_html, diags, &touched, nullptr, &embeds, &cards);
    if (!diags.empty()) return rollback();
    std::sort(files.begin(), files.end(), [](const OutFile& a, const OutFile& b) { return a.path < b.path; });
    for (size_t i : touched) files.push_back({pages[i].out_path, std::move(html[i]), {}});
    for (auto& [path, page_html] : embeds) files.push_back({std::move(path), std::move(page_html), {}});
    if (listed) {
        files.push_back({kGeneratedFiles[0], sitemap_xml(st->site.config, pages), {}});
        files.push_back({kGeneratedFiles[3], atom_feed(st->site.config, pages), {}});
    }
    stats.written.clear();
    if (!update_output(st->out_dir, files, diags, &stats.written)) {
        rollback();
        cache.state.reset();   // the output is partly new: the next change builds it whole
        return false;
    }
    stats.out = st->out_dir;
    stats.incremental = true;
    stats.pages = static_cast<int>(pages.size());
    stats.rendered = static_cast<int>(touched.size());
    stats.files = static_cast<int>(stats.written.size());
    stats.calculator = st->site.calculator;
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
