// site/serve/http.h: the connections under `costbook serve`, under load and against request heads
// that are too long or never end: 1,000 concurrent keep-alive connections asking for real pages
// of the default site, with a deadline that fails the case instead of hanging it; oversized heads
// refused and their connections closed; endless heads cut off while other clients are served.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "serve_fixture.h"

using namespace serve_fixture;

namespace {

// Raises this process's open-file limit to its hard limit and returns the soft limit in force.
rlim_t raise_fd_limit() {
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) != 0) return 0;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &rl);
        ::getrlimit(RLIMIT_NOFILE, &rl);
    }
    return rl.rlim_cur;
}

// A non-blocking TCP socket connecting to 127.0.0.1:port (the connect may still be in progress).
int start_connect(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// A number from /proc/<pid>/status: "VmHWM:" (peak resident memory, KiB), "Threads:".
long proc_status(pid_t pid, const std::string& field) {
    const std::string status = slurp("/proc/" + std::to_string(pid) + "/status");
    const size_t at = status.find("\n" + field);
    return at == std::string::npos ? -1 : std::atol(status.c_str() + at + 1 + field.size());
}

// One response parsed off the front of `in`: false while it is incomplete; `error` when it cannot be parsed.
struct Answer {
    int status = 0;
    std::string body;
    bool close = false;  // it said Connection: close
};
bool take_answer(std::string& in, Answer& a, std::string& error) {
    const size_t end = in.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    if (in.rfind("HTTP/1.1 ", 0) != 0) {
        error = "not an HTTP/1.1 response: " + in.substr(0, 40);
        return false;
    }
    a.status = std::atoi(in.c_str() + 9);
    std::string head = in.substr(0, end + 2);
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const size_t cl = head.find("\r\ncontent-length:");
    if (cl == std::string::npos) {
        error = "no Content-Length in " + in.substr(0, end);
        return false;
    }
    const size_t length = std::strtoul(head.c_str() + cl + 17, nullptr, 10);
    if (in.size() < end + 4 + length) return false;
    a.close = head.find("\r\nconnection: close\r\n") != std::string::npos;
    a.body = in.substr(end + 4, length);
    in.erase(0, end + 4 + length);
    return true;
}

// ---- The load ----
struct LoadSpec {
    size_t connections = 1000;
    size_t requests_each = 5;
    bool close_last = false;                 // the last request on a connection asks to close it
    std::chrono::seconds deadline{20};       // a failure, never a measurement
};

struct Page {
    std::string path, body;
};

// Fails the case unless this process may open a socket for every connection of `spec`, and a few more.
void require_fds_for(const LoadSpec& spec) {
    const rlim_t limit = raise_fd_limit();
    REQUIRE_MESSAGE(limit >= spec.connections + 64, "the open-file limit (" << limit << ") is too low for the load");
}

// One keep-alive connection of the load. An even one sends each request after the answer to the
// one before, as a browser does; an odd one sends all of them at once (pipelined).
struct LoadConn {
    const LoadSpec* spec = nullptr;
    std::string host;  // the Host header's value
    int fd = -1;
    bool connected = false, pipelined = false;
    size_t first_page = 0, sent = 0, answered = 0;
    std::string out, in;
    size_t out_at = 0;
    std::string failure;  // the first thing that went wrong on it

    void queue(const std::vector<Page>& pages) {
        const Page& p = pages[(first_page + sent++) % pages.size()];
        const bool close = spec->close_last && sent == spec->requests_each;
        out += "GET " + p.path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: costbook-load\r\n" +
               (close ? "Connection: close\r\n\r\n" : "\r\n");
    }
    void flush() {
        while (out_at < out.size()) {
            const ssize_t n = ::send(fd, out.data() + out_at, out.size() - out_at, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                if (errno != EAGAIN) failure = std::string("send: ") + std::strerror(errno);
                return;
            }
            out_at += static_cast<size_t>(n);
        }
        out.clear();
        out_at = 0;
    }
    // Reads what has arrived and checks every complete answer against the page asked for.
    void receive(const std::vector<Page>& pages) {
        char buf[64 * 1024];
        std::string ended;  // how the server ended the connection, if it did
        for (;;) {
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && errno == EAGAIN) break;
            if (n <= 0) {
                ended = n == 0 ? std::string("closed by the server") : std::string("recv: ") + std::strerror(errno);
                break;
            }
            in.append(buf, static_cast<size_t>(n));
        }
        check_answers(pages);
        if (ended.empty()) return;
        if (!done())
            failure = ended + " after " + std::to_string(answered) + " of " + std::to_string(spec->requests_each) + " answers";
        ::close(fd);  // as a browser does once the server has closed
        fd = -1;
    }
    void check_answers(const std::vector<Page>& pages) {
        Answer a;
        std::string error;
        while (failure.empty() && take_answer(in, a, error)) {
            const Page& want = pages[(first_page + answered) % pages.size()];
            if (a.status != 200)
                failure = "status " + std::to_string(a.status) + " for " + want.path;
            else if (a.body != want.body)
                failure = "wrong body for " + want.path + " (" + std::to_string(a.body.size()) + " bytes, want " +
                          std::to_string(want.body.size()) + ")";
            else if (a.close && answered + 1 < spec->requests_each)
                failure = "Connection: close after " + std::to_string(answered + 1) + " answers";
            ++answered;
            if (!pipelined && sent < spec->requests_each) queue(pages);
        }
        if (!error.empty()) failure = error;
        if (failure.empty()) flush();
    }
    bool done() const { return answered == spec->requests_each || !failure.empty(); }
};

