// Social cards: the SVG, its chart's CSS made plain, and librsvg + cairo + libpng for the PNG.
#include "render/cards.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <librsvg/rsvg.h>
#include <dlfcn.h>
#include <png.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include "card_font.h"   // ui_ttf: wasm/fonts/ui.ttf, embedded by site/CMakeLists.txt
#include "render/charts/svg.h"
#include "render/charts/text.h"

namespace costbook::site {

namespace {

// Bumped when the drawing or encoding below changes, so cards of older builds are redrawn.
constexpr const char* kCardFormat = "costbook-card 1";
constexpr const char* kKeyword = "costbook-card";

// ---- the chart's CSS, as librsvg can read it ----
// The chart's <style> reads page variables with fallbacks inside :where() (render/charts/svg.cpp);
// librsvg 2.54 supports neither, so the card's copy has each var() replaced by the value the chart
// would fall back to standing alone in a light page, :where(X) by X, and no @media or sizing rules.
size_t matching(const std::string& s, size_t open) {   // the ')' or '}' closing s[open]
    const char o = s[open], c = o == '(' ? ')' : '}';
    int depth = 0;
    for (size_t i = open; i < s.size(); ++i) {
        if (s[i] == o) ++depth;
        else if (s[i] == c && --depth == 0) return i;
    }
    return std::string::npos;
}

std::string resolve_vars(const std::string& css, const std::map<std::string, std::string>& vars) {
    std::string out;
    for (size_t i = 0; i < css.size();) {
        if (css.compare(i, 4, "var(") != 0) { out += css[i++]; continue; }
        const size_t close = matching(css, i + 3);
        if (close == std::string::npos) { out += css.substr(i); break; }
        const std::string inner = css.substr(i + 4, close - i - 4);
        const size_t comma = inner.find(',');
        const auto v = vars.find(inner.substr(0, comma));
        out += v != vars.end() ? v->second : comma == std::string::npos ? "" : resolve_vars(inner.substr(comma + 1), vars);
        i = close + 1;
    }
    return out;
}

std::string without_media(const std::string& css) {
    std::string rules;
    for (size_t i = 0; i < css.size();) {
        if (css.compare(i, 6, "@media") == 0) {
            const size_t open = css.find('{', i);
            const size_t close = open == std::string::npos ? std::string::npos : matching(css, open);
            if (close == std::string::npos) break;
            i = close + 1;
            continue;
        }
        rules += css[i++];
    }
    return rules;
}

// Custom properties (--cb-f-ink:#1f2328) declared in `rules`; with `root_only`, in :root rules only.
void custom_properties(const std::string& rules, bool root_only, std::map<std::string, std::string>& vars) {
    for (size_t i = 0; i < rules.size();) {
        const size_t open = rules.find('{', i);
        if (open == std::string::npos) break;
        const size_t close = matching(rules, open);
        if (close == std::string::npos) break;
        const std::string selector = rules.substr(i, open - i);
        if (!root_only || selector.find(":root") != std::string::npos)
            for (size_t d = open + 1; (d = rules.find("--", d)) < close;) {
                const size_t colon = rules.find(':', d), end = std::min(rules.find(';', d), close);
                if (colon == std::string::npos || colon > end) { d += 2; continue; }
                std::string value = rules.substr(colon + 1, end - colon - 1);
                while (!value.empty() && (value.front() == ' ' || value.front() == '\n')) value.erase(0, 1);
                while (!value.empty() && (value.back() == ' ' || value.back() == '\n')) value.pop_back();
                vars.emplace(rules.substr(d, colon - d), value);   // the first declaration wins
                d = end;
            }
        i = close + 1;
    }
}

// The chart's CSS with the page's colours (`page`: the site's :root properties) where the page sets
// them, else the chart's own light fallbacks.
std::string plain_css(const std::string& css, const std::map<std::string, std::string>& page) {
    const std::string rules = without_media(css);
    std::map<std::string, std::string> vars = page;
    custom_properties(rules, false, vars);
    std::string out;
    for (size_t i = 0; i < rules.size();) {
        const size_t open = rules.find('{', i);
        if (open == std::string::npos) break;
        const size_t close = matching(rules, open);
        if (close == std::string::npos) break;
        std::string selector = rules.substr(i, open - i);
        for (size_t w; (w = selector.find(":where(")) != std::string::npos;) {
            const size_t end = matching(selector, w + 6);
            if (end == std::string::npos) break;
            selector = selector.substr(0, w) + selector.substr(w + 7, end - w - 7) + selector.substr(end + 1);
        }
        std::string body;   // the declarations, without custom properties
        const std::string decls = rules.substr(open + 1, close - open - 1);
        for (size_t d = 0; d < decls.size();) {
            size_t end = d;
            for (int depth = 0; end < decls.size() && (decls[end] != ';' || depth > 0); ++end)
                depth += decls[end] == '(' ? 1 : decls[end] == ')' ? -1 : 0;
            const std::string decl = decls.substr(d, end - d);
            if (decl.rfind("--", 0) != 0 && !decl.empty()) body += (body.empty() ? "" : ";") + resolve_vars(decl, vars);
            d = end + 1;
        }
        // The SVG's own sizing (width:100%) is the page's; the card places the chart itself.
        if (!body.empty() && selector.rfind("svg", 0) != 0) out += selector + "{" + body + "}";
        i = close + 1;
    }
    return out;
}

// The chart's <svg> placed in the card's box, with its CSS made plain; "" when there is none.
std::string placed_chart(const std::string& html, const std::map<std::string, std::string>& page, double x, double y, double w, double h) {
    const size_t start = html.find("<svg");
    const size_t end = html.rfind("</svg>");
    if (start == std::string::npos || end == std::string::npos || end < start) return "";
    std::string svg = html.substr(start, end + 6 - start);
    const size_t s0 = svg.find("<style>"), s1 = svg.find("</style>");
    if (s0 != std::string::npos && s1 != std::string::npos && s1 > s0)
        svg = svg.substr(0, s0 + 7) + plain_css(svg.substr(s0 + 7, s1 - s0 - 7), page) + svg.substr(s1);
    using charts::num;
    svg.insert(4, " x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\"");
    return svg + "\n";
}

// ---- the rasteriser's libraries, opened on the first card ----
// librsvg brings some 40 shared libraries (cairo, pango, harfbuzz, glib, ICU, X11's, ...). Linked into
// costbook, the dynamic loader mapped and relocated all of them before main() on every run of every
// verb, about 14 M instructions (of the 17 M that `costbook --version` took), though a site with
// cards = false never draws one. So they are opened by soname when a card is first keyed or drawn:
// the headers give each function's type, and the build links none of them (an unlisted call is a
// link error). The .deb names their packages itself (CMakeLists.txt), as dpkg-shlibdeps no longer sees them.
#define COSTBOOK_CARD_FUNCTIONS(X)                                                                              \
    X(rsvg_handle_new_from_data) X(rsvg_handle_render_document) X(g_object_unref) X(g_error_free)               \
    X(cairo_version_string) X(cairo_image_surface_create) X(cairo_create) X(cairo_set_source_rgb) X(cairo_paint) \
    X(cairo_destroy) X(cairo_surface_flush) X(cairo_surface_destroy) X(cairo_image_surface_get_width)           \
    X(cairo_image_surface_get_height) X(cairo_image_surface_get_stride) X(cairo_image_surface_get_data)         \
    X(FcConfigCreate) X(FcConfigAppFontAddFile) X(FcConfigSetCurrent)                                            \
    X(png_create_write_struct) X(png_create_info_struct) X(png_destroy_write_struct) X(png_set_longjmp_fn)       \
    X(png_get_io_ptr) X(png_set_write_fn) X(png_set_IHDR) X(png_set_text) X(png_set_filter)                      \
    X(png_set_compression_level) X(png_write_info) X(png_write_row) X(png_write_end)

struct CardLibs {
#define COSTBOOK_FIELD(name) decltype(&::name) name = nullptr;
    COSTBOOK_CARD_FUNCTIONS(COSTBOOK_FIELD)
#undef COSTBOOK_FIELD
    std::string error;   // why they could not be opened, or ""
};

const CardLibs& card_libs() {
    static const CardLibs libs = [] {
        CardLibs l;
        std::vector<void*> handles;
        for (const char* soname : {"librsvg-2.so.2", "libgobject-2.0.so.0", "libglib-2.0.so.0", "libcairo.so.2", "libfontconfig.so.1",
                                   "libpng16.so.16"}) {
            void* h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
            if (!h) {
                const char* why = dlerror();
                l.error = std::string("could not open ") + soname + ", which draws the social cards: " + (why ? why : "unknown error");
                return l;
            }
            handles.push_back(h);   // kept open for the process's life
        }
        const auto find = [&](const char* name) -> void* {
            for (void* h : handles)
                if (void* f = dlsym(h, name)) return f;
            l.error = std::string("the card libraries have no `") + name + "`";
            return nullptr;
        };
#define COSTBOOK_FIND(name) l.name = reinterpret_cast<decltype(&::name)>(find(#name));
        COSTBOOK_CARD_FUNCTIONS(COSTBOOK_FIND)
#undef COSTBOOK_FIND
        return l;
    }();
    return libs;
}

// ---- the PNG ----
std::once_flag fonts_once;
std::string fonts_error;

// fontconfig sees the embedded font and nothing else, so a card looks the same on every machine.
// It wants a file name: a memfd (/proc/self/fd/N) holds the bytes without touching the disk.
void use_card_font() {
    const int fd = memfd_create("costbook-card-font", MFD_CLOEXEC);
    if (fd < 0 || write(fd, ui_ttf, sizeof ui_ttf) != static_cast<ssize_t>(sizeof ui_ttf)) {
        fonts_error = std::string("could not hold the card font in memory: ") + std::strerror(errno);   // EFBIG under `ulimit -f`
        return;
    }
    const CardLibs& lib = card_libs();
    FcConfig* config = lib.FcConfigCreate();
    const std::string file = "/proc/self/fd/" + std::to_string(fd);
    if (!config || !lib.FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(file.c_str())) || !lib.FcConfigSetCurrent(config))
        fonts_error = "fontconfig could not read the card font";
    // The memfd stays open: pango opens the font by that name whenever it needs it.
}

struct PngOut {
    std::string bytes;
};
void png_append(png_structp p, png_bytep data, png_size_t n) {
    static_cast<PngOut*>(card_libs().png_get_io_ptr(p))->bytes.append(reinterpret_cast<const char*>(data), n);
}
void png_no_flush(png_structp) {}

std::string encode_png(cairo_surface_t* surface, const std::string& key, std::string& error) {
    const CardLibs& lib = card_libs();
    PngOut out;
    png_structp p = lib.png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = p ? lib.png_create_info_struct(p) : nullptr;
    if (!info) {
        lib.png_destroy_write_struct(&p, nullptr);
        error = "libpng could not start";
        return "";
    }
    const int w = lib.cairo_image_surface_get_width(surface), h = lib.cairo_image_surface_get_height(surface);
    const int stride = lib.cairo_image_surface_get_stride(surface);
    const unsigned char* data = lib.cairo_image_surface_get_data(surface);
    std::vector<unsigned char> row(static_cast<size_t>(w) * 3);
    if (setjmp(*lib.png_set_longjmp_fn(p, longjmp, sizeof(jmp_buf)))) {   // png_jmpbuf(p), through the table
        lib.png_destroy_write_struct(&p, &info);
        error = "libpng failed to encode the card";
        return "";
    }
    lib.png_set_write_fn(p, &out, png_append, png_no_flush);
    lib.png_set_IHDR(p, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_text text{};
    text.compression = PNG_TEXT_COMPRESSION_NONE;
    text.key = const_cast<char*>(kKeyword);
    text.text = const_cast<char*>(key.c_str());
    lib.png_set_text(p, info, &text, 1);
    // No row filters: flat colours compress best unfiltered here (a sixth smaller than libpng's
    // adaptive choice, in half the time). zlib was still two thirds of a card's CPU; at level 1 the
    // default site's 20 cards take 0.43 s of CPU instead of 0.66 s, for files a fifth larger (1.14
    // against 0.93 MB): crawlers fetch a card once, authors build many times.
    lib.png_set_filter(p, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    lib.png_set_compression_level(p, 1);
    lib.png_write_info(p, info);
    for (int y = 0; y < h; ++y) {
        // CAIRO_FORMAT_RGB24: one native-endian 0x00RRGGBB word per pixel.
        const auto* px = reinterpret_cast<const std::uint32_t*>(data + static_cast<size_t>(y) * static_cast<size_t>(stride));
        for (int x = 0; x < w; ++x) {
            row[static_cast<size_t>(x) * 3] = static_cast<unsigned char>(px[x] >> 16);
            row[static_cast<size_t>(x) * 3 + 1] = static_cast<unsigned char>(px[x] >> 8);
            row[static_cast<size_t>(x) * 3 + 2] = static_cast<unsigned char>(px[x]);
        }
        lib.png_write_row(p, row.data());
    }
    lib.png_write_end(p, info);
    lib.png_destroy_write_struct(&p, &info);
    return std::move(out.bytes);
}

std::uint32_t be32(const std::string& s, size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) << 24 | static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8 | static_cast<unsigned char>(s[at + 3]);
}

}  // namespace

std::string card_path(const std::string& page_out_path) {
    const size_t slash = page_out_path.rfind('/');
    return (slash == std::string::npos ? std::string() : page_out_path.substr(0, slash + 1)) + "card.png";
}

std::string card_svg(const CardContent& c) {
    using charts::esc;
    using charts::num;
    constexpr double margin = 72;
    const bool chart = c.chart_svg.find("<svg") != std::string::npos;
    // With a chart the words take the left column and the chart the right; without, the whole width.
    const double text_w = chart ? 500 : kCardWidth - 2 * margin;
    const double title_font = chart ? 50 : 64;
    const charts::Wrapped title = charts::wrap(c.title, text_w, title_font, 3);
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kCardWidth) + "\" height=\"" + num(kCardHeight) +
                    "\" viewBox=\"0 0 " + num(kCardWidth) + " " + num(kCardHeight) + "\" font-family=\"Inter, sans-serif\">\n";
    // The page's colours where its CSS sets them (light scheme), else the charts' own fallbacks.
    const auto colour = [&](const char* var, const char* fallback) {
        const auto it = c.colours.find(var);
        return it != c.colours.end() && it->second.find_first_of("<>\"") == std::string::npos ? it->second : std::string(fallback);
    };
    s += "<style>.cb-card-bg{fill:" + colour("--cb-bg", "#fff") + "}.cb-card-ink{fill:" + colour("--cb-ink", "#1f2328") +
         "}.cb-card-muted{fill:" + colour("--cb-muted", "#646b73") + "}.cb-card-accent{fill:" + colour("--cb-accent", "#2563c9") +
         "}</style>\n";
    s += "<rect class=\"cb-card-bg\" width=\"" + num(kCardWidth) + "\" height=\"" + num(kCardHeight) + "\"/>\n";
    s += "<rect class=\"cb-card-accent\" width=\"" + num(kCardWidth) + "\" height=\"12\"/>\n";
    double y = margin + 28;
    if (!c.site_title.empty() && c.site_title != c.title)   // the home page's title is often the site's
        s += "<text class=\"cb-card-muted\" x=\"" + num(margin) + "\" y=\"" + num(y) + "\" font-size=\"28\">" +
             esc(charts::truncate(c.site_title, text_w, 28)) + "</text>\n";
    y += 36 + title_font;
    s += "<text class=\"cb-card-ink\" font-size=\"" + num(title_font) + "\">";
    for (size_t i = 0; i < title.lines.size(); ++i)
        s += "<tspan x=\"" + num(margin) + "\" y=\"" + num(y + static_cast<double>(i) * title_font * 1.15) + "\">" + esc(title.lines[i]) + "</tspan>";
    s += "</text>\n";
    y += static_cast<double>(title.lines.empty() ? 0 : title.lines.size() - 1) * title_font * 1.15;
    if (!c.figure.empty()) {
        // As large as fits the column ("30.84M GPU-hours" is long), down to half size, then cut.
        const double largest = chart ? 104 : 128;
        const double natural = charts::text_width(c.figure, largest);
        const double figure_font = natural > text_w ? std::max(largest / 2, std::floor(largest * text_w / natural)) : largest;
        y += 40 + figure_font;
        s += "<text class=\"cb-card-accent\" x=\"" + num(margin) + "\" y=\"" + num(y) + "\" font-size=\"" + num(figure_font) + "\">" +
             esc(charts::truncate(c.figure, text_w, figure_font)) + "</text>\n";
        if (!c.figure_note.empty())
            s += "<text class=\"cb-card-muted\" x=\"" + num(margin) + "\" y=\"" + num(y + 44) + "\" font-size=\"28\">" +
                 esc(charts::truncate(c.figure_note, text_w, 28)) + "</text>\n";
    } else if (!c.description.empty()) {   // no headline: what the page is about
        const charts::Wrapped d = charts::wrap(c.description, text_w, 30, 3);
        y += 30 + 30;
        s += "<text class=\"cb-card-muted\" font-size=\"30\">";
        for (size_t i = 0; i < d.lines.size(); ++i)
            s += "<tspan x=\"" + num(margin) + "\" y=\"" + num(y + static_cast<double>(i) * 30 * 1.3) + "\">" + esc(d.lines[i]) + "</tspan>";
        s += "</text>\n";
    }
    if (!c.site_host.empty())
        s += "<text class=\"cb-card-muted\" x=\"" + num(margin) + "\" y=\"" + num(kCardHeight - margin + 16) + "\" font-size=\"26\">" +
             esc(charts::truncate(c.site_host, text_w, 26)) + "</text>\n";
    if (chart) s += placed_chart(c.chart_svg, c.colours, 620, 60, kCardWidth - 620 - 48, kCardHeight - 60 - 40);
    s += "</svg>\n";
    return s;
}

