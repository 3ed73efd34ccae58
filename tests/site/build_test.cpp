// costbook build on the default site and on broken copies of it.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <regex>
#include <string>
#include <vector>

#include "../fixture.h"
#include "site_fixture.h"

using fixture::run;
using fixture::SiteCopy;
namespace fs = std::filesystem;

TEST_CASE("the default site builds with its pages, feeds and figures") {
    SiteCopy s;
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(r.out.rfind("built ", 0) == 0);
    const fs::path out = s.dir / "public";
    for (const char* f : {"index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml", ".nojekyll",
                          "sources/index.html", "models/deepseek-v3/index.html", "models/deepseek-r1/index.html", "css/site.css"})
        CHECK_MESSAGE(fs::exists(out / f), f);
    const std::string home = fixture::read(out / "index.html");
    CHECK(home.find(">$294K</a>") != std::string::npos);
    CHECK(home.find(">$5.576M</a>") != std::string::npos);
    CHECK(home.find(">$2.573B</a>") != std::string::npos);
    CHECK(home.find("<meta property=\"og:title\"") != std::string::npos);
    CHECK(home.find("rel=\"canonical\" href=\"https://example.org/\"") != std::string::npos);
    const std::string v3 = fixture::read(out / "models/deepseek-v3/index.html");
    CHECK(v3.find("2.788M GPU-hours") != std::string::npos);
    CHECK(v3.find("34.6%") != std::string::npos);   // implied MFU, computed by core
    SUBCASE("every figure link points at a source that the sources page anchors") {
        const std::string sources = fixture::read(out / "sources/index.html");
        const std::regex link("href=\"/sources/#(src-[a-z0-9.-]+)\"");
        int n = 0;
        for (std::sregex_iterator it(home.begin(), home.end(), link), end; it != end; ++it, ++n)
            CHECK_MESSAGE(sources.find("id=\"" + (*it)[1].str() + "\"") != std::string::npos, (*it)[1].str());
        CHECK(n >= 5);
    }
    SUBCASE("check finds every link and anchor resolving") {
        const auto c = run("check --site " + s.path());
        CHECK_MESSAGE(c.code == 0, c.err);
    }
}

TEST_CASE("two builds of the same input are byte-identical, wherever they are written") {
    SiteCopy a, b;
    REQUIRE(run("build --site " + a.path()).code == 0);
    REQUIRE(run("build --site " + b.path() + " --out " + (b.dir / "elsewhere").string()).code == 0);
    CHECK(fixture::tree(a.dir / "public") == fixture::tree(b.dir / "elsewhere"));
}

TEST_CASE("a sub-path base URL reaches every internal link") {
    SiteCopy s;
    const auto r = run("build --site " + s.path() + " --base-url https://example.org/costs/");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    for (const auto& e : fs::recursive_directory_iterator(s.dir / "public")) {
        if (e.path().extension() != ".html") continue;
        const std::string html = fixture::read(e.path());
        const std::regex root_link("(href|src)=\"/([^\"]*)\"");
        for (std::sregex_iterator it(html.begin(), html.end(), root_link), end; it != end; ++it)
            CHECK_MESSAGE((*it)[2].str().rfind("costs/", 0) == 0, e.path().string() << ": " << (*it)[0].str());
    }
    CHECK(run("check --site " + s.path() + " --base-url https://example.org/costs/").code == 0);
    CHECK(fixture::read(s.dir / "public/sitemap.xml").find("<loc>https://example.org/costs/models/deepseek-v3/</loc>") != std::string::npos);
}