// Opens every connection (non-blocking, one epoll loop), and only once all are open sends the
// requests: the server has them all at once. Connections stay open until the Load is destroyed.
class Load {
public:
    Load(const LoadSpec& spec, int port, const std::vector<Page>& pages) : spec_(spec), pages_(pages), conns_(spec.connections) {
        ep_ = ::epoll_create1(EPOLL_CLOEXEC);
        REQUIRE(ep_ >= 0);
        for (size_t i = 0; i < conns_.size(); ++i) {
            LoadConn& c = conns_[i];
            c.spec = &spec_;
            c.host = "127.0.0.1:" + std::to_string(port);
            c.pipelined = i % 2 == 1;
            c.first_page = i;
            c.fd = start_connect(port);
            REQUIRE_MESSAGE(c.fd >= 0, "connection " << i << ": " << std::strerror(errno));
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
            ev.data.u64 = i;
            REQUIRE(::epoll_ctl(ep_, EPOLL_CTL_ADD, c.fd, &ev) == 0);
        }
    }
    ~Load() {
        for (LoadConn& c : conns_)
            if (c.fd >= 0) ::close(c.fd);
        ::close(ep_);
    }

    void run() {
        const auto t0 = Clock::now();
        size_t finished = 0;
        bool sending = false;
        std::vector<epoll_event> events(256);
        while (finished < conns_.size() && Clock::now() < t0 + spec_.deadline) {
            const int n = ::epoll_wait(ep_, events.data(), static_cast<int>(events.size()), 100);
            for (int k = 0; k < n; ++k) {
                LoadConn& c = conns_[events[k].data.u64];
                if (c.done()) continue;
                if (!c.connected) {
                    int err = 0;
                    socklen_t len = sizeof err;
                    ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
                    if (err != 0 || !(events[k].events & EPOLLOUT)) {
                        c.failure = std::string("connect: ") + std::strerror(err ? err : ECONNRESET);
                        ++finished;
                        continue;
                    }
                    c.connected = true;
                    ++connected;
                    if (!sending) continue;
                }
                c.receive(pages_);
                if (c.done()) ++finished;
            }
            if (!sending && connected + finished == conns_.size()) {
                sending = true;
                for (LoadConn& c : conns_) {
                    if (c.done()) continue;
                    do c.queue(pages_);
                    while (c.pipelined && c.sent < spec_.requests_each);
                    c.receive(pages_);  // sends; and notices a connection the server has closed meanwhile
                    if (c.done()) ++finished;
                }
            }
        }
        ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        for (size_t i = 0; i < conns_.size(); ++i) {
            answered += conns_[i].answered;
            if (conns_[i].failure.empty() && conns_[i].answered == spec_.requests_each) continue;
            if (++failed <= 5)
                failures += "  connection " + std::to_string(i) + ": " +
                            (conns_[i].failure.empty() ? "unanswered at the deadline" : conns_[i].failure) + "\n";
        }
    }

