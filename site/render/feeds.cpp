#include "render/feeds.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "render/html.h"

namespace costbook::site {

std::string sitemap_xml(const SiteConfig& config, const std::vector<Page>& pages) {
    std::string sitemap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const Page& p : pages) {   // appended piece by piece: one entry per page, no temporaries
        if (p.kind == "404") continue;
        sitemap += "<url><loc>";
        append_escaped(sitemap, config.base_url);
        append_escaped(sitemap, p.url_path);
        sitemap += "</loc>";
        // A section's list changes when its newest page does.
        std::string date = p.date;
        if (p.kind == "section")
            for (const Page& q : pages) if (q.section == p.url_path && q.date > date) date = q.date;
        if (!date.empty()) {
            sitemap += "<lastmod>";
            sitemap += date;
            sitemap += "</lastmod>";
        }
        sitemap += "</url>\n";
    }
    return sitemap + "</urlset>\n";
}

std::string robots_txt(const SiteConfig& config) {
    return "User-agent: *\nAllow: /\nSitemap: " + config.base_url + "sitemap.xml\n";
}

std::string atom_feed(const SiteConfig& config, const std::vector<Page>& pages) {
    std::vector<const Page*> dated;
    for (const Page& p : pages) if (!p.date.empty() && p.kind != "section") dated.push_back(&p);   // a list page is not an entry
    std::stable_sort(dated.begin(), dated.end(), [](const Page* a, const Page* b) { return a->date > b->date; });
    const std::string updated = dated.empty() ? "1970-01-01" : dated.front()->date;
    std::string feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>" +
                       escape(config.title) + "</title>\n<link href=\"" + escape(config.base_url) + "\"/>\n<link rel=\"self\" href=\"" +
                       escape(config.base_url + "feed.xml") + "\"/>\n<id>" + escape(config.base_url) + "</id>\n<updated>" +
                       updated + "T00:00:00Z</updated>\n";
    if (!config.author.empty()) feed += "<author><name>" + escape(config.author) + "</name></author>\n";
    for (const Page* p : dated) {   // appended piece by piece: one entry per page, no temporaries
        const auto put = [&](std::initializer_list<std::string_view> escaped_parts, const char* after) {
            for (std::string_view part : escaped_parts) append_escaped(feed, part);
            feed += after;
        };
        feed += "<entry><title>";
        put({p->title}, "</title><link href=\"");
        put({config.base_url, p->url_path}, "\"/><id>");
        put({config.base_url, p->url_path}, "</id><updated>");
        feed += p->date;
        feed += "T00:00:00Z</updated><summary>";
        put({p->description}, "</summary></entry>\n");
    }
    return feed + "</feed>\n";
}

}  // namespace costbook::site
