// A page's prose and its calculator quote the same figure for the same scenario: each What is
// counted calculator's starting headline appears in its page's text outside the calculator.
#include <doctest/doctest.h>

#include <regex>

#include "../../fixture.h"
#include "../site_fixture.h"

using fixture::run;

TEST_CASE("every What is counted calculator's starting total is quoted in its page's prose") {
    const std::string out = (fixture::fs::temp_directory_path() / ("costbook-prose-" + std::to_string(::getpid()))).string();
    REQUIRE(run("build --out '" + out + "'").code == 0);
    int checked = 0;
    for (const auto& e : fixture::fs::recursive_directory_iterator(out)) {
        if (e.path().filename() != "index.html") continue;
        if (fixture::fs::relative(e.path(), out).generic_string().rfind("embed/", 0) == 0) continue;   // a calculator alone, no prose
        std::string html = fixture::read(e.path());
        const std::regex figure("<figure class=\"cb-calc\"[^>]*data-tab=\"counted\"[\\s\\S]*?</figure>");
        std::vector<std::string> totals;
        for (std::sregex_iterator it(html.begin(), html.end(), figure), end; it != end; ++it) {
            std::smatch live;
            const std::string f = it->str();
            if (std::regex_search(f, live, std::regex("aria-live=\"polite\">Total counted: ([^<]+)</p>"))) totals.push_back(live[1]);
        }
        const std::string prose = std::regex_replace(html, std::regex("<figure[\\s\\S]*?</figure>"), "");
        for (const std::string& t : totals) {
            ++checked;
            CHECK_MESSAGE(prose.find(">" + t + "<") != std::string::npos, e.path().string() << " does not quote " << t);
        }
    }
    CHECK(checked >= 3);   // the home page, What is counted, DeepSeek-R1
    fixture::fs::remove_all(out);
}
