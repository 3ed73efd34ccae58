// site/render/cards.h: each page's social card — its SVG (golden files for the default and the example
// site), its PNG (1200x630, not blank, the chart drawn where the page has one, byte-identical from build to
// build, kept when its SVG did not change), the og:image and twitter:card tags, the switches and own images.
#include <doctest/doctest.h>

#include <cairo.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "build.h"
#include "render/cards.h"

using namespace costbook::site;
using fixture::SiteCopy;
namespace fs = std::filesystem;

namespace {

const fs::path kGoldens = fixture::kFixtures / "render/cards";
const fs::path kExample = fs::path(COSTBOOK_SOURCE_DIR) / "examples/llama-3.1-405b";

// A build into memory: every file, and every card's SVG by its PNG's path.
struct Captured {
    std::map<std::string, std::string> files, svgs;
    BuildStats stats;
    explicit Captured(const std::string& site, const std::string& base_url = "") {
        std::vector<OutFile> out;
        BuildOptions o;
        o.site = site;
        o.base_url = base_url;
        o.capture = &out;
        o.card_svgs = &svgs;
        Diagnostics d;
        REQUIRE_MESSAGE(build_site(o, d, stats), fixture::printed(d));
        for (OutFile& f : out) files[f.path] = std::move(f.bytes);
    }
};

// A PNG decoded by cairo: its size, and its pixels as 0xRRGGBB.
struct Decoded {
    int width = 0, height = 0;
    std::vector<std::uint32_t> px;
    explicit Decoded(const std::string& png) {
        struct Reader { const std::string* s; size_t at; } r{&png, 0};
        cairo_surface_t* s = cairo_image_surface_create_from_png_stream(
            [](void* closure, unsigned char* data, unsigned int n) {
                auto* rd = static_cast<Reader*>(closure);
                if (rd->at + n > rd->s->size()) return CAIRO_STATUS_READ_ERROR;
                std::memcpy(data, rd->s->data() + rd->at, n);
                rd->at += n;
                return CAIRO_STATUS_SUCCESS;
            },
            &r);
        if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
            width = cairo_image_surface_get_width(s);
            height = cairo_image_surface_get_height(s);
            const int stride = cairo_image_surface_get_stride(s);
            const unsigned char* data = cairo_image_surface_get_data(s);
            for (int y = 0; y < height; ++y)
                for (int x = 0; x < width; ++x)
                    px.push_back(reinterpret_cast<const std::uint32_t*>(data + y * stride)[x] & 0xFFFFFFu);
        }
        cairo_surface_destroy(s);
    }
    // Pixels in [x0, x1) x [y0, y1) that differ from the background (the pixel at 0, 40: below the top rule).
    int ink(int x0, int y0, int x1, int y1) const {
        const std::uint32_t bg = px[static_cast<size_t>(40 * width)];
        int n = 0;
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x) n += px[static_cast<size_t>(y * width + x)] != bg;
        return n;
    }
};

std::string meta(const std::string& html, const std::string& attr, const std::string& name) {
    const std::string open = "<meta " + attr + "=\"" + name + "\" content=\"";
    const size_t at = html.find(open);
    if (at == std::string::npos) return "(none)";
    return html.substr(at + open.size(), html.find('"', at + open.size()) - at - open.size());
}

}  // namespace

TEST_CASE("the default site's and the example site's cards are drawn from the golden SVGs") {
    SiteCopy def;
    SiteCopy example(kExample);
    const bool update = std::getenv("COSTBOOK_UPDATE_EXPECTED") != nullptr;
    const std::pair<const SiteCopy*, const char*> sites[] = {{&def, "default"}, {&example, "llama-3.1-405b"}};
    for (const auto& [site, name] : sites) {
        Captured c(site->path());
        // The home page (title, headline figure, ladder chart), and on the default site a model's page
        // (its total, no chart) and the comparisons (the models chart, no figure).
        std::vector<std::string> which = {"card.png"};
        if (std::string(name) == "default") which = {"card.png", "models/deepseek-v3/card.png", "comparisons/card.png"};
        for (const std::string& path : which) {
            CAPTURE(name);
            CAPTURE(path);
            REQUIRE(c.svgs.count(path));
            std::string file = path.substr(0, path.size() - 4);
            for (char& ch : file) if (ch == '/') ch = '-';
            const fs::path golden = kGoldens / name / (file + ".svg");
            if (update) fixture::write(golden, c.svgs[path]);
            CHECK(c.svgs[path] == fixture::read(golden));
            CHECK(png_has_card_key(c.files[path], card_key(c.svgs[path])));
        }
    }
}

