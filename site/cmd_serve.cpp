// costbook serve: build with the live-reload script, serve the output on loopback, rebuild on save.
// Index: [SECTION] Live reload  [SECTION] Requests  [SECTION] Event hub  [SECTION] Watcher
//        [SECTION] Rebuild  [SECTION] HTTP  [SECTION] Verb
#include "serve.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "build.h"
#include "cli.h"
#include "serve_http.h"
#include "write.h"

extern char** environ;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace costbook::site {

namespace {
// Every SSE stream holds a worker thread while it lasts (cpp-httplib's I/O is blocking), so
// streams are capped and the workers allowed are the cap plus room for ordinary requests: a tab
// full of pages can never starve the files themselves. A keep-alive connection between requests
// holds no thread (serve_http.h), so 1,000 open connections need no more.
constexpr size_t kMaxEventClients = 32;
constexpr size_t kMaxWorkers = kMaxEventClients + 32;
// Descriptors kept back from connections: the files being served, the build, inotify.
constexpr rlim_t kSpareFds = 128;
// A ping makes a closed tab's socket fail its second write, freeing the thread in ≤ 2 pings.
constexpr auto kPingInterval = std::chrono::seconds(3);
// Editors save as bursts (write temp, rename, chmod): wait for 20 ms of quiet, at most 500 ms.
constexpr auto kDebounceQuiet = std::chrono::milliseconds(20);
constexpr auto kDebounceMax = std::chrono::milliseconds(500);
constexpr size_t kMaxRequestBody = 8 * 1024;  // GET and HEAD carry none; anything else is refused
double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}
}  // namespace

// ---- [SECTION] Live reload ----
std::string live_reload_script() {
    // `error` is also the name of EventSource's own connection-error event, which carries no
    // data: only a string `data` is a build error. Reload closes the stream first so the old
    // connection is not left for the server to notice.
    return "<script>(function(){var s=new EventSource(\"/__costbook/events\");"
           "s.addEventListener(\"reload\",function(){s.close();location.reload()});"
           "s.addEventListener(\"error\",function(e){if(typeof e.data!=\"string\")return;"
           "var d=document.getElementById(\"costbook-error\");"
           "if(!d){d=document.createElement(\"pre\");d.id=\"costbook-error\";d.setAttribute(\"role\",\"alert\");"
           "d.title=\"click to dismiss\";d.onclick=function(){d.remove()};"
           "d.style.cssText=\"position:fixed;inset:0;z-index:2147483647;margin:0;padding:1.5em;overflow:auto;"
           "white-space:pre-wrap;background:rgba(40,0,0,.94);color:#fdd;font:14px/1.45 ui-monospace,monospace\";"
           "document.body.appendChild(d)}d.textContent=e.data})})();</script>";
}

std::string sse_event(const std::string& name, const std::string& text) {
    std::string out = "event: " + name + "\n";
    std::string line;
    std::istringstream in(text);
    bool any = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out += "data: " + line + "\n";
        any = true;
    }
    if (!any) out += "data: \n";
    return out + "\n";
}

namespace {
// Inserts the script into HTML that lacks it: pages built before serve, or the fallback 404.
std::string with_live_reload(std::string html) {
    if (html.find(kEventsPath) != std::string::npos) return html;
    size_t at = html.rfind("</body>");
    if (at == std::string::npos) at = html.rfind("</BODY>");
    html.insert(at == std::string::npos ? html.size() : at, live_reload_script());
    return html;
}
}  // namespace

