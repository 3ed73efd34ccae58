// site/write/write.h: the output folder, all or nothing — safe paths, a folder costbook did not
// build refused, failed writes (a file-size limit, a full disk, a read-only parent) leaving the
// previous output exactly as it was, and the files' times.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "write/write.h"

using fixture::run;
using fixture::SiteCopy;
namespace fs = std::filesystem;
using namespace costbook::site;

TEST_CASE("safe_relative takes plain relative paths only") {
    for (const char* ok : {"index.html", "models/deepseek-v3/index.html", ".nojekyll", "caf\xC3\xA9/index.html", "a..b/c"})
        CHECK_MESSAGE(safe_relative(ok), ok);
    for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", "a/./b", "a//b", "a/", ".", "a\\b"})
        CHECK_FALSE_MESSAGE(safe_relative(bad), bad);
    CHECK_FALSE(safe_relative(std::string("a\0b", 3)));
}

TEST_CASE("write_output writes every file into a new folder, and replaces the output it wrote before") {
    SiteCopy s(fixture::kMinimal);
    const std::string out = (s.dir / "out").string();
    Diagnostics d;
    REQUIRE(write_output(out, {{"index.html", "<p>one</p>", {}}, {"css/site.css", "", (s.dir / "static/css/site.css").string()}}, d));
    CHECK(d.empty());
    CHECK(fixture::read(s.dir / "out/index.html") == "<p>one</p>");
    CHECK(fixture::read(s.dir / "out/css/site.css") == fixture::read(s.dir / "static/css/site.css"));
    REQUIRE(write_output(out, {{"index.html", "<p>two</p>", {}}, {"a/b.txt", "b", {}}}, d));
    CHECK(fixture::tree(s.dir / "out") == "a/b.txt\nb\nindex.html\n<p>two</p>\n");   // css/ is gone: not written this time
    CHECK_FALSE(write_output(out, {{"../escape.txt", "x", {}}}, d));
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].message == "refusing to write outside the output folder");
    CHECK_FALSE(fs::exists(s.dir / "escape.txt"));
    CHECK(fixture::read(s.dir / "out/index.html") == "<p>two</p>");
}

TEST_CASE("an --out that is not a folder costbook built is refused, and nothing in it is lost") {
    SiteCopy s;
    fixture::write(s.dir / "notes.txt", "keep me\n");
    fixture::write(s.dir / "notes/todo.txt", "keep me too\n");
    struct Case { const char* name; const char* out; const char* message; };
    const Case cases[] = {
        {"a regular file", "notes.txt", ":1:1: error: the output path exists and is not a folder"},
        // A build swaps its output folder out whole: `--out content` moved the Markdown aside,
        // and the next build deleted it.
        // (cmd/build.cpp refuses both before this check: output_outside_sources)
        {"the site's content folder", "content", ":1:1: error: the output folder is the site's content/, which the build reads"},
        {"the site folder itself", ".", ":1:1: error: the output folder is the site folder itself"},
        {"a folder of other files", "notes", ":1:1: error: refusing to replace a folder that costbook did not build: it would be lost"},
    };
    for (const Case& c : cases) {
        SUBCASE(c.name) {
            const std::string out = (s.dir / c.out).string();
            const std::string everything = fixture::entries(s.dir, "");
            const auto r = run("build --site " + s.path() + " --out " + out);
            CHECK(r.code == 1);
            CHECK(fixture::first_line(r.err) == out + c.message);
            CHECK(fixture::entries(s.dir, "") == everything);
        }
    }
}

// Disk full, simulated with a file-size limit (RLIMIT_FSIZE, via util-linux's prlimit) with
// SIGXFSZ ignored, so writes past the limit fail with EFBIG as they would with ENOSPC: it
// works unprivileged and in any container. The next test uses a real full filesystem where
// mounting is allowed.
TEST_CASE("a write that fails mid-build names the file, exits 1 and leaves the output and its folder as they were") {
    SiteCopy s;
    // No social cards: drawing one first holds its font in a memfd, which the limit refuses before any write.
    REQUIRE(s.edit("site.toml", "language = \"en\"", "language = \"en\"\ncards = false"));
    REQUIRE(run("build --site " + s.path()).code == 0);
    const std::string before = fixture::tree(s.dir / "public");
    const std::string outside = fixture::entries(s.dir);
    const auto r = fixture::sh("trap '' XFSZ; exec prlimit --fsize=8192 \"$COSTBOOK\" build --site " + s.path() +
                               " --base-url https://elsewhere.example/");
    CHECK(r.code == 1);
    std::smatch m;
    const std::string first = fixture::first_line(r.err);
    REQUIRE_MESSAGE(std::regex_match(first, m, std::regex("(.*)/public/(.+):1:1: error: cannot write this file of the new output: File too large")), r.err);
    CHECK(m[1].str() == s.path());
    CHECK(fs::file_size(s.dir / "public" / m[2].str()) > 8192);   // a file the build writes, larger than the limit
    CHECK(r.err.find("help: a file-size limit (`ulimit -f`)") != std::string::npos);
    CHECK(fixture::tree(s.dir / "public") == before);
    CHECK(fixture::entries(s.dir) == outside);   // the half-written staging tree is gone
}

