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
    CHECK(html.find("<table class=\"cb-assumptions\">") != std::string::npos);
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