std::map<std::string, std::string> page_colours(const std::string& css) {
    std::map<std::string, std::string> vars;
    custom_properties(without_media(css), true, vars);
    return vars;
}

namespace {
bool absolute_url(const std::string& u) { return u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0; }
// A path under the site's root ("x/card.png") as og:image wants it: absolute when the base URL is.
std::string image_url(const SiteContext& site, const std::string& path) {
    return (absolute_url(site.config.base_url) ? site.config.base_url : site.config.base_path) + path;
}
}  // namespace

PageImage page_image(const SiteContext& site, const Page& pg) {
    PageImage img;
    if (!site.config.cards || pg.card.off || pg.kind == "404") return img;
    if (!pg.card.image.empty()) {
        img.url = absolute_url(pg.card.image) ? pg.card.image : image_url(site, pg.card.image.substr(1));
        return img;
    }
    img.card = card_path(pg.out_path);
    img.url = image_url(site, img.card);
    return img;
}

bool check_cards(const SiteContext& site, const std::vector<Page>& pages, const std::set<std::string>& static_paths, Diagnostics& diags) {
    const size_t before = diags.size();
    std::vector<std::string> keys;
    for (const Page& pg : pages) {
        const Page::Card& c = pg.card;
        if (!c.figure.empty() && !site.figures.count(c.figure)) {
            if (keys.empty())
                for (const auto& [k, _] : site.figures) keys.push_back(k);
            const std::string near = closest_name(keys, c.figure);
            diags.error(pg.src, c.figure_line, c.figure_col, "`card_figure` names `" + c.figure + "`, which is no figure of this site",
                        near.empty() ? "write a figure key, as {{< figure >}} takes; `costbook help figures` lists them"
                                     : "did you mean `" + near + "`?")
                .len = static_cast<int>(c.figure.size()) + 2;
        }
        if (!c.image.empty() && !absolute_url(c.image) && !static_paths.count(c.image.substr(1)))
            diags.error(pg.src, c.line, c.col, "`card` names `" + c.image + "`, and static/ has no such file",
                        "put the image at static" + c.image + ", or give its full URL (https://...)")
                .len = static_cast<int>(c.image.size()) + 2;
    }
    return diags.size() == before;
}