TEST_CASE("every page but the 404 gets a 1200x630 PNG card with its words, and its chart where it has one") {
    SiteCopy s;
    Captured c(s.path());
    int cards = 0;
    for (const auto& [path, bytes] : c.files) {
        if (path.size() < 8 || path.compare(path.size() - 8, 8, "card.png") != 0) continue;
        ++cards;
        CAPTURE(path);
        const Decoded png(bytes);
        REQUIRE(png.width == 1200);
        REQUIRE(png.height == 630);
        CHECK(png.ink(0, 0, 1200, 630) > 1200 * 630 / 50);   // not blank: over 2% of it is drawn on
        CHECK(png.ink(72, 100, 600, 300) > 2000);           // the title
    }
    size_t pages = 0;
    for (const auto& [path, _] : c.files)   // the calculators' embed pages (embed/...) are framed, not shared: no card
        pages += path.size() >= 10 && path.compare(path.size() - 10, 10, "index.html") == 0 && path.rfind("embed/", 0) != 0;
    CHECK(cards == static_cast<int>(pages));   // every page's index.html has one; 404.html has none
    CHECK_FALSE(c.files.count("404/card.png"));
    // The home page draws its ladder at the right; a model's page has no chart there.
    CHECK(Decoded(c.files["card.png"]).ink(820, 180, 1150, 480) > 5000);
    CHECK(Decoded(c.files["models/deepseek-v3/card.png"]).ink(820, 300, 1150, 600) == 0);
    // Its headline figure, in the accent colour, under the title: $294K on the home page.
    CHECK(c.svgs["card.png"].find(">" + std::string("$294K") + "</text>") != std::string::npos);
}

TEST_CASE("two builds give byte-identical cards, and a build into the previous output keeps the unchanged ones") {
    SiteCopy s;
    const fs::path a = s.dir / "a", b = s.dir / "b";
    BuildOptions o;
    o.site = s.path();
    o.out = a.string();
    Diagnostics d;
    BuildStats first, second, third, other;
    REQUIRE(build_site(o, d, first));
    CHECK(first.cards_drawn > 10);
    CHECK(first.cards_kept == 0);
    BuildOptions ob = o;
    ob.out = b.string();
    REQUIRE(build_site(ob, d, other));
    for (const auto& e : fs::recursive_directory_iterator(a))
        if (e.path().filename() == "card.png") CHECK(fixture::read(e.path()) == fixture::read(b / fs::relative(e.path(), a)));
    REQUIRE(build_site(o, d, second));   // into the previous output: nothing changed
    CHECK(second.cards_drawn == 0);
    CHECK(second.cards_kept == first.cards_drawn);
    CHECK(fixture::read(a / "card.png") == fixture::read(b / "card.png"));
    REQUIRE(s.edit("content/rl.md", "title = \"RL: GRPO against PPO\"", "title = \"RL: GRPO or PPO\""));
    REQUIRE(build_site(o, d, third));    // one page's title changed: its card alone is drawn again
    CHECK(third.cards_drawn == 1);
    CHECK(fixture::read(a / "rl/card.png") != fixture::read(b / "rl/card.png"));
    CHECK(Decoded(fixture::read(a / "rl/card.png")).width == 1200);
}

TEST_CASE("pages name their card in og:image with summary_large_image, absolute under an absolute base URL") {
    SiteCopy s;
    Captured c(s.path());
    const std::string& home = c.files["index.html"];
    CHECK(meta(home, "property", "og:image") == "https://example.org/card.png");
    CHECK(meta(home, "property", "og:image:width") == "1200");
    CHECK(meta(home, "property", "og:image:height") == "630");
    CHECK(meta(home, "name", "twitter:card") == "summary_large_image");
    CHECK(meta(c.files["models/deepseek-v3/index.html"], "property", "og:image") == "https://example.org/models/deepseek-v3/card.png");
    CHECK(meta(c.files["404.html"], "name", "twitter:card") == "summary");
    CHECK(meta(c.files["404.html"], "property", "og:image") == "(none)");
    SUBCASE("the example site's pages too") {
        SiteCopy e(kExample);
        Captured ce(e.path());
        CHECK(meta(ce.files["index.html"], "property", "og:image") == "https://example.org/card.png");
        CHECK(meta(ce.files["index.html"], "name", "twitter:card") == "summary_large_image");
        CHECK(ce.files.count("card.png"));
    }
    SUBCASE("a base URL that is only a path gives the path") {
        Captured p(s.path(), "/docs/");
        CHECK(meta(p.files["index.html"], "property", "og:image") == "/docs/card.png");
    }
}