// ---- [SECTION] Requests ----
RequestPath parse_request_path(const std::string& target) {
    RequestPath r;
    auto refuse = [&](const char* why) {
        r.status = 400;
        r.reason = why;
        r.rel.clear();
        return r;
    };
    const std::string raw = target.substr(0, target.find_first_of("?#"));
    if (raw.empty() || raw[0] != '/') return refuse("the path must start with `/`");
    std::string path;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '%') { path += raw[i]; continue; }
        if (i + 2 >= raw.size() || !std::isxdigit(static_cast<unsigned char>(raw[i + 1])) ||
            !std::isxdigit(static_cast<unsigned char>(raw[i + 2])))
            return refuse("malformed percent-encoding");
        path += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
        i += 2;
    }
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) return refuse("control character in path");
        if (c == '\\') return refuse("backslash in path");
        if (c == '%') return refuse("percent-encoding inside percent-encoding");
    }
    r.trailing_slash = path.back() == '/';
    std::string rel;
    size_t start = 1;
    while (start < path.size()) {
        const size_t slash = path.find('/', start);
        const std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (seg.empty()) return refuse("empty path segment (`//`)");
        if (seg == "." || seg == "..") return refuse("`.` or `..` in path");
        rel += (rel.empty() ? "" : "/") + seg;
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    if (r.trailing_slash) rel += (rel.empty() ? "" : "/") + std::string("index.html");
    r.rel = rel;
    return r;
}

std::string content_type_for(const std::string& path) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},       {".htm", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},         {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},  {".wasm", "application/wasm"},
        {".svg", "image/svg+xml"},                   {".xml", "application/xml"},
        {".json", "application/json"},               {".png", "image/png"},
        {".jpg", "image/jpeg"},                      {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},                       {".webp", "image/webp"},
        {".ico", "image/x-icon"},                    {".ttf", "font/ttf"},
        {".otf", "font/otf"},                        {".woff", "font/woff"},
        {".woff2", "font/woff2"},                    {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},                {".pdf", "application/pdf"},
    };
    std::string ext = fs::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto it = types.find(ext);
    return it == types.end() ? "application/octet-stream" : it->second;
}

namespace {

// ---- [SECTION] Event hub ----
// The last event is all a client needs: after reload-then-error the page must show the error,
// after error-then-reload it must reload. Each client remembers the sequence number it saw.
class EventHub {
public:
    enum class Wake { Event, Ping, Closed };

    bool join() {
        std::lock_guard<std::mutex> lock(m_);
        if (closed_ || clients_ >= kMaxEventClients) return false;
        ++clients_;
        return true;
    }
    void leave() {
        std::lock_guard<std::mutex> lock(m_);
        --clients_;
    }
    void publish(std::string event, bool is_error) {
        {
            std::lock_guard<std::mutex> lock(m_);
            latest_ = std::move(event);
            latest_is_error_ = is_error;
            ++seq_;
        }
        cv_.notify_all();
    }
    // What a new client gets first: the reconnect delay, and the failing build if there is one.
    std::string hello(uint64_t& seen) {
        std::lock_guard<std::mutex> lock(m_);
        seen = seq_;
        return "retry: 1000\n\n" + (latest_is_error_ ? latest_ : std::string());
    }
    Wake wait(uint64_t& seen, std::string& event, bool& is_reload) {
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait_for(lock, kPingInterval, [&] { return closed_ || seq_ != seen; });
        if (closed_) return Wake::Closed;
        if (seq_ == seen) return Wake::Ping;
        seen = seq_;
        event = latest_;
        is_reload = !latest_is_error_;
        return Wake::Event;
    }
    void close() {
        {
            std::lock_guard<std::mutex> lock(m_);
            closed_ = true;
        }
        cv_.notify_all();
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    size_t clients_ = 0;
    uint64_t seq_ = 0;
    std::string latest_;
    bool latest_is_error_ = false;
    bool closed_ = false;
};

// ---- [SECTION] Watcher ----
// inotify over content/ templates/ data/ static/ (recursive; a new subfolder is watched as it
// appears) and site.toml in the site's root. The root is watched without recursion, so the
// output folder and the build's temporary folders beside it never trigger a rebuild.
class Watcher {
public:
    Watcher(fs::path site, fs::path out) : site_(std::move(site)), out_(std::move(out)) {}
    ~Watcher() {
        if (fd_ >= 0) ::close(fd_);
    }
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    bool start(std::string& err) {
        fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd_ < 0 || !add(site_, "", false)) {
            err = "cannot watch " + site_.string() + ": " + std::strerror(errno);
            return false;
        }
        for (const char* tree : kTrees) add_recursive(tree, true);
        return true;
    }