CardContent page_card(const SiteContext& site, const Page& pg, const std::string& chart_html) {
    CardContent c;
    c.site_title = site.config.title;
    if (const size_t scheme = site.config.base_url.find("://"); scheme != std::string::npos) {
        c.site_host = site.config.base_url.substr(scheme + 3);
        while (!c.site_host.empty() && c.site_host.back() == '/') c.site_host.pop_back();
    }
    c.title = pg.title;
    c.description = pg.description;
    // The headline: the front matter's card_figure, else a model page's total cost (its GPU-hours
    // when no rate prices them).
    std::string key = pg.card.figure;
    if (key.empty() && pg.kind == "model")
        key = site.figures.count(pg.model_id + ".total_cost_usd") ? pg.model_id + ".total_cost_usd" : pg.model_id + ".total_gpu_hours";
    if (const auto f = site.figures.find(key); !key.empty() && f != site.figures.end()) {
        c.figure = f->second.text;
        if (f->second.assumption) c.figure_note = "an assumption";
        else if (!f->second.dated.empty()) c.figure_note = f->second.dated;
    }
    c.chart_svg = chart_html;
    c.colours = site.card_colours;
    return c;
}

bool make_card(const SiteContext& site, const Page& pg, const std::string& chart_html, const CardSink& sink, Diagnostics& diags) {
    const std::string path = card_path(pg.out_path);
    const std::string svg = card_svg(page_card(site, pg, chart_html));
    const std::string key = card_key(svg);
    std::string png = sink.previous ? sink.previous(path) : std::string();
    const bool draw = !png_has_card_key(png, key);
    if (draw) {
        std::string error;
        png = card_png(svg, key, error);
        if (png.empty()) {
            diags.error(pg.src, 0, 0, "the page's social card could not be drawn: " + error,
                        "write card = false in its front matter, or cards = false in site.toml, to publish without it");
            return true;
        }
    }
    if (sink.made) sink.made(path, svg, draw);
    return sink.put(path, png);
}

