// site/render/widgets.h: what a shortcode becomes — the assumptions table, the calculator
// embed with the sources of the inputs it starts with, tables from data.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "costbook/export.h"
#include "render/html.h"

using fixture::run;
using fixture::SiteCopy;
using namespace costbook;

namespace {
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

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