TEST_CASE("strings from data and front matter are escaped in HTML, attributes and SVG") {
    SiteCopy s;
    REQUIRE(s.edit("data/models/llama-4-scout.toml", "name = \"Llama 4 Scout\"", "name = \"<script>alert(1)</script>\""));
    REQUIRE(s.edit("content/index.md", "title = \"What did DeepSeek cost?\"", "title = \"\\\"><img src=x onerror=alert(1)>\""));
    REQUIRE(run("build --site " + s.path()).code == 0);
    const std::string home = fixture::read(s.dir / "public/index.html");
    CHECK(home.find("<script>alert(1)") == std::string::npos);
    CHECK(home.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);   // in the SVG chart
    CHECK(home.find("<img src=x") == std::string::npos);
    CHECK(home.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    const std::string model = fixture::read(s.dir / "public/models/llama-4-scout/index.html");
    CHECK(model.find("<script>alert") == std::string::npos);
}

TEST_CASE("costbook new writes a starter site that builds and checks, from any folder") {
    const fs::path dir = fs::temp_directory_path() / ("costbook-new-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const auto r = run("new " + dir.string(), "/");
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(run("build --site " + dir.string(), "/").code == 0);
    CHECK(fs::exists(dir / "public/index.html"));
    CHECK(run("check --site " + dir.string(), "/").code == 0);
    CHECK(run("new " + dir.string(), "/").code == 2);   // never over an existing site
    fs::remove_all(dir);
}

namespace {
std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}
}  // namespace

TEST_CASE("bad input: file:line:col, exit 1, and the previous output left exactly as it was") {
    struct Case { const char* name; const char* file; const char* find; std::string replace; const char* expected; };
    const Case cases[] = {
        {"front matter not closed", "content/index.md", "nav_title = \"Home\"\n+++", "nav_title = \"Home\"\n",
         "content/index.md:1:1: error: front matter is not closed"},
        {"no front matter", "content/index.md", "+++\ntitle", "title",
         "content/index.md:1:1: error: missing front matter"},
        {"an empty content file", "content/empty.md", "", "",
         "content/empty.md:1:1: error: missing front matter"},
        {"unknown front-matter key", "content/index.md", "weight = 0", "wieght = 0",
         "content/index.md:4:1: error: unknown front-matter key `wieght`"},
        {"front matter TOML error", "content/index.md", "weight = 0", "weight = = 0",
         "content/index.md:4:10: error: Error while parsing value: could not determine value type"},
        {"weight not a whole number", "content/index.md", "weight = 0", "weight = \"first\"",
         "content/index.md:4:10: error: `weight` must be a whole number"},
        {"non-UTF-8 bytes", "content/index.md", "Three numbers", "Three \xff\xfe numbers",
         "content/index.md:8:7: error: this file is not valid UTF-8"},
        {"unknown shortcode", "content/index.md", "{{< chart \"ladder\" >}}", "{{< chrat \"ladder\" >}}",
         "content/index.md:25:1: error: unknown shortcode `chrat`"},
        {"unclosed shortcode", "content/index.md", "{{< chart \"ladder\" >}}", "{{< chart \"ladder\"",
         "content/index.md:25:1: error: shortcode is not closed"},
        {"unknown figure", "content/index.md", "deepseek-r1.total_cost_usd", "deepseek-r1.total_cost",
         "content/index.md:13:3: error: unknown figure `deepseek-r1.total_cost`"},
        {"unknown calculator tab", "content/index.md", "tab=\"counted\"", "tab=\"counting\"",
         "content/index.md:27:1: error: unknown calculator tab `counting`"},
        {"bad calculator scenario", "content/index.md", "{{< calc tab=\"counted\" >}}", "{{< calc tab=\"counted\" scenario=\"rate=cheap\" >}}",
         "content/index.md:27:1: error: `rate` is not a number: `cheap`"},
        {"unknown chart", "content/index.md", "{{< chart \"models\" >}}", "{{< chart \"pie\" >}}",
         "content/index.md:31:1: error: unknown chart `pie`"},
        {"unknown ledger", "content/index.md", "{{< chart \"models\" >}}", "{{< ledger \"gpt-5\" >}}",
         "content/index.md:31:1: error: no ledger for model `gpt-5`"},
        {"unclosed section", "templates/page.mustache", "{{/page.has_toc}}", "",
         "templates/page.mustache:12:1: error: section `page.has_toc` is never closed: add `{{/page.has_toc}}` where it ends"},
        {"stray closing tag", "templates/partials/footer.mustache", "</footer>", "</footer>{{/nav}}",
         "templates/partials/footer.mustache:3:10: error: `{{/nav}}` closes a section that was never opened"},
        {"missing partial", "templates/page.mustache", "{{> footer}}", "{{> foot}}",
         "templates/page.mustache:18:1: error: missing partial `foot`"},
        {"unterminated tag", "templates/partials/header.mustache", "{{site.title}}</a>", "{{site.title</a>",
         "templates/partials/header.mustache:2:49: error: unterminated tag: no `}}` closes this `{{` before the next `{{`"},
        // 100,000 nested sections took minutes to render (every name is looked up through them all).
        {"100,000 nested template sections", "templates/partials/footer.mustache", "</footer>",
         "</footer>" + repeat("{{#site}}", 100000) + repeat("{{/site}}", 100000),
         "templates/partials/footer.mustache:3:910: error: `{{#site}}` opens a section inside 100 others: sections nest at most 100 deep"},
        {"unknown template", "content/index.md", "weight = 0", "template = \"wide\"",
         "content/index.md:1:1: error: unknown template `wide`"},
        {"slug with ..", "content/index.md", "weight = 0", "slug = \"../../etc\"",
         "content/index.md:4:8: error: slug `../../etc` is not a safe path"},
        {"absolute slug", "content/index.md", "weight = 0", "slug = \"/tmp/x\"",
         "content/index.md:4:8: error: slug `/tmp/x` is not a safe path"},
        {"duplicate output path", "content/index/index.md", "", "+++\ntitle = \"Another home\"\n+++\nHi.\n",
         "content/index.md:1:1: error: two pages write index.html"},
        {"data: unknown source", "data/models/deepseek-v3.toml", "source = \"dsv3-report\"\ncounts", "source = \"dsv3\"\ncounts",
         "data/models/deepseek-v3.toml:12:10: error: unknown source id `dsv3`"},
        {"data: unknown GPU", "data/models/deepseek-r1.toml", "gpu = \"h800\"", "gpu = \"h900\"",
         "data/models/deepseek-r1.toml:9:7: error: unknown GPU `h900`"},
        {"data: duplicate model id", "data/models/deepseek-v3.toml", "id = \"deepseek-v3\"", "id = \"deepseek-r1\"",
         "data/models/deepseek-v3.toml:1:6: error: model id `deepseek-r1` is defined twice"},
        {"data: duplicate source id", "data/sources.toml", "id = \"dsv3-github\"", "id = \"dsv3-report\"",
         "data/sources.toml:16:6: error: source id `dsv3-report` is defined twice"},
        {"data: TOML syntax", "data/gpus/h800.toml", "watts = 700", "watts = 700 700",
         "data/gpus/h800.toml:9:13: error: Error while parsing key-value pair: expected a comment or whitespace, saw '7'"},
        {"data: a file cut mid-key", "data/gpus/zz-cut.toml", "", "id = \"zz\"\nname = \"Cut\"\nbf16_dense",
         "data/gpus/zz-cut.toml:3:11: error: Error while parsing key-value pair: encountered end-of-file"},
        {"data: an empty file", "data/gpus/zz-empty.toml", "", "",
         "data/gpus/zz-empty.toml:1:1: error: this file is empty"},
        {"data: a string where a number belongs", "data/models/deepseek-r1.toml", "gpu_hours = 41e3", "gpu_hours = \"41e3\"",
         "data/models/deepseek-r1.toml:38:13: error: `gpu_hours` must be a number in [[stages]]"},
        {"data: a string in an inline table", "data/prices/api.toml", "miss = 0.55", "miss = \"0.55\"",
         "data/prices/api.toml:11:28: error: `miss` must be a number in usd prices"},
        {"data: nan", "data/models/deepseek-r1.toml", "gpu_hours = 41e3", "gpu_hours = nan",
         "data/models/deepseek-r1.toml:38:13: error: `gpu_hours` must be a finite number in [[stages]]"},
        {"data: inf", "data/gpus/h800.toml", "memory_gb = 80", "memory_gb = inf",
         "data/gpus/h800.toml:8:13: error: `memory_gb` must be a finite number"},
        {"data: negative GPU-hours", "data/models/deepseek-r1.toml", "gpu_hours = 41e3", "gpu_hours = -41e3",
         "data/models/deepseek-r1.toml:38:13: error: `gpu_hours` must be above 0 in [[stages]]"},
        // 0 GPU-hours in a first stage printed "n/a" for the implied MFU.
        {"data: zero GPU-hours", "data/models/deepseek-v3.toml", "gpu_hours = 2664e3", "gpu_hours = 0",
         "data/models/deepseek-v3.toml:24:13: error: `gpu_hours` must be above 0 in [[stages]]"},
        {"data: a GPU's peak of 0", "data/gpus/h800.toml", "bf16_dense_flop_per_s = 989.4e12", "bf16_dense_flop_per_s = 0",
         "data/gpus/h800.toml:6:25: error: `bf16_dense_flop_per_s` must be above 0"},
        {"data: a fleet owned for 0 years", "data/fleet/deepseek.toml", "years = 4", "years = 0",
         "data/fleet/deepseek.toml:6:9: error: `years` must be above 0"},
        // 1e308 GPU-hours printed a 309-digit figure, and "n/a" for its cost (overflow to infinity).
        {"data: 1e308", "data/models/deepseek-r1.toml", "gpu_hours = 41e3", "gpu_hours = 1e308",
         "data/models/deepseek-r1.toml:38:13: error: `gpu_hours` is out of range in [[stages]]: costbook reads 0 and numbers from 1e-30 to 1e30"},
        {"data: 1e-300", "data/gpus/h800.toml", "fp8_dense_flop_per_s = 1979e12", "fp8_dense_flop_per_s = 1e-300",
         "data/gpus/h800.toml:7:24: error: `fp8_dense_flop_per_s` is out of range: costbook reads 0 and numbers from 1e-30 to 1e30"},
        // Amortising over 0 years printed "n/a" on the rent-or-own page.
        {"data: a scenario input outside the calculator's range", "data/scenario.toml", "likely = 4\n", "likely = 0\n",
         "data/scenario.toml:11:10: error: `likely` in [years] is outside the calculator's range for it"},
        {"data: unknown fact unit", "data/facts.toml", "unit = \"gpu_hours\"", "unit = \"gpu-hours\"",
         "data/facts.toml:7:8: error: unknown unit `gpu-hours`"},
        {"site.toml without a title", "site.toml", "title = \"What did DeepSeek cost?\"\n", "",
         "site.toml:1:1: error: missing `title`"},
        {"site.toml unknown key", "site.toml", "language", "lang",
         "site.toml:4:1: error: unknown key `lang`"},
        {"site.toml cut mid-key", "site.toml", "language = \"en\"\nauthor = \"costbook\"\n", "langu",
         "site.toml:4:6: error: Error while parsing key-value pair: encountered end-of-file"},
    };
    static_assert(sizeof(cases) / sizeof(cases[0]) >= 30);
    for (const Case& c : cases) {
        SUBCASE(c.name) {
            SiteCopy s;
            REQUIRE(run("build --site " + s.path()).code == 0);
            const std::string before = fixture::tree(s.dir / "public");
            REQUIRE_MESSAGE(s.edit(c.file, c.find, c.replace), "fixture text not found in " << c.file);
            const std::string outside = fixture::entries(s.dir);
            const auto r = run("build --site " + s.path());
            CHECK(r.code == 1);
            CHECK(fixture::first_line(r.err) == c.expected);
            CHECK(r.err.find("error: build failed;") != std::string::npos);
            CHECK(fixture::tree(s.dir / "public") == before);
            CHECK(fixture::entries(s.dir) == outside);   // nothing written beside the output either
        }
    }
}

TEST_CASE("a symlink in static/ or content/ pointing outside the site is refused") {
    struct Case { const char* link; const char* expected; };
    for (const Case& c : {Case{"static/passwd", "static/passwd:1:1: error: symlinks are not copied from static/"},
                          Case{"content/x.md", "content/x.md:1:1: error: symlinks are not followed in content/"}}) {
        SUBCASE(c.link) {
            SiteCopy s;
            REQUIRE(run("build --site " + s.path()).code == 0);
            const std::string before = fixture::tree(s.dir / "public");
            fs::create_symlink("/etc/passwd", s.dir / c.link);
            const std::string outside = fixture::entries(s.dir);
            const auto r = run("build --site " + s.path());
            CHECK(r.code == 1);
            CHECK(fixture::first_line(r.err) == c.expected);
            CHECK(fixture::tree(s.dir / "public") == before);
            CHECK(fixture::entries(s.dir) == outside);
        }
    }
}

TEST_CASE("deeply nested Markdown builds, in bounded time and without overflowing the stack") {
    SiteCopy s;
    fixture::write(s.dir / "content/quotes.md", "+++\ntitle = \"Quotes\"\n+++\n\n" + repeat(">", 100000) + " deep\n");
    fixture::write(s.dir / "content/lists.md", "+++\ntitle = \"Lists\"\n+++\n\n" + repeat("- ", 100000) + "deep\n");
    fixture::write(s.dir / "content/mixed.md", "+++\ntitle = \"Mixed\"\n+++\n\n" + repeat("> 1. ", 50000) + "deep\n");
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = run("build --site " + s.path());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK_MESSAGE(r.code == 0, r.err);
    CHECK(seconds < 10);   // ~0.1 s here
    for (const char* page : {"quotes", "lists", "mixed"}) {
        const std::string html = fixture::read(s.dir / "public" / page / "index.html");
        CHECK_MESSAGE(html.find("deep") != std::string::npos, page);
        CHECK_MESSAGE(html.find("</html>") != std::string::npos, page);
    }
}

TEST_CASE("an --out that is not a folder costbook built is refused, and nothing in it is lost") {
    SiteCopy s;
    fixture::write(s.dir / "notes.txt", "keep me\n");
    struct Case { const char* name; const char* out; const char* message; };
    const Case cases[] = {
        {"a regular file", "notes.txt", ":1:1: error: the output path exists and is not a folder"},
        // A build swaps its output folder out whole: `--out content` moved the Markdown aside,
        // and the next build deleted it.
        {"the site's content folder", "content",
         ":1:1: error: refusing to replace a folder that costbook did not build: it would be lost"},
        {"the site folder itself", ".", ":1:1: error: refusing to replace a folder that costbook did not build: it would be lost"},
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

TEST_CASE("a SOURCE_DATE_EPOCH that is not a whole number of seconds is a usage error") {
    for (const char* bad : {"x", "-1", "1.5", "", " 1700000000", "1e9", "99999999999999999999"}) {
        SUBCASE(bad) {
            SiteCopy s;
            const auto r = fixture::sh(std::string("SOURCE_DATE_EPOCH='") + bad + "' \"$COSTBOOK\" build --site " + s.path());
            CHECK(r.code == 2);
            CHECK(fixture::first_line(r.err) == std::string("error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got \"") + bad + "\"");
            CHECK_FALSE(fs::exists(s.dir / "public"));
        }
    }
}

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

TEST_CASE("CRLF line endings and a UTF-8 BOM build like any other file") {
    SiteCopy s;
    for (const char* f : {"content/index.md", "data/models/deepseek-v3.toml", "site.toml"}) {
        std::string text = fixture::read(s.dir / f), crlf = "\xEF\xBB\xBF";
        for (char c : text) { if (c == '\n') crlf += '\r'; crlf += c; }
        fixture::write(s.dir / f, crlf);
    }
    const auto r = run("build --site " + s.path());
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const std::string home = fixture::read(s.dir / "public/index.html");
    CHECK(home.find(">$5.576M</a>") != std::string::npos);
    CHECK(home.find("<h2 id=\"the-ladder\">") != std::string::npos);
    CHECK(home.find('\r') == std::string::npos);
}
