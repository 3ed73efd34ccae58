// site: the files beside the pages — sitemap.xml, robots.txt, the Atom feed
// Index: [SECTION] Feeds
#pragma once
#include <string>
#include <vector>

#include "load/config.h"
#include "load/content.h"

namespace costbook::site {

// ---- [SECTION] Feeds ----
std::string sitemap_xml(const SiteConfig& config, const std::vector<Page>& pages);   // every page but the 404
std::string robots_txt(const SiteConfig& config);
std::string atom_feed(const SiteConfig& config, const std::vector<Page>& pages);     // dated pages, newest first

}  // namespace costbook::site