    size_t connected = 0, answered = 0, failed = 0;
    std::string failures;  // the first few
    double ms = 0;         // from the first connect to the last answer

private:
    LoadSpec spec_;
    const std::vector<Page>& pages_;
    std::vector<LoadConn> conns_;
    int ep_ = -1;
};

// The real pages of the default site as served: every index.html and the stylesheet.
std::vector<Page> served_pages(const fs::path& out) {
    std::vector<Page> pages;
    for (const auto& e : fs::recursive_directory_iterator(out)) {
        const std::string name = e.path().filename().string();
        if (!e.is_regular_file() || (name != "index.html" && name != "site.css")) continue;
        const std::string rel = fs::relative(e.path(), out).generic_string();
        pages.push_back({"/" + (name == "index.html" ? rel.substr(0, rel.size() - name.size()) : rel), slurp(e.path())});
    }
    std::sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) { return a.path < b.path; });
    return pages;
}

// ---- Heads that are too long or never end ----
// What a raw connection got back: the status of its first answer (0 if none), and whether the
// server closed it (EOF or reset) before `deadline`.
struct Cut {
    int status = 0;
    bool closed = false;
    double ms = 0;  // from the first byte sent to the close
    size_t sent = 0;
};

// Sends `head` (which does not ask to close), then `filler` over and over until an answer comes,
// and reads until the server closes the connection or `deadline` passes.
Cut send_head(int port, const std::string& head, const std::string& filler = "",
              std::chrono::milliseconds deadline = 10s) {
    Cut c;
    const int fd = start_connect(port);
    REQUIRE(fd >= 0);
    const auto t0 = Clock::now();
    std::string out = head, in;
    size_t at = 0;
    while (Clock::now() < t0 + deadline) {
        if (at == out.size() && !filler.empty() && in.empty()) {
            out.clear();
            at = 0;
            while (out.size() < 4096) out += filler;
        }
        pollfd p{fd, static_cast<short>(POLLIN | (at < out.size() ? POLLOUT : 0)), 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        if ((p.revents & POLLOUT) && at < out.size()) {
            const ssize_t n = ::send(fd, out.data() + at, out.size() - at, MSG_NOSIGNAL);
            if (n > 0) {
                at += static_cast<size_t>(n);
                c.sent += static_cast<size_t>(n);
            }
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[4096];
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n > 0) {
                in.append(buf, static_cast<size_t>(n));
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            c.closed = true;  // EOF, or a reset after the answer
            break;
        }
    }
    c.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    ::close(fd);
    if (in.rfind("HTTP/1.1 ", 0) == 0) c.status = std::atoi(in.c_str() + 9);
    return c;
}

// True while the server has neither closed `fd` nor sent anything on it.
bool still_open(int fd) {
    char b;
    const ssize_t n = ::recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && errno == EAGAIN;
}

}  // namespace

TEST_CASE("serve answers 1,000 concurrent keep-alive connections, five requests each, without losing one") {
    const LoadSpec spec;
    require_fds_for(spec);
    Served on(SiteKind::Default);
    Server& s = on.server;
    const std::vector<Page> pages = served_pages(s.out_dir);
    REQUIRE(pages.size() >= 10);
    const long rss_before = proc_status(s.pid, "VmHWM:");

    Load load(spec, s.port, pages);
    load.run();
    const long rss = proc_status(s.pid, "VmHWM:"), threads = proc_status(s.pid, "Threads:");
    MESSAGE("load: " << spec.connections << " connections, " << load.answered << " of "
                     << spec.connections * spec.requests_each << " requests answered in " << static_cast<long>(load.ms)
                     << " ms; peak server RSS " << rss / 1024.0 << " MiB (" << rss_before / 1024.0
                     << " MiB before), " << threads << " server threads");
    CHECK_MESSAGE(load.connected == spec.connections, load.connected << " connections established");
    CHECK_MESSAGE(load.failed == 0, load.failed << " connections failed:\n" << load.failures);
    CHECK(load.answered == spec.connections * spec.requests_each);
    // Every connection is still open: it still serves, and stops cleanly with 1,000 connections held.
    CHECK(raw(s.port, "GET /").status == 200);
    s.stop();
    CHECK(s.status == 0);
}

