// site/render/widgets.h: what a shortcode becomes — the assumptions table, the calculator
// embed with the sources of the inputs it starts with, tables from data.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "costbook/export.h"
#include "render/html.h"

using fixture::has;
using fixture::run;
using fixture::SiteCopy;
using namespace costbook;


TEST_CASE("the assumptions shortcode lists every assumption from data with its reason") {
    SiteCopy s;
    fixture::write(s.dir / "content/a.md", "+++\ntitle = \"A\"\n+++\n\n{{< assumptions >}}\n\n"
                                          "Research: {{< figure \"input.research_mult.range\" >}}.\n\n"
                                          "{{< calc tab=\"estimate\" scenario=\"model=llama-3.1-405b\" >}}\n");
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string html = fixture::read(s.dir / "public/a/index.html");
    CHECK(html.find("<table class=\"cb-assumptions\" id=\"cb-assumptions\">") != std::string::npos);   // assumption labels link here
    CHECK(html.find("3x the final run is illustrative") != std::string::npos);
    CHECK(html.find(">1×–10×<") != std::string::npos);
    CHECK(html.find("params=4.05e11") != std::string::npos);   // the embed starts from Llama's size
    for (const auto& t : fixture::data().tasks) CHECK_MESSAGE(html.find("Task: " + t.name) != std::string::npos, t.id);
}

TEST_CASE("a page's calculator carries the sources behind the inputs it starts with") {
    const std::string out = (fixture::fs::temp_directory_path() / ("costbook-sources-" + std::to_string(::getpid()))).string();
    REQUIRE(run("build --out '" + out + "'").code == 0);
    const std::string home = fixture::read(out + "/index.html");
    const std::string llama = fixture::read(out + "/models/llama-3.1-405b/index.html");
    fixture::fs::remove_all(out);
    // The home page's calculator starts from the data's scenario: every known source.
    CHECK(has(home, "data-sources=\"" + site::escape(write_sources(fixture::sources(), fixture::scenario())) + "\""));
    // A model page's calculator starts from that model's data (its tokens, GPU, ...): its sources.
    site::ScenarioChoice choice;
    choice.model = "llama-3.1-405b";
    const InputSources llama_sources = fixture::sources(choice.model);
    CHECK(llama_sources != fixture::sources());
    CHECK(has(llama, "data-sources=\"" + site::escape(write_sources(llama_sources, fixture::scenario(choice.model))) + "\""));
}

TEST_CASE("the tasks shortcode gives a table per price date, the first open, each row dated; date= gives one") {
    const auto& d = fixture::data();
    SiteCopy s;
    fixture::write(s.dir / "content/t.md", "+++\ntitle = \"T\"\n+++\n\n{{< tasks >}}\n\nOne: {{< tasks date=\"" + d.task_dates.back() +
                                          "\" >}}\n\nPrice: {{< figure \"price.o3-mini.usd.output\" >}}\n\n{{< prices >}}\n");
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string html = fixture::read(s.dir / "public/t/index.html");
    CHECK(has(html, "<details class=\"cb-task-date\" open><summary>Prices in effect on " + d.task_dates.front() + "</summary>"));
    for (size_t i = 1; i < d.task_dates.size(); ++i)
        CHECK(has(html, "<details class=\"cb-task-date\"><summary>Prices in effect on " + d.task_dates[i] + "</summary>"));
    CHECK(has(html, "<caption>One task at the prices in effect on " + d.task_dates.back()));
    for (const std::string& id : d.task_prices) CHECK_MESSAGE(has(html, site::escape(d.price(id)->period_text())), id);
    // An inline price says when it applied; the price table lists every price with its period.
    const auto& o3 = *d.price("o3-mini");
    CHECK(has(html, "<span class=\"cb-asof\"> (" + site::escape(o3.period_text()) + ")</span>"));
    for (const auto& p : d.prices) CHECK_MESSAGE(has(html, ">" + site::escape(p.name) + " <a class=\"cb-src\""), p.id);
    CHECK(has(html, "Published only in dollars: converted at the average exchange rate of the month the price took effect"));
}

TEST_CASE("the tasks shortcode refuses a date that is not one, at the shortcode") {
    SiteCopy s;
    fixture::write(s.dir / "content/t.md", "+++\ntitle = \"T\"\n+++\n\n{{< tasks date=\"Feb 2025\" >}}\n");
    const auto r = run("build --site " + s.path());
    CHECK(r.code == 1);
    CHECK(has(r.err, "content/t.md:5:1: error: `Feb 2025` is not a price date"));
}

