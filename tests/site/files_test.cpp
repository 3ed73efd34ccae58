// site/files.h: whole-file reads, and sorted listings that never follow a symlink.
#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "../fixture.h"
#include "files.h"
#include "site_fixture.h"

using fixture::printed;
using namespace costbook::site;
namespace fs = std::filesystem;

namespace {
std::vector<std::string> shown(const std::vector<fs::path>& files, const fs::path& root) {
    std::vector<std::string> out;
    for (const fs::path& f : files) out.push_back(fs::relative(f, root).generic_string());
    return out;
}
}  // namespace

TEST_CASE("read_file reads a whole file, and says why it cannot") {
    fixture::SiteCopy s(fixture::kMinimal);
    const std::string big(200000, 'x');   // more than one read
    fixture::write(s.dir / "big.txt", big);
    int err = 0;
    CHECK(read_file((s.dir / "big.txt").string(), err) == big);
    CHECK(err == 0);
    CHECK(read_file((s.dir / "site.toml").string()) == fixture::read(s.dir / "site.toml"));
    CHECK(read_file((s.dir / "missing.txt").string(), err).empty());
    CHECK(err == ENOENT);
}

TEST_CASE("list_files lists regular files sorted, by extension, recursively when asked") {
    fixture::SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "content/b/z.md", "");
    fixture::write(s.dir / "content/a.md", "");
    fixture::write(s.dir / "content/notes.txt", "");
    Diagnostics d;
    Listing md;
    md.ext = ".md";
    CHECK(shown(list_files(s.dir / "content", "content", md, d), s.dir / "content") ==
          std::vector<std::string>{"a.md", "about.md", "index.md"});
    md.recursive = true;
    CHECK(shown(list_files(s.dir / "content", "content", md, d), s.dir / "content") ==
          std::vector<std::string>{"a.md", "about.md", "b/z.md", "index.md"});
    CHECK(shown(list_files(s.dir / "content", "content", Listing{true, "", "", ""}, d), s.dir / "content") ==
          std::vector<std::string>{"a.md", "about.md", "b/z.md", "index.md", "notes.txt"});
    CHECK(list_files(s.dir / "no-such-folder", "no-such-folder", md, d).empty());   // nothing there: nothing listed
    CHECK(d.empty());
}

TEST_CASE("list_files matches the extension as std::filesystem does: after the last dot, not a leading one") {
    fixture::SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "data/.toml", "");         // a hidden file with no extension
    fixture::write(s.dir / "data/a.b.toml", "");      // the last dot counts
    fixture::write(s.dir / "data/c.toml.bak", "");
    fixture::write(s.dir / "data/d.TOML", "");        // case counts
    fs::create_directories(s.dir / "data/e.toml");    // a folder is not a file
    Diagnostics d;
    Listing toml;
    toml.ext = ".toml";
    std::vector<std::string> got = shown(list_files(s.dir / "data", "data", toml, d), s.dir / "data");
    CHECK(std::find(got.begin(), got.end(), "a.b.toml") != got.end());
    for (const char* never : {".toml", "c.toml.bak", "d.TOML", "e.toml"}) CHECK(std::find(got.begin(), got.end(), never) == got.end());
    CHECK(d.empty());
}

TEST_CASE("list_files joins names to the folder as given, with or without its trailing slash") {
    fixture::SiteCopy s(fixture::kMinimal);
    Diagnostics d;
    Listing md;
    md.ext = ".md";
    const auto plain = list_files(s.dir / "content", "content", md, d);
    const auto slash = list_files((s.dir / "content").string() + "/", "content", md, d);
    REQUIRE(plain.size() == slash.size());
    REQUIRE_FALSE(plain.empty());
    for (size_t i = 0; i < plain.size(); ++i) {
        CHECK(plain[i] == slash[i]);
        CHECK(plain[i].native().find("//") == std::string::npos);
    }
}

TEST_CASE("list_files refuses every symlink, to a file or a folder, with the listing's message") {
    fixture::SiteCopy s(fixture::kMinimal);
    fs::create_symlink("/etc/passwd", s.dir / "static/passwd");
    fs::create_directory_symlink(s.dir / "content", s.dir / "static/css/loop");
    Diagnostics d;
    const Listing how{true, "", "symlinks are not copied from static/", "copy the file itself into static/"};
    CHECK(shown(list_files(s.dir / "static", "static", how, d), s.dir / "static") == std::vector<std::string>{"css/site.css"});
    REQUIRE(d.size() == 2);   // in the order the folder lists them
    std::vector<std::string> refused{d.list()[0].path, d.list()[1].path};
    std::sort(refused.begin(), refused.end());
    CHECK(refused == std::vector<std::string>{"static/css/loop", "static/passwd"});
    Diagnostics one;
    one.add(d.list()[0]);
    CHECK(printed(one) == d.list()[0].path + ":1:1: error: symlinks are not copied from static/\n"
                                               "  = help: copy the file itself into static/\n");
}

TEST_CASE("a folder that cannot be read is an error, not an empty listing") {
    if (::geteuid() == 0) {
        MESSAGE("skipped: root reads any folder");
        return;
    }
    fixture::SiteCopy s(fixture::kMinimal);
    fs::permissions(s.dir / "content", fs::perms::none);
    Diagnostics d;
    Listing md;
    md.ext = ".md";
    CHECK(list_files(s.dir / "content", "content", md, d).empty());
    fs::permissions(s.dir / "content", fs::perms::owner_all);
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].path == "content");
    CHECK(d.list()[0].message == "cannot read this folder: Permission denied");
}