    // Blocks until changes have settled (20 ms of quiet, or 500 ms after the first) and returns
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

// ---- [SECTION] Rebuild ----
std::mutex g_print;  // one build's report is not interleaved with another line

bool rebuild(const BuildOptions& bo, EventHub& hub, const std::string& why) {
    Diagnostics diags;
    BuildStats stats;
    const auto t0 = Clock::now();
    bool ok = false;
    std::string crash;
    try {
        ok = build_site(bo, diags, stats);
    } catch (const std::exception& e) {
        crash = e.what();
    }
    const double ms = ms_since(t0);
    std::lock_guard<std::mutex> lock(g_print);
    if (ok) {
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

// ---- [SECTION] HTTP ----
void set_text(httplib::Response& res, int status, const std::string& text) {
    res.status = status;
    res.set_content(text + "\n", "text/plain; charset=utf-8");
}

void not_found(const fs::path& root, httplib::Response& res) {
    res.status = 404;
    std::error_code ec;
    const fs::path page = root / "404.html";
    const fs::path real = fs::canonical(page, ec);
    std::string html;
    if (!ec && real.parent_path() == root && fs::is_regular_file(real, ec)) {
        std::ifstream in(real, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        html = ss.str();
    } else {
        html = "<!doctype html>\n<meta charset=\"utf-8\">\n<title>404 not found</title>\n<body>\n"
               "<p>404 not found</p>\n</body>\n";
    }
    res.set_content(with_live_reload(std::move(html)), "text/html; charset=utf-8");
}

// True when `real` (already canonical) is `root` or lies beneath it.
bool inside(const fs::path& real, const fs::path& root) {
    const std::string r = root.string(), p = real.string();
    return p == r || (p.size() > r.size() && p.compare(0, r.size(), r) == 0 && (r == "/" || p[r.size()] == '/'));
}

// Reads a regular file by its canonical path without following a symlink swapped in since.
bool read_file(const fs::path& real, std::string& body) {
    const int fd = ::open(real.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return false;
    }
    body.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < body.size()) {
        const ssize_t n = ::read(fd, body.data() + got, body.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<size_t>(n);
    }
    ::close(fd);
    body.resize(got);
    return true;
}

void serve_file(const fs::path& out, const httplib::Request& req, httplib::Response& res) {
    const RequestPath rp = parse_request_path(req.target);
    if (rp.status != 200) return set_text(res, rp.status, "400 bad request: " + rp.reason);
    std::error_code ec;
    const fs::path root = fs::canonical(out, ec);  // per request: the build swaps the folder
    if (ec) return not_found(out, res);
    const fs::path real = fs::canonical(root / rp.rel, ec);
    if (ec) return not_found(root, res);
    if (!inside(real, root)) return set_text(res, 403, "403 forbidden: the path leads outside the site");
    if (fs::is_directory(real, ec)) {
        if (rp.trailing_slash) return not_found(root, res);  // …/index.html is itself a folder
        // "/guide" → "/guide/" so the page's relative links resolve; the target was checked
        // above, so the Location stays a path on this server.
        const size_t q = req.target.find('?');
        res.status = 301;
        res.set_header("Location", req.target.substr(0, q) + "/" + (q == std::string::npos ? "" : req.target.substr(q)));
        return;
    }
    std::string body;
    if (!read_file(real, body)) return not_found(root, res);
    const std::string type = content_type_for(real.string());
    if (type.rfind("text/html", 0) == 0) body = with_live_reload(std::move(body));
    res.status = 200;
    res.set_content(std::move(body), type.c_str());
}

void events(EventHub& hub, httplib::Response& res) {
    if (!hub.join()) {
        res.set_header("Retry-After", "5");
        return set_text(res, 503, "503 too many live-reload connections (" + std::to_string(kMaxEventClients) +
                                      "); close some tabs");
    }
    res.set_chunked_content_provider(
        "text/event-stream",
        [&hub, seen = uint64_t{0}, first = true, done = false](size_t, httplib::DataSink& sink) mutable {
            if (done) return false;  // after a reload the page reconnects from its new copy
            std::string msg;
            if (first) {
                first = false;
                msg = hub.hello(seen);
            } else {
                bool is_reload = false;
                switch (hub.wait(seen, msg, is_reload)) {
                    case EventHub::Wake::Closed: return false;
                    case EventHub::Wake::Ping: msg = ": ping\n\n"; break;
                    case EventHub::Wake::Event: done = is_reload; break;
                }
            }
            return sink.write(msg.data(), msg.size());
        },
        [&hub](bool) { hub.leave(); });
}

// The connection limits (serve_http.h), with the open-file limit raised so that
// max_connections sockets fit beside kSpareFds other descriptors.
HttpLimits connection_limits() {
    HttpLimits limits;
    limits.max_threads = kMaxWorkers;
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) != 0) return limits;
    const rlim_t want = limits.max_connections + kSpareFds;
    if (rl.rlim_cur < want) {
        rl.rlim_cur = std::min(want, rl.rlim_max);
        ::setrlimit(RLIMIT_NOFILE, &rl);
        ::getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur < want) limits.max_connections = rl.rlim_cur > 2 * kSpareFds ? rl.rlim_cur - kSpareFds : rl.rlim_cur / 2;
    return limits;
}

void configure(httplib::Server& svr, const fs::path& out, EventHub& hub) {
    // cpp-httplib's default sets SO_REUSEPORT, which would let a second server share a busy
    // port silently; SO_REUSEADDR only allows a quick restart.
    svr.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    svr.set_payload_max_length(kMaxRequestBody);
    svr.set_read_timeout(5, 0);   // a body, were one read (request heads: HttpLimits)
    svr.set_write_timeout(5, 0);  // each wait for a slow reader
    svr.set_default_headers({{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}});
    // Before routing, so no other method's body is read: GET and HEAD only.
    svr.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Connection", "close");  // a refused request's body is never read
        if (req.method != "GET" && req.method != "HEAD") {
            res.set_header("Allow", "GET, HEAD");
            set_text(res, 405, "405 method not allowed: " + req.method + " (GET and HEAD only)");
            return httplib::Server::HandlerResponse::Handled;
        }
        const std::string length = req.get_header_value("Content-Length");
        if (req.has_header("Transfer-Encoding") || (!length.empty() && length != "0")) {
            set_text(res, 400, "400 bad request: a GET or HEAD request carries no body");
            return httplib::Server::HandlerResponse::Handled;
        }
        res.headers.erase("Connection");
        return httplib::Server::HandlerResponse::Unhandled;
    });
    svr.Get(kEventsPath, [&hub](const httplib::Request&, httplib::Response& res) { events(hub, res); });
    svr.Get(R"([\s\S]*)", [out](const httplib::Request& req, httplib::Response& res) { serve_file(out, req, res); });
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        set_text(res, 500, "500 internal error");
    });
}

