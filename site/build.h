// site: one build, from a site folder to an output folder
// Index: [SECTION] Options  [SECTION] Build  [SECTION] Incremental
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag.h"
#include "write/write.h"

namespace costbook::site {

// ---- [SECTION] Options ----
struct BuildOptions {
    std::string site = ".";          // folder with site.toml, content/, templates/, data/, static/
    std::string out;                 // "" = <site>/public
    std::string base_url;            // "" = site.toml's base_url
    bool drafts = false;             // include pages with draft = true
    bool serve_mode = false;         // costbook serve: no-store pages, the script below injected
    std::string inject_html;         // put before </body> of every page (serve's live-reload script)
    std::string calc_dir;            // folder with calc.js, calc.wasm, calc-loader.js; "" = COSTBOOK_CALC_DIR, else the embedded ones
    std::optional<std::int64_t> mtime;  // set: every file and folder written gets it (SOURCE_DATE_EPOCH)
    std::vector<OutFile>* capture = nullptr;  // set: render into this instead of writing (costbook check)
    std::vector<std::string>* page_sources = nullptr;  // with capture: each file's source ("content/a.md")
    std::map<std::string, std::string>* card_svgs = nullptr;  // set: each social card's SVG by its PNG's path (golden tests)
    std::function<void(size_t)> loaded;  // set: called once the content is read, with its Markdown's size in bytes
};

struct BuildStats {
    int pages = 0;                   // HTML pages rendered
    int files = 0;                   // files written in all
    double ms = 0;                   // wall time of the whole build
    bool calculator = false;         // calc.js + calc.wasm were copied
    std::string out;                 // the output folder
    bool incremental = false;        // rebuild_site re-rendered only what the change reaches
    int rendered = 0;                // pages rendered (all of them unless incremental)
    std::vector<std::string> written;   // incremental: the files rewritten, in output order
    int cards_drawn = 0;             // social cards rasterised by this build
    int cards_kept = 0;              // ... and kept from the previous output, their SVG unchanged
};

// What a build keeps for the next one under serve: the loaded site, what was computed from it,
// and every page's front matter (not its Markdown). Empty until a build succeeds.
class BuildCache {
public:
    BuildCache();
    ~BuildCache();
    BuildCache(const BuildCache&) = delete;
    BuildCache& operator=(const BuildCache&) = delete;
    void clear();                    // the next build is a full one
    struct State;
    std::unique_ptr<State> state;
};

// ---- [SECTION] Build ----
// Loads and validates everything, renders into memory, writes into a temporary folder
// beside `out` and swaps it in. On any problem, `diags` holds every diagnostic and `out`
// is left exactly as it was. Returns true on success.
bool build_site(const BuildOptions& o, Diagnostics& diags, BuildStats& stats, BuildCache* cache = nullptr);

// ---- [SECTION] Incremental ----
// After `changed` (site-relative paths from the watcher), renders only the pages whose output can
// depend on it and rewrites, in place, only the files whose bytes changed:
//   a page's Markdown, same title/date/description/weight  → that page
//   its title, date, description or weight                → it, every page that lists pages
//                                                            (render/page.h lists_pages), sitemap, feed
//   a page added, removed or moved, its navigation entry,
//   or anything outside content/ (templates, data, static, site.toml) → a full build_site
// The result equals a full build's output byte for byte. Without a filled cache: build_site.
bool rebuild_site(const BuildOptions& o, const std::vector<std::string>& changed, BuildCache& cache,
                  Diagnostics& diags, BuildStats& stats);

// SOURCE_DATE_EPOCH's value: a whole number of seconds since 1970 ("1700000000"), or nullopt
// for anything else (a sign, a fraction, spaces, a number past what a file time holds).
std::optional<std::int64_t> parse_source_date_epoch(std::string_view text);

}  // namespace costbook::site
