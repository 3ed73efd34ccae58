// site: the watcher under `costbook serve` — what changed in the site, settled
// Index: [SECTION] Watcher
//
// inotify over content/ templates/ data/ static/ (recursive; a new subfolder is watched as it
// appears) and site.toml in the site's root. The root is watched without recursion, so the
// output folder and the build's temporary folders beside it never trigger a rebuild.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace costbook::site {

// ---- [SECTION] Watcher ----
class Watcher {
public:
    Watcher(std::filesystem::path site, std::filesystem::path out);
    ~Watcher();
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    bool start(std::string& err);   // false with `err` set when the site cannot be watched
    // Blocks until changes have settled (10 ms of quiet, or 500 ms after the first) and returns
    // the site-relative paths that changed; returns false once `stop_fd` is readable.
    bool wait_change(int stop_fd, std::vector<std::string>& changed);

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace costbook::site