// A full disk: a 4 MB tmpfs, mounted in a private mount namespace (unshare -m, as root),
// filled up with dd before the second build. Where mounting is not allowed (an unprivileged
// container) the test says so and checks nothing.
TEST_CASE("a full disk: exit 1, the file named, the previous output intact") {
    SiteCopy s;
    fs::create_directories(s.dir / "disk");
    fs::create_directories(s.dir / "seen");
    const std::string env = "export S='" + s.path() + "' D='" + (s.dir / "disk").string() + "' A='" + (s.dir / "seen").string() + "'\n";
    if (fixture::sh(env + "unshare -m sh -c 'mount -t tmpfs -o size=4m tmpfs \"$D\"'").code != 0) {
        MESSAGE("skipped: cannot mount a tmpfs here (needs root and unshare -m); the RLIMIT_FSIZE test covers failing writes");
        return;
    }
    const auto r = fixture::sh(env + R"(unshare -m sh -c '
        mount -t tmpfs -o size=4m tmpfs "$D" || exit 90
        "$COSTBOOK" build --site "$S" --out "$D/public" --base-url https://first.example/ >/dev/null || exit 91
        dd if=/dev/zero of="$D/filler" bs=64k 2>/dev/null
        cp -a "$D/public" "$A/before"; ls -A "$D" > "$A/listing-before"
        "$COSTBOOK" build --site "$S" --out "$D/public"; echo $? > "$A/code"
        cp -a "$D/public" "$A/after"; ls -A "$D" > "$A/listing-after"
    ')");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(fixture::read(s.dir / "seen/code") == "1\n");
    std::smatch m;
    const std::string first = fixture::first_line(r.err);
    REQUIRE_MESSAGE(std::regex_match(first, m, std::regex("(.*)/public/(.+):1:1: error: cannot write this file of the new output: No space left on device")), r.err);
    CHECK(m[1].str() == (s.dir / "disk").string());
    CHECK(fs::exists(s.dir / "seen/before" / m[2].str()));
    CHECK(r.err.find("help: free some disk space and build again") != std::string::npos);
    CHECK(fixture::tree(s.dir / "seen/after") == fixture::tree(s.dir / "seen/before"));
    CHECK(fixture::read(s.dir / "seen/listing-after") == fixture::read(s.dir / "seen/listing-before"));
}

// Non-root: a folder without write permission. Root writes anywhere, so under root the parent
// is made read-only with a read-only bind mount in a private mount namespace (unshare -m);
// where that is not allowed either the test says so and checks nothing.
TEST_CASE("a read-only output parent fails cleanly and writes nothing") {
    SiteCopy s;
    const fs::path ro = s.dir / "ro";
    fs::create_directories(ro);
    REQUIRE(run("build --site " + s.path() + " --out " + (ro / "public").string()).code == 0);
    const std::string before = fixture::tree(ro / "public"), listing = fixture::entries(ro, "");
    const std::string build = "\"$COSTBOOK\" build --site " + s.path() + " --out " + (ro / "public").string() + " --base-url https://elsewhere.example/";
    fixture::Run r;
    if (::geteuid() != 0) {
        fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
        r = fixture::sh(build);
        fs::permissions(ro, fs::perms::owner_all);
    } else {
        const std::string env = "export R='" + ro.string() + "'\n";
        if (fixture::sh(env + "unshare -m sh -c 'mount --bind \"$R\" \"$R\" && mount -o remount,bind,ro \"$R\"'").code != 0) {
            MESSAGE("skipped: running as root, and cannot make a read-only bind mount here (needs unshare -m)");
            return;
        }
        r = fixture::sh(env + "unshare -m sh -c 'mount --bind \"$R\" \"$R\" && mount -o remount,bind,ro \"$R\" && exec " + build + "'");
    }
    CHECK(r.code == 1);
    CHECK(fixture::first_line(r.err).rfind(ro.string() + "/.public.costbook-stage:1:1: error: cannot create the build folder: ", 0) == 0);
    CHECK(r.err.find("help: check that the output folder's parent is writable") != std::string::npos);
    CHECK(fixture::tree(ro / "public") == before);
    CHECK(fixture::entries(ro, "") == listing);
}

TEST_CASE("SOURCE_DATE_EPOCH: every file and folder written gets that time, so two builds match in bytes and times") {
    SiteCopy a, b;
    const std::string epoch = "SOURCE_DATE_EPOCH=1700000000 ";
    REQUIRE(fixture::sh(epoch + "\"$COSTBOOK\" build --site " + a.path()).code == 0);
    // b's output has been built twice without it: the third build recycles a staging tree
    // whose unchanged files are not rewritten, and gets the time all the same.
    const std::string b_out = " --out " + (b.dir / "elsewhere").string();
    REQUIRE(run("build --site " + b.path() + b_out).code == 0);
    REQUIRE(run("build --site " + b.path() + b_out).code == 0);
    REQUIRE(fixture::sh(epoch + "\"$COSTBOOK\" build --site " + b.path() + b_out).code == 0);
    CHECK(fixture::tree(a.dir / "public") == fixture::tree(b.dir / "elsewhere"));
    const std::string times = fixture::mtimes(a.dir / "public");
    CHECK(times == fixture::mtimes(b.dir / "elsewhere"));
    CHECK(times.find(" 1700000000\n") != std::string::npos);
    for (size_t at = 0, nl; (nl = times.find('\n', at)) != std::string::npos; at = nl + 1)
        CHECK_MESSAGE(times.compare(nl - 11, 11, " 1700000000") == 0, times.substr(at, nl - at));
}

TEST_CASE("without SOURCE_DATE_EPOCH, a file whose bytes did not change keeps its time") {
    SiteCopy s;
    REQUIRE(run("build --site " + s.path()).code == 0);
    const fs::path css = s.dir / "public/css/site.css";
    const auto old = fs::last_write_time(css) - std::chrono::hours(24 * 365);
    fs::last_write_time(css, old);
    // Two builds: the second writes into the tree the first one replaced, which holds css.
    REQUIRE(run("build --site " + s.path()).code == 0);
    REQUIRE(run("build --site " + s.path()).code == 0);
    CHECK(fs::last_write_time(s.dir / "public/css/site.css") == old);
}

TEST_CASE("names holding a newline, a tampered manifest or a symlink in the tree never make a build delete outside its output") {
    SiteCopy s(fixture::kMinimal);
    const std::string out = (s.dir / "public").string();
    const std::string site_toml = fixture::read(s.dir / "site.toml");
    fixture::write(s.dir / "victim/keep.txt", "keep\n");
    Diagnostics d;
    // A path whose name holds a newline: the manifest once split it into "x" and "../site.toml".
    const std::string odd = "x\n../site.toml";
    REQUIRE(write_output(out, {{"index.html", "1", {}}, {odd, "odd", {}}}, d));
    REQUIRE(write_output(out, {{"index.html", "2", {}}}, d));
    REQUIRE(write_output(out, {{"index.html", "3", {}}}, d));
    CHECK(fixture::read(s.dir / "site.toml") == site_toml);
    // A manifest of the staging tree edited to name files outside it: those entries are dropped.
    fixture::write(s.dir / ".public.costbook-stage.manifest", "../site.toml\n../victim/keep.txt\nindex.html\n");
    REQUIRE(write_output(out, {{"index.html", "4", {}}}, d));
    REQUIRE(write_output(out, {{"index.html", "5", {}}}, d));
    // A folder of the staging tree swapped for a symlink that leads out of it.
    REQUIRE(write_output(out, {{"index.html", "6", {}}, {"a/keep.txt", "a", {}}}, d));
    REQUIRE(write_output(out, {{"index.html", "7", {}}, {"a/keep.txt", "a", {}}}, d));
    fs::remove_all(s.dir / ".public.costbook-stage/a");
    fs::create_directory_symlink(s.dir / "victim", s.dir / ".public.costbook-stage/a");
    REQUIRE(write_output(out, {{"index.html", "8", {}}}, d));
    CHECK(d.empty());
    CHECK(fixture::read(s.dir / "site.toml") == site_toml);
    CHECK(fixture::read(s.dir / "victim/keep.txt") == "keep\n");
    CHECK(fixture::read(s.dir / "public/index.html") == "8");
}

TEST_CASE("a site file whose name holds a control character is refused before anything is written") {
    SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "static/odd\nname.css", "x");
    const auto r = run("build --site " + s.path());
    CHECK(r.code == 1);
    CHECK(r.err.find("static/odd\nname.css:1:1: error: this name holds a control character") != std::string::npos);
    CHECK_FALSE(fs::exists(s.dir / "public"));
}

