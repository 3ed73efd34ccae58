// site/render/feeds.h: sitemap.xml, robots.txt and the Atom feed, under the base URL.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "render/feeds.h"

using namespace costbook::site;

namespace {
Page page(std::string url_path, std::string title, std::string date = {}, std::string kind = "page") {
    Page p;
    p.url_path = std::move(url_path);
    p.title = std::move(title);
    p.date = std::move(date);
    p.kind = std::move(kind);
    p.description = "About " + p.title;
    return p;
}
SiteConfig config() {
    SiteConfig c;
    c.title = "Costs & more";
    c.base_url = "https://example.org/costs/";
    c.base_path = "/costs/";
    c.author = "The authors";
    return c;
}
}  // namespace

TEST_CASE("the sitemap lists every page but the 404 under the base URL, dated ones with lastmod") {
    const std::vector<Page> pages{page("", "Home"), page("v3/", "V3", "2025-01-20"), page("404.html", "Lost", "", "404")};
    CHECK(sitemap_xml(config(), pages) ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
          "<url><loc>https://example.org/costs/</loc></url>\n"
          "<url><loc>https://example.org/costs/v3/</loc><lastmod>2025-01-20</lastmod></url>\n"
          "</urlset>\n");
}

TEST_CASE("robots.txt allows everything and points at the sitemap") {
    CHECK(robots_txt(config()) == "User-agent: *\nAllow: /\nSitemap: https://example.org/costs/sitemap.xml\n");
}

TEST_CASE("the Atom feed holds dated pages, newest first, escaped") {
    const std::vector<Page> pages{page("", "Home"), page("old/", "Old <one>", "2024-12-27"), page("new/", "New", "2025-01-20")};
    CHECK(atom_feed(config(), pages) ==
          "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
          "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
          "<title>Costs &amp; more</title>\n"
          "<link href=\"https://example.org/costs/\"/>\n"
          "<link rel=\"self\" href=\"https://example.org/costs/feed.xml\"/>\n"
          "<id>https://example.org/costs/</id>\n"
          "<updated>2025-01-20T00:00:00Z</updated>\n"
          "<author><name>The authors</name></author>\n"
          "<entry><title>New</title><link href=\"https://example.org/costs/new/\"/><id>https://example.org/costs/new/</id>"
          "<updated>2025-01-20T00:00:00Z</updated><summary>About New</summary></entry>\n"
          "<entry><title>Old &lt;one&gt;</title><link href=\"https://example.org/costs/old/\"/><id>https://example.org/costs/old/</id>"
          "<updated>2024-12-27T00:00:00Z</updated><summary>About Old &lt;one&gt;</summary></entry>\n"
          "</feed>\n");
    CHECK(atom_feed(config(), {page("", "Home")}).find("<updated>1970-01-01T00:00:00Z</updated>\n") != std::string::npos);
}