TEST_CASE("cards = false in site.toml, card = false in front matter, and a page's own image") {
    SiteCopy s;
    SUBCASE("off for the whole site: no card, no og:image") {
        REQUIRE(s.edit("site.toml", "language = \"en\"", "language = \"en\"\ncards = false"));
        Captured c(s.path());
        for (const auto& [path, _] : c.files) CHECK_MESSAGE(path.find("card.png") == std::string::npos, path);
        CHECK(meta(c.files["index.html"], "property", "og:image") == "(none)");
        CHECK(meta(c.files["index.html"], "name", "twitter:card") == "summary");
        CHECK(c.stats.cards_drawn == 0);
    }
    SUBCASE("off for one page") {
        REQUIRE(s.edit("content/rl.md", "+++\n", "+++\ncard = false\n"));
        Captured c(s.path());
        CHECK_FALSE(c.files.count("rl/card.png"));
        CHECK(meta(c.files["rl/index.html"], "name", "twitter:card") == "summary");
        CHECK(c.files.count("card.png"));
    }
    SUBCASE("a page's own image, from static/ or a URL") {
        REQUIRE(s.edit("content/rl.md", "+++\n", "+++\ncard = \"/images/rl.png\"\n"));
        REQUIRE(s.edit("content/over-time.md", "+++\n", "+++\ncard = \"https://cdn.example.net/over-time.png\"\n"));
        fixture::write(s.dir / "static/images/rl.png", fixture::read(kGoldens / "own.png"));
        Captured c(s.path());
        CHECK_FALSE(c.files.count("rl/card.png"));
        CHECK_FALSE(c.files.count("over-time/card.png"));
        CHECK(meta(c.files["rl/index.html"], "property", "og:image") == "https://example.org/images/rl.png");
        CHECK(meta(c.files["rl/index.html"], "property", "og:image:width") == "(none)");   // its size is the author's
        CHECK(meta(c.files["rl/index.html"], "name", "twitter:card") == "summary_large_image");
        CHECK(meta(c.files["over-time/index.html"], "property", "og:image") == "https://cdn.example.net/over-time.png");
    }
}

TEST_CASE("no card is drawn for a site whose templates never show one; one that reads it in a section gets them") {
    SiteCopy s;
    const std::string head = fixture::read(s.dir / "templates/partials/head.mustache");
    // The head's og:image lines, and its twitter:card chosen by them: replaced by a summary card.
    const std::string block_end = "{{/page.image}}\n";
    const size_t from = head.find("{{#page.image}}"), to = head.rfind(block_end) + block_end.size();
    REQUIRE(from != std::string::npos);
    REQUIRE(to > from);
    const auto with = [&](const std::string& lines) { return head.substr(0, from) + lines + head.substr(to); };
    SUBCASE("a head without og:image: no card.png, no time spent on one") {
        fixture::write(s.dir / "templates/partials/head.mustache", with("<meta name=\"twitter:card\" content=\"summary\">\n"));
        Captured c(s.path());
        for (const auto& [path, _] : c.files) CHECK_MESSAGE(path.find("card.png") == std::string::npos, path);
        CHECK(c.stats.cards_drawn == 0);
        CHECK(c.files.count("index.html"));
    }
    SUBCASE("a head that reads it as {{#page}}{{image}}{{/page}}: the cards are drawn") {
        fixture::write(s.dir / "templates/partials/head.mustache", with("{{#page}}<meta property=\"og:image\" content=\"{{image}}\">{{/page}}\n"));
        Captured c(s.path());
        CHECK(c.files.count("card.png"));
        CHECK(c.stats.cards_drawn > 0);
        CHECK(meta(c.files["index.html"], "property", "og:image") == "https://example.org/card.png");
    }
}

TEST_CASE("the card's CSS is the chart's with its variables resolved: the page's colours, then the chart's fallbacks") {
    CardContent c;
    c.title = "A title";
    c.chart_svg = "<figure><svg viewBox=\"0 0 480 100\"><style>:where(svg.cb-chart){width:100%}:where(.cb-chart){--cb-f-ink:#111;--cb-f-accent:#222}"
                  "@media (prefers-color-scheme:dark){:where(.cb-chart){--cb-f-ink:#eee}}"
                  ":where(.cb-chart text){fill:var(--cb-ink,var(--cb-f-ink))}:where(.cb-chart .cb-bar){fill:var(--cb-accent,var(--cb-f-accent))}"
                  "</style><rect class=\"cb-bar\"/></svg></figure>";
    c.colours = page_colours(":root{--cb-accent: #b4451f;--cb-bg:#fdfcf9}@media (prefers-color-scheme:dark){:root{--cb-accent:#f0875f}}");
    const std::string svg = card_svg(c);
    CHECK(svg.find("<style>.cb-chart text{fill:#111}.cb-chart .cb-bar{fill:#b4451f}</style>") != std::string::npos);
    CHECK(svg.find(".cb-card-bg{fill:#fdfcf9}") != std::string::npos);
    CHECK(svg.find("<svg x=\"620\" y=\"60\" width=\"532\" height=\"530\" viewBox=\"0 0 480 100\">") != std::string::npos);
    CHECK(svg.find("var(") == std::string::npos);
    CHECK(svg.find("width:100%") == std::string::npos);
}

TEST_CASE("a card's key is found only in a PNG that carries it") {
    std::string error;
    const std::string svg = card_svg(CardContent{"Site", "", "Title", "$1", "", "", "", {}});
    const std::string png = card_png(svg, card_key(svg), error);
    REQUIRE_MESSAGE(!png.empty(), error);
    CHECK(png_has_card_key(png, card_key(svg)));
    CHECK_FALSE(png_has_card_key(png, card_key(svg + " ")));
    CHECK_FALSE(png_has_card_key("not a png", card_key(svg)));
    CHECK_FALSE(png_has_card_key(png.substr(0, 40), card_key(svg)));
}
