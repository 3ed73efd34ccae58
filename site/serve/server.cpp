#include "serve/server.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "serve/live_reload.h"
#include "serve/requests.h"
#include "write/headers.h"

namespace fs = std::filesystem;

namespace costbook::site {

namespace {
// Descriptors kept back from connections: the files being served, the build, inotify.
constexpr rlim_t kSpareFds = 128;
using Clock = std::chrono::steady_clock;

// Every answer: nothing cached (a rebuild changes any file), no sniffing, and no ranges.
HttpResponse make(int status, std::string body, const std::string& type, bool close = false) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = {{"Content-Type", type}, {"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"},
                 {"Accept-Ranges", "none"}};
    r.close = close;
    return r;
}

HttpResponse text(int status, const std::string& message, bool close = false) {
    return make(status, message + "\n", "text/plain; charset=utf-8", close);
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

HttpResponse not_found(const fs::path& root) {
    std::error_code ec;
    const fs::path real = fs::canonical(root / "404.html", ec);
    std::string html;
    if (ec || real.parent_path() != root || !read_file(real, html))
        html = "<!doctype html>\n<meta charset=\"utf-8\">\n<title>404 not found</title>\n<body>\n"
               "<p>404 not found</p>\n</body>\n";
    return make(404, with_live_reload(std::move(html)), "text/html; charset=utf-8");
}

// True when `real` (already canonical) is `root` or lies beneath it.
bool inside(const fs::path& real, const fs::path& root) {
    const std::string r = root.string(), p = real.string();
    return p == r || (p.size() > r.size() && p.compare(0, r.size(), r) == 0 && (r == "/" || p[r.size()] == '/'));
}

HttpResponse serve_file(const fs::path& out, const std::string& target) {
    const RequestPath rp = parse_request_path(target);
    if (rp.status != 200) return text(rp.status, "400 bad request: " + rp.reason);
    std::error_code ec;
    const fs::path root = fs::canonical(out, ec);  // per request: the build swaps the folder
    if (ec) return not_found(out);
    const fs::path real = fs::canonical(root / rp.rel, ec);
    if (ec) return not_found(root);
    if (!inside(real, root)) return text(403, "403 forbidden: the path leads outside the site");
    if (fs::is_directory(real, ec)) {
        if (rp.trailing_slash) return not_found(root);  // …/index.html is itself a folder
        // "/guide" → "/guide/" so the page's relative links resolve; the target was checked
        // above, so the Location stays a path on this server.
        const size_t q = target.find('?');
        HttpResponse r = make(301, "", "text/plain; charset=utf-8");
        r.headers.emplace_back("Location", target.substr(0, q) + "/" + (q == std::string::npos ? "" : target.substr(q)));
        return r;
    }
    std::string body;
    if (!read_file(real, body)) return not_found(root);
    const std::string type = content_type_for(real.string());
    if (type.rfind("text/html", 0) == 0) body = with_live_reload(std::move(body));
    return make(200, std::move(body), type);
}

// One page's event stream: the hello, then the latest event whenever it changes, a ping when
// woken with nothing new; it ends after a reload (the page reconnects from its new copy).
class LiveStream final : public StreamBody {
public:
    explicit LiveStream(EventHub& hub) : hub_(hub) {}
    ~LiveStream() override { hub_.leave(); }

    Pull pull(std::string& out) override {
        if (done_ || hub_.closed()) return Pull::End;
        const auto now = Clock::now();
        bool is_reload = false;
        if (first_) {
            first_ = false;
            out = hub_.hello(seen_);
        } else if (hub_.next(seen_, out, is_reload)) {
            done_ = is_reload;
        } else if (now - last_ >= kPingInterval / 2) {
            out = ": ping\n\n";
        } else {
            return Pull::Later;
        }
        last_ = now;
        return Pull::Data;
    }

private:
    EventHub& hub_;
    uint64_t seen_ = 0;
    bool first_ = true, done_ = false;
    Clock::time_point last_{};
};

HttpResponse events(const HttpRequest& req, EventHub& hub) {
    if (req.method == "HEAD") return make(200, "", "text/event-stream");
    if (!hub.join()) {
        HttpResponse r = text(503, "503 too many live-reload connections (" + std::to_string(kMaxEventClients) +
                                       "); close some tabs");
        r.headers.emplace_back("Retry-After", "5");
        return r;
    }
    HttpResponse r = make(200, "", "text/event-stream");
    r.stream = std::make_unique<LiveStream>(hub);
    return r;
}

// The path of a target, without its query or fragment.
std::string path_of(const std::string& target) { return target.substr(0, target.find_first_of("?#")); }
}  // namespace

HttpLimits connection_limits() {
    HttpLimits limits;
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

HttpResponse answer(const HttpRequest& req, const ServeSite& site, EventHub& hub) {
    // First, before anything of the site is read: a page on a name that rebinds to 127.0.0.1
    // must not read drafts or build errors.
    const std::string* host = req.header("Host");
    if (!host || !host_allowed(*host, site.port, site.bind))
        return text(421, "421 misdirected request: this server answers only http://" + url_host(site.bind) + ":" +
                             std::to_string(site.port) + "/ (or localhost, 127.0.0.1, [::1] with that port)",
                    true);
    // A refused request's connection is closed: its body is never read.
    if (req.method != "GET" && req.method != "HEAD") {
        HttpResponse r = text(405, "405 method not allowed: " + req.method + " (GET and HEAD only)", true);
        r.headers.emplace_back("Allow", "GET, HEAD");
        return r;
    }
    if (req.announces_body) return text(400, "400 bad request: a GET or HEAD request carries no body", true);
    const std::string path = path_of(req.target);
    if (path == kEventsPath) return events(req, hub);
    if (path == kScriptPath) return make(200, live_reload_js(), "text/javascript; charset=utf-8");
    try {
        HttpResponse r = serve_file(site.out, req.target);
        // Who may frame it: the rules `costbook build` writes into _headers for the static hosts.
        for (auto& h : route_headers(parse_request_path(path).rel)) r.headers.push_back(std::move(h));
        return r;
    } catch (const std::exception&) {
        return text(500, "500 internal error");
    }
}

std::string url_host(const std::string& bind) {
    if (bind == "0.0.0.0" || bind.empty()) return "127.0.0.1";
    if (bind == "::") return "[::1]";
    if (bind.find(':') != std::string::npos) return "[" + bind + "]";
    return bind;
}

}  // namespace costbook::site
