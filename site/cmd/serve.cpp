// costbook serve: build with the live-reload script, serve the output on loopback, rebuild on save.
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "build.h"
#include "cmd/cli.h"
#include "cmd/report.h"
#include "serve/server.h"
#include "serve/watch.h"
#include "write/write.h"

extern char** environ;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace costbook::site {

namespace {
double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::mutex g_print;  // one build's report is not interleaved with another line

// The first build, and every build after a change: incremental when the change allows (build.h).
bool rebuild(const BuildOptions& bo, BuildCache& cache, const std::vector<std::string>& changed, EventHub& hub,
             const std::string& why) {
    Diagnostics diags;
    BuildStats stats;
    const auto t0 = Clock::now();
    bool ok = false;
    std::string crash;
    try {
        ok = changed.empty() ? build_site(bo, diags, stats, &cache) : rebuild_site(bo, changed, cache, diags, stats);
    } catch (const std::exception& e) {
        crash = e.what();
        cache.clear();   // what it kept may be half updated: the next change builds everything
    }
    const double ms = ms_since(t0);
    std::lock_guard<std::mutex> lock(g_print);
    if (ok) {
        if (stats.incremental)
            std::cout << "rendered " << stats.rendered << " of " << stats.pages << " pages, wrote " << stats.files << " file"
                      << (stats.files == 1 ? "" : "s") << " in " << static_cast<long>(ms + 0.5) << " ms"
                      << (why.empty() ? "" : " (" + why + ")") << std::endl;
        else
            std::cout << "built " << stats.pages << " page" << (stats.pages == 1 ? "" : "s") << " in "
                      << static_cast<long>(ms + 0.5) << " ms" << (why.empty() ? "" : " (" + why + ")") << std::endl;
        hub.publish(sse_event("reload", "1"), false);
        return true;
    }
    std::ostringstream plain;
    if (!crash.empty())
        plain << "error: the build stopped: " << crash << "\n";
    else
        diags.print(plain, false);
    if (crash.empty())
        diags.print(std::cerr, isatty(2));
    else
        std::cerr << plain.str();
    std::cerr << "build failed" << (why.empty() ? "" : " (" + why + ")")
              << (why.empty() ? "; the page shows the error and reloads once a build succeeds"
                              : "; still serving the last good output")
              << std::endl;
    hub.publish(sse_event("error", plain.str()), true);
    return false;
}

std::string describe(const std::vector<std::string>& changed) {
    std::string s = changed.front();
    if (changed.size() > 1) s += " and " + std::to_string(changed.size() - 1) + " more";
    return s;
}

void open_browser(const std::string& url) {
    // The child must not inherit serve's blocked SIGINT/SIGTERM.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    pid_t pid = 0;
    char* argv[] = {const_cast<char*>("xdg-open"), const_cast<char*>(url.c_str()), nullptr};
    const int rc = posix_spawnp(&pid, "xdg-open", nullptr, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        print_warning(std::string("cannot run xdg-open: ") + std::strerror(rc) + "; open " + url + " yourself");
        return;
    }
    std::thread([pid] { ::waitpid(pid, nullptr, 0); }).detach();
}

}  // namespace

int cmd_serve(const ServeOptions& o) {
    if (o.port < 0 || o.port > 65535) {
        print_error("port " + std::to_string(o.port) + " is out of range", "use 1-65535, or 0 for any free port");
        return kExitUsage;
    }
    std::error_code ec;
    const fs::path site = fs::absolute(o.site, ec).lexically_normal();
    if (!fs::is_regular_file(site / "site.toml", ec)) {
        print_error("no site.toml in " + o.site, "pass the site folder with --site DIR");
        return kExitBadInput;
    }

    // --out is checked as a build checks it, before anything listens: a folder a build would refuse
    // is never served, whatever is in it.
    if (!o.out.empty()) {
        Diagnostics diags;
        if (!output_outside_sources(site.string(), o.out, diags) || !output_folder_ok(o.out, diags)) {
            diags.print(std::cerr, isatty(2));
            print_error("not serving: " + o.out + " was left as it was");
            return kExitBadInput;
        }
    }

    // SIGINT/SIGTERM are blocked in every thread (threads inherit the mask) and taken by
    // sigwait below; a write to a closed tab must fail with EPIPE, not kill the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    ::signal(SIGPIPE, SIG_IGN);

    HttpServer svr(connection_limits());
    EventHub hub;
    int err = 0;
    if (std::string problem; !svr.listen(o.bind, o.port, err, problem)) {
        if (err == EADDRINUSE)
            print_error("port " + std::to_string(o.port) + " is in use on " + o.bind,
                        "stop the other server, or use --port N, or --port 0 for any free port");
        else if (err == EACCES)
            print_error("no permission to listen on port " + std::to_string(o.port), "use a port above 1023");
        else
            print_error("cannot listen on " + o.bind + ":" + std::to_string(o.port) + ": " + problem,
                        "--bind takes an address of this machine, such as 127.0.0.1");
        return kExitUsage;
    }
    const int port = svr.port();

    // Serve-mode output goes to a temporary folder unless --out says otherwise, so the
    // reload script never ends up in a public/ that gets deployed.
    fs::path tmp_root, out;
    if (o.out.empty()) {
        const char* base = std::getenv("TMPDIR");
        std::string templ = std::string(base && *base ? base : "/tmp") + "/costbook-serve-XXXXXX";
        if (!::mkdtemp(templ.data())) {
            print_error(std::string("cannot create a temporary folder: ") + std::strerror(errno), "set TMPDIR, or pass --out DIR");
            return kExitBadInput;
        }
        tmp_root = templ;
        out = tmp_root / "public";
    } else {
        out = fs::absolute(o.out, ec).lexically_normal();
    }

    const std::string url = "http://" + url_host(o.bind) + ":" + std::to_string(port) + "/";
    BuildOptions bo;
    bo.site = site.string();
    bo.out = out.string();
    bo.base_url = url;
    bo.drafts = o.drafts;
    bo.serve_mode = true;
    bo.inject_html = live_reload_tag();

    // The address line comes first, so a script can read the port from it. The socket already
    // listens: requests made during the first build wait in the backlog until it is done.
    std::cout << "serving " << out.string() << " at " << url << " (Ctrl+C to stop)" << std::endl;
    if (o.bind == "0.0.0.0" || o.bind == "::")
        std::cout << "listening on every interface (" << o.bind << "), answering only requests for " << url
                  << " (or localhost, [::1]): --bind this machine's address to serve other machines" << std::endl;
    Watcher watcher(site, out);
    std::string werr;
    if (!watcher.start(werr)) print_warning(werr + "; pages will not rebuild on change");
    BuildCache cache;
    rebuild(bo, cache, {}, hub, "");  // a failing first build still serves: the page shows the error

    const ServeSite served{out, port, o.bind};
    hub.set_waker([&svr] { svr.wake_streams(); });
    if (std::string why; !svr.start([&served, &hub](const HttpRequest& req) { return answer(req, served, hub); }, why)) {
        print_error("cannot serve: " + why);
        if (!tmp_root.empty()) fs::remove_all(tmp_root, ec);
        return kExitBadInput;
    }
    if (o.open) open_browser(url);

    const int stop_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    std::thread watch([&] {
        if (!werr.empty()) return;
        std::vector<std::string> changed;
        while (watcher.wait_change(stop_fd, changed)) {
            rebuild(bo, cache, changed, hub, describe(changed));
            reap_cleanups();  // the build deletes old trees with a background `rm`
        }
    });

    int sig = 0;
    while (sigwait(&stop_signals, &sig) != 0) continue;
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(stop_fd, &one, sizeof one);  // an eventfd write cannot fail here
    watch.join();
    reap_cleanups();
    hub.close();  // every event stream ends
    svr.stop();
    ::close(stop_fd);
    if (!tmp_root.empty()) fs::remove_all(tmp_root, ec);
    std::cout << "stopped" << std::endl;
    return kExitOk;
}

}  // namespace costbook::site
