#include "serve/watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <map>
#include <set>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace costbook::site {

namespace {
// Editors save as bursts (write temp, rename, chmod): wait for 10 ms of quiet, at most 500 ms.
// (The burst lands within a millisecond or two; a slower one costs a second build, which for a
// page is an incremental one of a few ms.)
constexpr auto kDebounceQuiet = std::chrono::milliseconds(10);
constexpr auto kDebounceMax = std::chrono::milliseconds(500);
}  // namespace

// inotify over content/ templates/ data/ static/ (recursive; a new subfolder is watched as it
// appears) and site.toml in the site's root. The root is watched without recursion, so the
// output folder and the build's temporary folders beside it never trigger a rebuild.
class Watcher::Impl {
public:
    Impl(fs::path site, fs::path out) : site_(std::move(site)), out_(std::move(out)) {}
    ~Impl() {
        if (fd_ >= 0) ::close(fd_);
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    bool start(std::string& err) {
        fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd_ < 0 || !add(site_, "", false)) {
            err = "cannot watch " + site_.string() + ": " + std::strerror(errno);
            return false;
        }
        for (const char* tree : kTrees) add_recursive(tree, true);
        return true;
    }

    // Blocks until changes have settled (10 ms of quiet, or 500 ms after the first) and returns
    // the site-relative paths that changed; returns false once `stop_fd` is readable.
    bool wait_change(int stop_fd, std::vector<std::string>& changed) {
        std::set<std::string> seen;
        Clock::time_point first{};
        for (;;) {
            int timeout_ms = -1;  // nothing yet: wait for the first change
            if (!seen.empty()) {
                const auto left =
                    std::chrono::duration_cast<std::chrono::milliseconds>(first + kDebounceMax - Clock::now());
                if (left.count() <= 0) break;
                timeout_ms = static_cast<int>(std::min(kDebounceQuiet, left).count());
            }
            pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd, POLLIN, 0}};
            const int n = ::poll(fds, 2, timeout_ms);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 || (fds[1].revents & POLLIN)) return false;
            if (n == 0) break;  // quiet: `seen` is not empty, or poll would not have timed out
            const bool was_empty = seen.empty();
            drain(seen);
            if (was_empty && !seen.empty()) first = Clock::now();
        }
        changed.assign(seen.begin(), seen.end());
        return true;
    }

private:
    static constexpr const char* kTrees[] = {"content", "templates", "data", "static"};
    static constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                                      IN_ATTRIB | IN_ONLYDIR;

    bool add(const fs::path& dir, const std::string& rel, bool follow) {
        const int wd = inotify_add_watch(fd_, dir.c_str(), kMask | (follow ? 0u : IN_DONT_FOLLOW));
        if (wd < 0) {
            if (errno == ENOSPC && !warned_limit_) {
                warned_limit_ = true;
                std::cerr << "warning: inotify watch limit reached; some folders are not watched\n"
                             "  = help: raise fs.inotify.max_user_watches (sysctl)\n";
            }
            return false;
        }
        dirs_[wd] = rel;
        return true;
    }

    // Watches `rel` and every folder below it. Only a tree's top folder is followed if it is a
    // symlink, so there are no loops; an --out inside a tree is skipped, or it would rebuild forever.
    void add_recursive(const std::string& rel, bool follow_top) {
        std::error_code ec;
        const fs::path top = site_ / rel;
        if (!fs::is_directory(top, ec) || is_out(top)) return;
        add(top, rel, follow_top);
        for (auto it = fs::recursive_directory_iterator(top, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_symlink(ec) || !it->is_directory(ec)) continue;
            if (is_out(it->path())) {
                it.disable_recursion_pending();
                continue;
            }
            add(it->path(), rel + "/" + fs::relative(it->path(), top, ec).generic_string(), false);
        }
    }

    bool is_out(const fs::path& dir) const {
        std::error_code ec;
        return fs::equivalent(dir, out_, ec);
    }

    // Vim's write probe and swap files, backups, Emacs locks and autosaves.
    static bool editor_noise(const std::string& name) {
        auto ends = [&](const char* s) {
            const size_t n = std::strlen(s);
            return name.size() >= n && name.compare(name.size() - n, n, s) == 0;
        };
        return name == "4913" || ends("~") || ends(".swp") || ends(".swx") || name.rfind(".#", 0) == 0 ||
               (name.size() > 1 && name.front() == '#' && name.back() == '#');
    }

    void drain(std::set<std::string>& seen) {
        alignas(inotify_event) char buf[64 * 1024];
        for (;;) {
            const ssize_t len = ::read(fd_, buf, sizeof buf);
            if (len <= 0) return;  // EAGAIN: drained
            for (ssize_t i = 0; i < len;) {
                const auto* ev = reinterpret_cast<const inotify_event*>(buf + i);
                i += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
                handle(*ev, seen);
            }
        }
    }

    void handle(const inotify_event& ev, std::set<std::string>& seen) {
        if (ev.mask & IN_Q_OVERFLOW) {  // events were lost: watch everything again, rebuild
            for (const char* tree : kTrees) add_recursive(tree, true);
            seen.insert("(many files)");
            return;
        }
        const auto it = dirs_.find(ev.wd);
        if (it == dirs_.end()) return;
        if (ev.mask & IN_IGNORED) {  // the folder is gone; its parent reported that
            dirs_.erase(it);
            return;
        }
        const std::string name = ev.len ? std::string(ev.name) : std::string();
        const bool new_dir = (ev.mask & IN_ISDIR) && (ev.mask & (IN_CREATE | IN_MOVED_TO));
        if (it->second.empty()) {  // the site's root: only site.toml and the trees themselves
            const bool tree = std::find_if(std::begin(kTrees), std::end(kTrees),
                                           [&](const char* t) { return name == t; }) != std::end(kTrees);
            if (name != "site.toml" && !tree) return;
            if (tree && new_dir) add_recursive(name, true);
            seen.insert(name);
            return;
        }
        if (name.empty() || editor_noise(name)) return;
        const std::string rel = it->second + "/" + name;
        // Files may land in a new folder before its watch exists; the rebuild reads them anyway.
        if (new_dir) add_recursive(rel, false);
        seen.insert(rel);
    }

    fs::path site_, out_;
    int fd_ = -1;
    std::map<int, std::string> dirs_;  // watch descriptor → folder relative to the site ("" = root)
    bool warned_limit_ = false;
};


Watcher::Watcher(fs::path site, fs::path out) : impl_(std::make_unique<Impl>(std::move(site), std::move(out))) {}
Watcher::~Watcher() = default;
bool Watcher::start(std::string& err) { return impl_->start(err); }
bool Watcher::wait_change(int stop_fd, std::vector<std::string>& changed) { return impl_->wait_change(stop_fd, changed); }

}  // namespace costbook::site