TEST_CASE("a figure with unit=false prints its number alone, still linked to its source") {
    SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "content/a.md", "+++\ntitle = \"A\"\n+++\n\nTrained on {{< figure \"tiny.tokens\" unit=false >}} tokens, "
                                          "{{< figure \"tiny.tokens\" >}} in all, {{< figure \"tiny.total_cost_usd\" unit=false >}}.\n");
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string html = fixture::read(s.dir / "public/a/index.html");
    CHECK(has(html, "Trained on <a class=\"cb-fig\" href=\"/sources/#src-tiny-report\""));
    CHECK(has(html, ">20B</a> tokens, "));
    CHECK(has(html, ">20B tokens</a> in all"));
    CHECK(has(html, ">$2K</a>."));   // money keeps its sign: the $ is part of the number
}

TEST_CASE("an author shortcode renders its template with its arguments, the page and the figure registry") {
    SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "templates/shortcodes/note.mustache",
                   "<aside class=\"note note-{{kind}}\">{{text}} ({{page.title}}; {{{figures.tiny.total_gpu_hours.html}}}, "
                   "{{figures.tiny.tokens.value}})</aside>\n");
    fixture::write(s.dir / "content/a.md", "+++\ntitle = \"A\"\n+++\n\n{{< note kind=\"tip\" text=\"Tiny <is> made up.\" >}}\n\n"
                                          "Inline: {{< note text=\"x\" >}}.\n");
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string html = fixture::read(s.dir / "public/a/index.html");
    CHECK(has(html, "<aside class=\"note note-tip\">Tiny &lt;is&gt; made up. (A; <a class=\"cb-fig\" href=\"/sources/#src-tiny-report\""));
    CHECK(has(html, ">1K GPU-hours</a>, 20B)</aside>\n"));
    CHECK(has(html, "<p>Inline: <aside class=\"note note-\">x (A; "));   // no kind given: empty
    SUBCASE("help lists it with the arguments its template reads") {
        const auto h = run("help shortcodes --site " + s.path());
        CHECK(h.code == 0);
        CHECK(has(h.out, "\nnote  templates/shortcodes/note.mustache\n    arguments: kind, text\n"));
    }
}

TEST_CASE("a site's templates/partials/widgets/<name>.mustache replaces how that widget renders") {
    SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "templates/partials/widgets/figure.mustache",
                   "<b class=\"my-fig\"{{#sourced}} data-href=\"{{href}}\"{{/sourced}}>{{text}}</b>\n");
    fixture::write(s.dir / "templates/partials/widgets/ledger.mustache",
                   "<ol class=\"my-ledger\">{{#stages}}<li>{{name}}: {{gpu_hours}}{{#has_rate}} = {{cost}}{{/has_rate}}</li>{{/stages}}</ol>\n");
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string home = fixture::read(s.dir / "public/index.html");
    CHECK(has(home, "The final run cost <b class=\"my-fig\" data-href=\"/sources/#src-tiny-report\">$2K</b>."));   // inline: its newline dropped
    CHECK(has(home, "<ol class=\"my-ledger\"><li>Pre-training: 1K GPU-hours = $2K</li></ol>"));
    CHECK_FALSE(has(home, "cb-ledger"));
    CHECK(has(home, "<figure class=\"cb-calc\""));   // the widgets it does not replace stay built in
    SUBCASE("a partial the built-in tables include is replaced inside them too") {
        fixture::write(s.dir / "templates/partials/widgets/price-cell.mustache", "<td class=\"mine\">{{text}}</td>");
        fixture::write(s.dir / "content/p.md", "+++\ntitle = \"P\"\n+++\n\n{{< prices >}}\n");
        const auto r2 = run("build --site " + s.path());
        REQUIRE_MESSAGE(r2.code == 0, r2.err);
        const std::string prices = fixture::read(s.dir / "public/p/index.html");
        CHECK(has(prices, "<table class=\"cb-prices\">"));
        CHECK(has(prices, "</small></th><td class=\"mine\">$"));
        CHECK_FALSE(has(prices, "<td class=\"num\">$"));
    }
}
