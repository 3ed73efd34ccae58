// site/render/embed.h: every calculator a page carries has its embed page — the same figure (id,
// scenario, tabs), a link back to its page, the loader — at embed/<page>/<calc id>/, under a sub-path too.
#include <doctest/doctest.h>

#include <string>

#include "../site_fixture.h"

using namespace fixture;

namespace {
// The figures with class cb-calc in a page, each as its opening tag.
std::vector<std::string> calc_tags(const std::string& html) {
    std::vector<std::string> out;
    for (size_t at = 0; (at = html.find("<figure class=\"cb-calc\"", at)) != std::string::npos; ++at)
        out.push_back(html.substr(at, html.find('>', at) - at + 1));
    return out;
}
}  // namespace

TEST_CASE("every calculator on every page has an embed page with the same figure and a link back, on both shipped sites") {
    const std::string example = std::string(COSTBOOK_SOURCE_DIR) + "/examples/llama-3.1-405b";
    for (const std::string base : {"", "https://example.org/costs/", "example"}) {
        CAPTURE(base);
        SiteCopy s = base == "example" ? SiteCopy(example) : SiteCopy();
        REQUIRE(run("build --site " + s.path() + (base.empty() || base == "example" ? "" : " --base-url " + base)).code == 0);
        const fs::path out = s.dir / "public";
        const std::string prefix = base.rfind("https:", 0) == 0 ? "/costs/" : "/";
        int embeds = 0;
        for (const auto& e : fs::recursive_directory_iterator(out)) {
            if (e.path().filename() != "index.html") continue;
            const std::string rel = fs::relative(e.path().parent_path(), out).generic_string();
            if (rel.rfind("embed", 0) == 0) continue;
            const std::string page_path = rel == "." ? "" : rel + "/";
            const std::vector<std::string> tags = calc_tags(read(e.path()));
            for (size_t i = 0; i < tags.size(); ++i) {
                const std::string id = "calc-" + std::to_string(i);
                const std::string embed_rel = "embed/" + page_path + id + "/";
                CAPTURE(embed_rel);
                CHECK(tags[i].find("id=\"" + id + "\"") != std::string::npos);
                CHECK(tags[i].find("data-embed=\"" + prefix + embed_rel + "\"") != std::string::npos);
                REQUIRE(fs::exists(out / embed_rel / "index.html"));
                const std::string embed = read(out / embed_rel / "index.html");
                const std::vector<std::string> in_embed = calc_tags(embed);
                REQUIRE(in_embed.size() == 1);
                CHECK(in_embed[0] == tags[i]);   // the same id, scenario, sources, ladder and tabs
                const size_t credit = embed.find("<h1 class=\"cb-embed-credit\">From <a href=\"https://");   // the page in full
                REQUIRE(credit != std::string::npos);
                CHECK(embed.find(prefix.substr(1) + page_path + "\" target=\"_blank\" rel=\"noopener\">", credit) != std::string::npos);
                CHECK(embed.find("<script src=\"" + prefix + "calc-loader.js\" defer></script>") != std::string::npos);
                CHECK(embed.find("<link rel=\"stylesheet\" href=\"" + prefix + "css/site.css\">") != std::string::npos);
                ++embeds;
            }
        }
        CHECK(embeds >= (base == "example" ? 2 : 8));   // the calculators of the sites' pages and model pages
        const std::string headers = read(out / "_headers");
        CHECK(headers.find(prefix + "embed/*\n  Content-Security-Policy: frame-ancestors *\n") != std::string::npos);
        CHECK(headers.find(prefix + "index.html\n  Content-Security-Policy: frame-ancestors 'self'\n  X-Frame-Options: SAMEORIGIN\n") != std::string::npos);
    }
}
