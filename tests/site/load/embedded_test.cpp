// site/load/embedded.h: the starter site `costbook new` writes, carried in the binary.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "load/embedded.h"

using namespace costbook::site;

TEST_CASE("the embedded starter files are starter/'s, or else the default site's, byte for byte") {
    std::set<std::string> paths;
    for (const EmbeddedFile* f = kStarterFiles; f->path; ++f) {
        CAPTURE(f->path);
        CHECK(paths.insert(f->path).second);
        const fixture::fs::path root(COSTBOOK_SOURCE_DIR);
        const fixture::fs::path own = root / "starter" / f->path;
        const std::string want = fixture::read(fixture::fs::exists(own) ? own : root / f->path);
        CHECK(std::string(reinterpret_cast<const char*>(f->data), f->size) == want);
        CHECK(f->data[f->size] == '\0');
    }
    for (const char* needed : {"site.toml", "content/index.md", "templates/page.mustache", "data/sources.toml", "data/scenario.toml"})
        CHECK_MESSAGE(paths.count(needed), needed);
}