TEST_CASE("files in the output that costbook did not write (a .git, a CNAME) are kept, build after build") {
    SiteCopy s(fixture::kMinimal);
    REQUIRE(run("build --site " + s.path()).code == 0);
    fixture::write(s.dir / "public/CNAME", "costs.example.org\n");
    fixture::write(s.dir / "public/.git/HEAD", "ref: refs/heads/gh-pages\n");
    fixture::write(s.dir / "public/css/extra.css", "/* mine */\n");
    for (int i = 0; i < 3; ++i) {
        CAPTURE(i);
        REQUIRE(run("build --site " + s.path()).code == 0);
        CHECK(fixture::read(s.dir / "public/CNAME") == "costs.example.org\n");
        CHECK(fixture::read(s.dir / "public/.git/HEAD") == "ref: refs/heads/gh-pages\n");
        CHECK(fixture::read(s.dir / "public/css/extra.css") == "/* mine */\n");
        CHECK(fs::exists(s.dir / "public/index.html"));
    }
    // The site's own file of the same path wins.
    fixture::write(s.dir / "static/CNAME", "site.example.org\n");
    REQUIRE(run("build --site " + s.path()).code == 0);
    CHECK(fixture::read(s.dir / "public/CNAME") == "site.example.org\n");
}

TEST_CASE("pages put from several threads at once land in their folders, also where the tree before had a file in the way") {
    SiteCopy s(fixture::kMinimal);
    const std::string out = (s.dir / "out").string();
    Diagnostics d;
    // Two builds: the tree of the first (files s0, s1) is the staging tree the third build writes into.
    REQUIRE(write_output(out, {{"s0", "a file", {}}, {"s1", "a file", {}}}, d));
    REQUIRE(write_output(out, {{"index.html", "x", {}}}, d));
    OutputWriter w;
    REQUIRE(w.begin(out, d));
    std::atomic<int> refused{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)   // the folders s0, s1, s2 are each wanted by every thread at once
        threads.emplace_back([&, t] {
            for (int k = t; k < 600; k += 4)
                if (!w.put("s" + std::to_string(k % 3) + "/p" + std::to_string(k) + "/index.html", std::to_string(k))) ++refused;
        });
    for (std::thread& t : threads) t.join();
    CHECK(refused == 0);
    REQUIRE(w.finish({}, d));
    CHECK(d.empty());
    CHECK(fs::is_directory(s.dir / "out/s0"));
    CHECK(fs::is_directory(s.dir / "out/s1"));
    int right = 0;
    for (int k = 0; k < 600; ++k)
        right += fixture::read(s.dir / ("out/s" + std::to_string(k % 3) + "/p" + std::to_string(k) + "/index.html")) == std::to_string(k);
    CHECK(right == 600);
    CHECK_FALSE(fs::exists(s.dir / "out/index.html"));
}

TEST_CASE("output_folder_ok and output_outside_sources say why a folder cannot be the output") {
    SiteCopy s(fixture::kMinimal);
    Diagnostics d;
    CHECK(output_folder_ok((s.dir / "new").string(), d));
    CHECK(output_outside_sources(s.path(), (s.dir / "public").string(), d));
    CHECK(output_outside_sources(s.path(), (s.dir / "static-out").string(), d));   // beside static/, not in it
    CHECK(output_outside_sources(s.path(), (s.dir.parent_path() / "elsewhere").string(), d));
    CHECK(d.empty());
    CHECK_FALSE(output_folder_ok((s.dir / "content").string(), d));
    CHECK_FALSE(output_outside_sources(s.path(), (s.dir / "static/a/b").string(), d));
    CHECK_FALSE(output_outside_sources(s.path(), s.dir.parent_path().string(), d));
    REQUIRE(d.size() == 3);
    CHECK(d.list()[0].message == "refusing to replace a folder that costbook did not build: it would be lost");
    CHECK(d.list()[1].message.rfind("the output folder is inside the site's static/", 0) == 0);
    CHECK(d.list()[2].message == "the output folder holds the site folder");
}