std::string card_key(const std::string& svg) {
    std::uint64_t h = 1469598103934665603ull;   // FNV-1a, 64 bits
    const auto mix = [&](const std::string& s) { for (const char ch : s) { h ^= static_cast<unsigned char>(ch); h *= 1099511628211ull; } };
    mix(kCardFormat);
    mix(std::to_string(LIBRSVG_MAJOR_VERSION) + "." + std::to_string(LIBRSVG_MINOR_VERSION) + "." + std::to_string(LIBRSVG_MICRO_VERSION));
    const CardLibs& lib = card_libs();
    mix(lib.error.empty() ? lib.cairo_version_string() : "");   // without them no card is drawn: card_png says why
    mix(PNG_LIBPNG_VER_STRING);
    mix(svg);
    const char* hex = "0123456789abcdef";
    std::string key;
    for (int shift = 60; shift >= 0; shift -= 4) key += hex[(h >> shift) & 0xF];
    return key;
}

bool png_has_card_key(const std::string& png, const std::string& key) {
    if (png.size() < 8 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return false;
    const std::string want = std::string(kKeyword) + '\0' + key;
    for (size_t at = 8; at + 12 <= png.size();) {
        const std::uint32_t len = be32(png, at);
        if (len > png.size() - at - 12) return false;
        const std::string type = png.substr(at + 4, 4);
        if (type == "tEXt") return len == want.size() && png.compare(at + 8, len, want) == 0;
        if (type == "IDAT" || type == "IEND") return false;   // libpng writes the text before the image
        at += 12 + len;
    }
    return false;
}

std::string card_png(const std::string& svg, const std::string& key, std::string& error) {
    const CardLibs& lib = card_libs();
    if (!lib.error.empty()) {
        error = lib.error;
        return "";
    }
    std::call_once(fonts_once, use_card_font);
    if (!fonts_error.empty()) {
        error = fonts_error;
        return "";
    }
    GError* gerr = nullptr;
    RsvgHandle* handle = lib.rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &gerr);
    if (!handle) {
        error = std::string("librsvg could not read the card's SVG: ") + (gerr ? gerr->message : "unknown error");
        if (gerr) lib.g_error_free(gerr);
        return "";
    }
    cairo_surface_t* surface = lib.cairo_image_surface_create(CAIRO_FORMAT_RGB24, kCardWidth, kCardHeight);
    cairo_t* cr = lib.cairo_create(surface);
    lib.cairo_set_source_rgb(cr, 1, 1, 1);
    lib.cairo_paint(cr);
    const RsvgRectangle viewport{0, 0, static_cast<double>(kCardWidth), static_cast<double>(kCardHeight)};
    const bool drawn = lib.rsvg_handle_render_document(handle, cr, &viewport, &gerr);
    lib.cairo_destroy(cr);
    lib.g_object_unref(handle);
    std::string png;
    if (!drawn) {
        error = std::string("librsvg could not draw the card: ") + (gerr ? gerr->message : "unknown error");
        if (gerr) lib.g_error_free(gerr);
    } else {
        lib.cairo_surface_flush(surface);
        png = encode_png(surface, key, error);
    }
    lib.cairo_surface_destroy(surface);
    return png;
}

}  // namespace costbook::site
