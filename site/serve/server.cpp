#include "serve/server.h"

#include <fcntl.h>
#include <netdb.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "serve/live_reload.h"
#include "serve/requests.h"

namespace fs = std::filesystem;

namespace costbook::site {

namespace {
constexpr size_t kMaxWorkers = kMaxEventClients + 32;
// Descriptors kept back from connections: the files being served, the build, inotify.
constexpr rlim_t kSpareFds = 128;
constexpr size_t kMaxRequestBody = 8 * 1024;  // GET and HEAD carry none; anything else is refused

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
}  // namespace

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

}  // namespace costbook::site