// ---- [SECTION] Verb ----
// Why a plain bind to host:port fails, so a busy port is reported as such (cpp-httplib only
// says that binding failed). Empty when it would bind.
std::string bind_problem(const std::string& host, int port, int& err) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* res = nullptr;
    err = 0;
    if (const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res); rc != 0)
        return std::string("cannot resolve `") + host + "`: " + gai_strerror(rc);
    const int sock = ::socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
    if (sock < 0) {
        err = errno;
    } else {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(sock, res->ai_addr, res->ai_addrlen) != 0) err = errno;
        ::close(sock);
    }
    ::freeaddrinfo(res);
    return err ? std::strerror(err) : "";
}

std::string url_host(const std::string& bind) {
    if (bind == "0.0.0.0" || bind.empty()) return "127.0.0.1";
    if (bind == "::") return "[::1]";
    if (bind.find(':') != std::string::npos) return "[" + bind + "]";
    return bind;
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
        std::cerr << "warning: cannot run xdg-open: " << std::strerror(rc) << "; open " << url << " yourself\n";
        return;
    }
    std::thread([pid] { ::waitpid(pid, nullptr, 0); }).detach();
}

}  // namespace

int cmd_serve(const ServeOptions& o) {
    if (o.port < 0 || o.port > 65535) {
        std::cerr << "error: port " << o.port << " is out of range\n  = help: use 1-65535, or 0 for any free port\n";
        return kExitUsage;
    }
    std::error_code ec;
    const fs::path site = fs::absolute(o.site, ec).lexically_normal();
    if (!fs::is_regular_file(site / "site.toml", ec)) {
        std::cerr << "error: no site.toml in " << o.site << "\n  = help: pass the site folder with --site DIR\n";
        return kExitBadInput;
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
    int port = o.port;
    int err = 0;
    if (const std::string problem = bind_problem(o.bind, port, err); !problem.empty()) {
        if (err == EADDRINUSE)
            std::cerr << "error: port " << port << " is in use on " << o.bind
                      << "\n  = help: stop the other server, or use --port N, or --port 0 for any free port\n";
        else if (err == EACCES)
            std::cerr << "error: no permission to listen on port " << port << "\n  = help: use a port above 1023\n";
        else
            std::cerr << "error: cannot listen on " << o.bind << ":" << port << ": " << problem
                      << "\n  = help: --bind takes an address of this machine, such as 127.0.0.1\n";
        return kExitUsage;
    }
    if (port == 0)
        port = svr.bind_to_any_port(o.bind);
    else if (!svr.bind_to_port(o.bind, port))
        port = -1;
    if (port <= 0) {
        std::cerr << "error: cannot listen on " << o.bind << (o.port ? ":" + std::to_string(o.port) : "") << "\n";
        return kExitUsage;
    }
    if (!svr.widen_backlog())
        std::cerr << "warning: cannot widen the listen backlog: " << std::strerror(errno) << "\n";

    // Serve-mode output goes to a temporary folder unless --out says otherwise, so the
    // reload script never ends up in a public/ that gets deployed.
    fs::path tmp_root, out;
    if (o.out.empty()) {
        const char* base = std::getenv("TMPDIR");
        std::string templ = std::string(base && *base ? base : "/tmp") + "/costbook-serve-XXXXXX";
        if (!::mkdtemp(templ.data())) {
            std::cerr << "error: cannot create a temporary folder: " << std::strerror(errno)
                      << "\n  = help: set TMPDIR, or pass --out DIR\n";
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
    bo.inject_html = live_reload_script();

    // The address line comes first, so a script can read the port from it. The socket already
    // listens: requests made during the first build wait in the backlog until it is done.
    std::cout << "serving " << out.string() << " at " << url << " (Ctrl+C to stop)" << std::endl;
    if (o.bind == "0.0.0.0" || o.bind == "::")
        std::cout << "listening on every interface (" << o.bind << "): other machines can read the site" << std::endl;
    Watcher watcher(site, out);
    std::string werr;
    if (!watcher.start(werr)) std::cerr << "warning: " << werr << "; pages will not rebuild on change\n";
    rebuild(bo, hub, "");  // a failing first build still serves: the page shows the error

    configure(svr, out, hub);
    std::atomic<bool> stopping{false};
    std::thread server([&] {
        svr.listen_after_bind();
        if (!stopping) ::kill(::getpid(), SIGTERM);  // listening ended on its own: shut down
    });
    if (o.open) open_browser(url);

    const int stop_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    std::thread watch([&] {
        if (!werr.empty()) return;
        std::vector<std::string> changed;
        while (watcher.wait_change(stop_fd, changed)) {
            rebuild(bo, hub, describe(changed));
            reap_cleanups();  // the build deletes old trees with a background `rm`
        }
    });

    int sig = 0;
    while (sigwait(&stop_signals, &sig) != 0) continue;
    stopping = true;
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(stop_fd, &one, sizeof one);  // an eventfd write cannot fail here
    watch.join();
    reap_cleanups();
    hub.close();  // wakes every event stream so the pool's threads can finish
    svr.stop();
    server.join();
    ::close(stop_fd);
    if (!tmp_root.empty()) fs::remove_all(tmp_root, ec);
    std::cout << "stopped" << std::endl;
    return kExitOk;
}

}  // namespace costbook::site
