// site/serve/watch.h: what changed in a site under `costbook serve`, settled into one list —
// site.toml and the four trees, never the output folder or editors' swap files.
#include <doctest/doctest.h>

#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "serve/watch.h"

using namespace costbook::site;

namespace {
// wait_change, stopped after `limit` if nothing came, so a missed event fails instead of hanging.
struct Waited { bool changed = false; std::vector<std::string> paths; };
Waited wait_for_change(Watcher& w, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    const int stop = ::eventfd(0, EFD_CLOEXEC);
    REQUIRE(stop >= 0);
    std::atomic<bool> done{false};
    std::thread guard([&] {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        const uint64_t one = 1;
        if (::write(stop, &one, sizeof one) < 0) {}
    });
    Waited w_;
    w_.changed = w.wait_change(stop, w_.paths);
    done = true;
    guard.join();
    ::close(stop);
    return w_;
}
}  // namespace

TEST_CASE("a save under content/, a new folder's files and site.toml are changes; the output and swap files are not") {
    fixture::SiteCopy s(fixture::kMinimal);
    const auto out = s.dir / "public";
    fixture::fs::create_directories(out);
    Watcher w(s.dir, out);
    std::string err;
    REQUIRE_MESSAGE(w.start(err), err);

    fixture::write(out / "index.html", "built");                  // the output: not a change
    fixture::write(s.dir / "content/.index.md.swp", "vim");        // editor noise: not a change
    fixture::write(s.dir / "content/index.md", fixture::read(s.dir / "content/index.md") + "\nEdited.\n");
    Waited got = wait_for_change(w);
    REQUIRE(got.changed);
    CHECK(got.paths == std::vector<std::string>{"content/index.md"});

    fixture::fs::create_directories(s.dir / "data/runs");
    fixture::write(s.dir / "site.toml", fixture::read(s.dir / "site.toml"));
    got = wait_for_change(w);
    REQUIRE(got.changed);
    CHECK(got.paths == std::vector<std::string>{"data/runs", "site.toml"});
    fixture::write(s.dir / "data/runs/new.toml", "");   // inside the new folder, now watched
    got = wait_for_change(w);
    REQUIRE(got.changed);
    CHECK(got.paths == std::vector<std::string>{"data/runs/new.toml"});

    fixture::write(out / "feed.xml", "built again");
    got = wait_for_change(w, std::chrono::milliseconds(300));
    CHECK_FALSE(got.changed);   // stopped: nothing happened
}