TEST_CASE("serve with few file descriptors holds further connections in the backlog and answers them all") {
    // 640 descriptors: 128 are kept for files, so 512 connections at a time; the other 488 wait to
    // be accepted. Each asks for one page and to close, which makes room for the next.
    LoadSpec spec;
    spec.requests_each = 1;
    spec.close_last = true;
    require_fds_for(spec);
    Served on(SiteKind::Default, 640);
    const Server& s = on.server;
    const std::vector<Page> pages = served_pages(s.out_dir);

    Load load(spec, s.port, pages);
    load.run();
    MESSAGE("past the cap: " << load.answered << " of " << spec.connections << " answered in "
                             << static_cast<long>(load.ms) << " ms");
    CHECK(load.connected == spec.connections);
    CHECK_MESSAGE(load.failed == 0, load.failed << " connections failed:\n" << load.failures);
    CHECK(load.answered == spec.connections);
    CHECK(raw(s.port, "GET /").status == 200);
}

TEST_CASE("serve refuses an over-long request line or head and closes the connection") {
    Served on;
    const Server& s = on.server;
    const std::string host = "Host: 127.0.0.1:" + std::to_string(s.port) + "\r\n";

    // The control: a request that is fine is answered and its connection stays open (keep-alive).
    const Cut fine = send_head(s.port, "GET / HTTP/1.1\r\n" + host + "\r\n", "", 1s);
    CHECK(fine.status == 200);
    CHECK_FALSE(fine.closed);

    std::string many_headers = "GET / HTTP/1.1\r\n" + host;
    for (int i = 0; i < 2000; ++i) many_headers += "X-Filler-" + std::to_string(i) + ": y\r\n";
    struct Case {
        std::string what;
        std::string head;
        int status;
    };
    const Case cases[] = {
        {"a request line over 8,192 bytes", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n" + host + "\r\n", 414},
        {"a request line longer than the whole head may be", "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n" + host + "\r\n", 414},
        {"a header line over 8,192 bytes", "GET / HTTP/1.1\r\n" + host + "X-Long: " + std::string(9000, 'b') + "\r\n\r\n", 431},
        {"2,000 short header lines, over 16 KiB in all", many_headers + "\r\n", 431},
        {"a request line that is not one (libmicrohttpd closes without an answer)", "NONSENSE\r\n" + host + "\r\n", 0},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        // Closed within 3 s: sooner than the 5 s a kept-alive connection may stay idle, so it was the refusal.
        const Cut cut = send_head(s.port, c.head, "", 3s);
        CHECK(cut.status == c.status);
        CHECK(cut.closed);
    }
    CHECK(raw(s.port, "GET /").status == 200);
}

TEST_CASE("serve cuts off request heads that never end, and serves other clients meanwhile") {
    Served on;
    const Server& s = on.server;
    const std::string start = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(s.port) + "\r\n";

    SUBCASE("header lines sent as fast as they go: 431 once the head no longer fits") {
        // Short lines cost libmicrohttpd's pool ~56 bytes each beyond their text, so the pool may run
        // out (431 from the library) before our 16 KiB head limit (431 from us): either way not before
        // 8 KiB, more than any browser's head.
        const Cut cut = send_head(s.port, start, "X-Endless: yyyyyyyyyyyyyyyyyyyyyyyy\r\n");
        CHECK(cut.status == 431);
        CHECK(cut.closed);
        CHECK(cut.sent > 8 * 1024);
        MESSAGE("endless head: cut off after " << cut.sent << " bytes, " << static_cast<long>(cut.ms) << " ms");
        CHECK(raw(s.port, "GET /").status == 200);
    }

    SUBCASE("60 clients sending a header line every 200 ms: 408 at the head deadline, and others are served") {
        // More slow clients than the old fixed pool had threads (48): none of them holds one.
        constexpr size_t kSlow = 60;
        constexpr auto kDeadline = std::chrono::seconds(15);  // a failure, never a measurement
        std::vector<int> fds;
        for (size_t i = 0; i < kSlow; ++i) {
            const int fd = start_connect(s.port);
            REQUIRE(fd >= 0);
            pollfd p{fd, POLLOUT, 0};
            REQUIRE(::poll(&p, 1, 5000) == 1);
            REQUIRE(::send(fd, start.data(), start.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(start.size()));
            fds.push_back(fd);
        }
        const auto t0 = Clock::now();
        const Reply other = raw(s.port, "GET /");
        CHECK(other.status == 200);
        CHECK(other.body.find("<title>Home</title>") != std::string::npos);
        size_t open_then = 0;
        for (int fd : fds) open_then += still_open(fd);
        CHECK(open_then == kSlow);  // the answer came while every slow head was still arriving

        std::vector<std::string> got(kSlow);
        std::vector<double> cut_ms(kSlow, -1);
        size_t cut = 0;
        auto next_line = Clock::now();
        while (cut < kSlow && Clock::now() < t0 + kDeadline) {
            if (Clock::now() >= next_line) {
                const std::string line = "X-Slow: " + std::to_string(next_line.time_since_epoch().count()) + "\r\n";
                for (size_t i = 0; i < kSlow; ++i)
                    if (cut_ms[i] < 0) ::send(fds[i], line.data(), line.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
                next_line += 200ms;
            }
            std::vector<pollfd> ps;
            for (size_t i = 0; i < kSlow; ++i) ps.push_back({cut_ms[i] < 0 ? fds[i] : -1, POLLIN, 0});
            if (::poll(ps.data(), ps.size(), 50) <= 0) continue;
            for (size_t i = 0; i < kSlow; ++i) {
                if (cut_ms[i] >= 0 || !(ps[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                char buf[1024];
                const ssize_t n = ::recv(fds[i], buf, sizeof buf, MSG_DONTWAIT);
                if (n > 0) got[i].append(buf, static_cast<size_t>(n));
                if (n > 0 || (n < 0 && (errno == EAGAIN || errno == EINTR))) continue;
                cut_ms[i] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                ++cut;
            }
        }
        for (int fd : fds) ::close(fd);
        CHECK(cut == kSlow);
        size_t timed_out = 0;
        for (const std::string& g : got) timed_out += g.rfind("HTTP/1.1 408 ", 0) == 0;
        CHECK(timed_out == kSlow);
        MESSAGE("slow heads: " << cut << " of " << kSlow << " cut off, the last after "
                               << static_cast<long>(*std::max_element(cut_ms.begin(), cut_ms.end())) << " ms");
        CHECK(raw(s.port, "GET /").status == 200);
    }
}

// ---- The libmicrohttpd layer: what it answers, from raw bytes on a socket ----
#include <doctest/doctest.h>

#include <string>

#include "serve_fixture.h"
#include "wire.h"

using namespace serve_fixture;
using wire::answers;
using wire::exchange;

namespace {
const std::string kSmuggled = "GET /smuggled/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

TEST_CASE("a head that could carry a body past the no-body rule is refused, closed, and nothing after it is read") {
    Served on;
    const int port = on.server.port;
    const std::string h = wire::host(port);
    struct Case {
        const char* what;
        std::string head;
    };
    const Case cases[] = {
        {"a second Content-Length", "GET / HTTP/1.1\r\n" + h + "Content-Length: 0\r\nContent-Length: " +
                                        std::to_string(kSmuggled.size()) + "\r\n\r\n"},
        {"the first Content-Length of two non-zero", "GET / HTTP/1.1\r\n" + h + "Content-Length: " +
                                                         std::to_string(kSmuggled.size()) + "\r\nContent-Length: 0\r\n\r\n"},
        {"`Transfer-Encoding :` with a space", "GET / HTTP/1.1\r\n" + h + "Transfer-Encoding : chunked\r\n\r\n"},
        {"`Transfer-Encoding` with a tab before the colon", "GET / HTTP/1.1\r\n" + h + "Transfer-Encoding\t: chunked\r\n\r\n"},
        {"Transfer-Encoding: chunked on a GET", "GET / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n"},
        {"Transfer-Encoding: identity on a HEAD", "HEAD / HTTP/1.1\r\n" + h + "Transfer-Encoding: identity\r\n\r\n"},
        {"Content-Length beside Transfer-Encoding", "GET / HTTP/1.1\r\n" + h + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"},
        {"a Content-Length on a GET", "GET / HTTP/1.1\r\n" + h + "Content-Length: " + std::to_string(kSmuggled.size()) + "\r\n\r\n"},
        {"a POST with a body", "POST / HTTP/1.1\r\n" + h + "Content-Length: " + std::to_string(kSmuggled.size()) + "\r\n\r\n"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        const wire::Exchange x = wire::exchange(port, c.head + kSmuggled);
        const auto got = wire::answers(x.in);
        REQUIRE(got.size() == 1);  // the bytes after the head were never taken for a request
        CHECK((got[0].status == 400 || got[0].status == 405));
        CHECK(got[0].header("Connection") == "close");
        CHECK(x.closed);
        CHECK(x.in.find("smuggled") == std::string::npos);
    }
    // The control: two plain requests on one connection are both answered.
    const auto both = wire::answers(wire::exchange(port, "GET / HTTP/1.1\r\n" + h + "\r\nGET /no/such/ HTTP/1.1\r\n" + h +
                                                 "Connection: close\r\n\r\n").in);
    REQUIRE(both.size() == 2);
    CHECK(both[0].status == 200);
    CHECK(both[1].status == 404);
}

TEST_CASE("a Range request gets the whole file with 200, however many ranges it asks for") {
    Served on(SiteKind::Default);
    const int port = on.server.port;
    const std::string css = slurp(fs::path(on.server.out_dir) / "css/site.css");
    REQUIRE(css.size() > 1000);
    const auto one = wire::answers(wire::exchange(port, "GET /css/site.css HTTP/1.1\r\n" + wire::host(port) +
                                                "Range: bytes=0-9\r\nConnection: close\r\n\r\n").in);
    REQUIRE(one.size() == 1);
    CHECK(one[0].status == 200);
    CHECK(one[0].body == css);
    CHECK(one[0].header("Accept-Ranges") == "none");
    CHECK(one[0].header("Content-Range") == "");

    // 2,600 overlapping ranges in one 8 KB head: one copy of the file, not 2,600.
    std::string ranges = "bytes=0-";
    for (int i = 1; i < 2600; ++i) ranges += ",0-";
    REQUIRE(ranges.size() < 8000);
    const wire::Exchange x = wire::exchange(port, "GET /css/site.css HTTP/1.1\r\n" + wire::host(port) + "Range: " + ranges +
                                                "\r\nConnection: close\r\n\r\n");
    const auto many = wire::answers(x.in);
    REQUIRE(many.size() == 1);
    CHECK(many[0].status == 200);
    CHECK(many[0].body == css);
    CHECK(x.in.size() < css.size() + 1024);
}

TEST_CASE("a request head may be 16 KiB exactly; one byte more is 431, a long line 414 or 431") {
    Served on;
    const int port = on.server.port;
    // "GET / HTTP/1.1\r\n" + Host + three X-Fill lines + "\r\n", padded to `total` bytes in all.
    auto head_of = [&](size_t total) {
        const std::string start = "GET / HTTP/1.1\r\n" + wire::host(port) + "Connection: close\r\n";
        std::string fill;
        const size_t room = total - start.size() - 2;  // the blank line
        for (int i = 0; i < 3; ++i) {
            const size_t line = i < 2 ? room / 3 : room - 2 * (room / 3);
            fill += "X-Fill-" + std::to_string(i) + ": " + std::string(line - 12, 'y') + "\r\n";
        }
        std::string head = start + fill + "\r\n";
        REQUIRE(head.size() == total);
        return head;
    };
    CHECK(wire::answers(wire::exchange(port, head_of(16 * 1024)).in).at(0).status == 200);
    const wire::Exchange over = wire::exchange(port, head_of(16 * 1024 + 1));
    CHECK(wire::answers(over.in).at(0).status == 431);
    CHECK(over.closed);

    const std::string long_line = "GET /" + std::string(8 * 1024, 'a') + " HTTP/1.1\r\n" + wire::host(port) + "\r\n";
    CHECK(wire::answers(wire::exchange(port, long_line).in).at(0).status == 414);
    const std::string long_header = "GET / HTTP/1.1\r\n" + wire::host(port) + "X-Long: " + std::string(8 * 1024, 'b') + "\r\n\r\n";
    CHECK(wire::answers(wire::exchange(port, long_header).in).at(0).status == 431);
}

TEST_CASE("a connection gets 408 and is closed 5 s after it opened or was last answered without a whole head") {
    Served on;
    const int port = on.server.port;
    SUBCASE("an idle keep-alive connection, after its answer") {
        const int fd = wire::connect_to(port);
        const std::string get = "GET / HTTP/1.1\r\n" + wire::host(port) + "\r\n";
        REQUIRE(::send(fd, get.data(), get.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(get.size()));
        const auto t0 = wire::Clock::now();
        const wire::Exchange x = wire::read_all(fd, t0, 9s, 9s);
        ::close(fd);
        const auto got = wire::answers(x.in);
        REQUIRE(got.size() == 2);
        CHECK(got[0].status == 200);
        CHECK(got[1].status == 408);
        CHECK(x.closed);
        MESSAGE("idle keep-alive connection closed after " << x.ms << " ms");
        CHECK(x.ms > 4500);
        CHECK(x.ms < 6500);
    }
    SUBCASE("a connection that never sends a byte") {
        const int fd = wire::connect_to(port);
        const wire::Exchange x = wire::read_all(fd, wire::Clock::now(), 9s, 9s);
        ::close(fd);
        CHECK(x.in.rfind("HTTP/1.1 408 ", 0) == 0);
        CHECK(x.closed);
        CHECK(x.ms > 4500);
        CHECK(x.ms < 6500);
    }
}

TEST_CASE("the 100th request on a connection is its last") {
    Served on;
    const int port = on.server.port;
    std::string pipelined;
    for (int i = 0; i < 101; ++i) pipelined += "GET /no/such/" + std::to_string(i) + "/ HTTP/1.1\r\n" + wire::host(port) + "\r\n";
    const wire::Exchange x = wire::exchange(port, pipelined);
    const auto got = wire::answers(x.in);
    REQUIRE(got.size() == 100);
    CHECK(got[98].header("Connection") == "");
    CHECK(got[99].header("Connection") == "close");
    CHECK(x.closed);
}

TEST_CASE("a parked event stream holds no thread, is woken for each event, and stopping ends it") {
    Served on;
    const int port = on.server.port;
    const std::string events = "GET /__costbook/events HTTP/1.1\r\n" + wire::host(port) + "Accept: text/event-stream\r\n\r\n";
    const int fd = wire::connect_to(port);
    REQUIRE(::send(fd, events.data(), events.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(events.size()));
    const wire::Exchange hello = wire::read_all(fd, wire::Clock::now(), 500ms);
    CHECK(hello.in.rfind("HTTP/1.1 200 ", 0) == 0);
    CHECK(hello.in.find("Content-Type: text/event-stream") != std::string::npos);
    CHECK(hello.in.find("retry: 1000") != std::string::npos);
    CHECK_FALSE(hello.closed);
    // Parked: pings every few seconds, and pages are answered meanwhile.
    const wire::Exchange idle = wire::read_all(fd, wire::Clock::now(), 4500ms, 4500ms);
    CHECK(idle.in.find(": ping") != std::string::npos);
    CHECK(raw(port, "GET /").status == 200);

    on.server.stop();  // SIGTERM: libmicrohttpd must not be stopped with the stream suspended
    CHECK(on.server.status == 0);
    const wire::Exchange end = wire::read_all(fd, wire::Clock::now(), 2s);
    CHECK(end.closed);
    ::close(fd);
}
