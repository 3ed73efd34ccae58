// The connections under `costbook serve`: an epoll thread reads request heads, workers answer them.
// Index: [SECTION] Connection  [SECTION] Stream  [SECTION] Engine  [SECTION] Server
#include "serve/http.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <unordered_set>
#include <vector>

namespace costbook::site {

namespace {
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Input drained from a connection being closed, so the answer is not lost to a reset.
constexpr size_t kMaxDrain = 1 << 20;
// Deadlines are checked at most this often (a connection may outlive its deadline by this much).
constexpr milliseconds kSweepEvery{50};

// ---- [SECTION] Connection ----
// One client connection. It is in exactly one place at a time: the engine's hand-over list, its
// parked set (the epoll thread's), the job queue, or the worker answering it.
struct Conn {
    enum class State { Idle, Head, Closing };  // no request begun / a head arriving / draining, then close

    int fd = -1;
    State state = State::Idle;
    std::string in;          // read and not yet parsed: the next request's head, perhaps more after it
    size_t scanned = 0;      // `in` holds no blank line that starts before this offset
    size_t served = 0;       // requests answered on it
    size_t drained = 0;      // bytes discarded while Closing
    bool close_after = false;  // set while answering: this answer ends the connection
    Clock::time_point deadline{};
};

// True once `in` holds a whole request head (request line, header lines, blank line).
bool head_complete(Conn& c) {
    if (c.in.find("\r\n\r\n", c.scanned >= 3 ? c.scanned - 3 : 0) != std::string::npos) return true;
    c.scanned = c.in.size();
    return false;
}

thread_local Conn* t_answering = nullptr;  // the connection this worker is answering

// Waits until `fd` is ready for `events`; false on timeout or error.
bool wait_for(int fd, short events, int timeout_ms) {
    pollfd p{fd, events, 0};
    for (;;) {
        const int n = ::poll(&p, 1, timeout_ms);
        if (n < 0 && errno == EINTR) continue;
        return n > 0 && (p.revents & (events | POLLHUP | POLLERR));
    }
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    auto* sa = reinterpret_cast<sockaddr*>(&addr);
    if ((peer ? ::getpeername(fd, sa, &len) : ::getsockname(fd, sa, &len)) != 0) return;
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
        ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        port = ntohs(in->sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
        ::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
        port = ntohs(in6->sin6_port);
    }
    ip = text;
}

// ---- [SECTION] Stream ----
// A connection as cpp-httplib reads and writes it while answering: the buffered head first, then
// the socket (for a body; serve refuses requests that have one), with the server's timeouts.
class ConnStream final : public httplib::Stream {
public:
    ConnStream(Conn& c, int read_ms, int write_ms) : c_(c), read_ms_(read_ms), write_ms_(write_ms) {}

    bool is_readable() const override { return at_ < c_.in.size() || wait_for(c_.fd, POLLIN, read_ms_); }
    bool is_writable() const override { return wait_for(c_.fd, POLLOUT, write_ms_); }

    ssize_t read(char* ptr, size_t size) override {
        if (at_ < c_.in.size()) {
            const size_t n = std::min(size, c_.in.size() - at_);
            std::memcpy(ptr, c_.in.data() + at_, n);
            at_ += n;
            return static_cast<ssize_t>(n);
        }
        for (;;) {
            const ssize_t n = ::recv(c_.fd, ptr, size, 0);
            if (n >= 0) return n;
            if (errno == EINTR) continue;
            if (errno != EAGAIN || !wait_for(c_.fd, POLLIN, read_ms_)) return -1;
        }
    }

    ssize_t write(const char* ptr, size_t size) override {
        size_t done = 0;
        while (done < size) {
            const ssize_t n = ::send(c_.fd, ptr + done, size - done, MSG_NOSIGNAL);
            if (n > 0) {
                done += static_cast<size_t>(n);
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && errno == EAGAIN && wait_for(c_.fd, POLLOUT, write_ms_)) continue;
            return -1;
        }
        return static_cast<ssize_t>(size);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override { address_of(c_.fd, true, ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { address_of(c_.fd, false, ip, port); }
    socket_t socket() const override { return c_.fd; }

    // Drops what the library has parsed from the connection's buffer.
    void consume() {
        c_.in.erase(0, std::min(at_, c_.in.size()));
        c_.scanned = 0;
        at_ = 0;
    }

private:
    Conn& c_;
    int read_ms_, write_ms_;
    size_t at_ = 0;
};

int to_ms(time_t sec, time_t usec) { return static_cast<int>(sec * 1000 + usec / 1000); }

}  // namespace

// ---- [SECTION] Engine ----
// The task queue cpp-httplib's accept loop hands each accepted socket to. One epoll thread keeps
// every connection that is between requests; workers, started as needed up to max_threads,
// answer complete heads.
class HttpServer::Engine final : public httplib::TaskQueue {
public:
    explicit Engine(HttpServer& server) : server_(server), limits_(server.limits_) {
        ep_ = ::epoll_create1(EPOLL_CLOEXEC);
        wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (ep_ < 0 || wake_ < 0) throw std::system_error(errno, std::generic_category(), "epoll");
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.ptr = nullptr;
        ::epoll_ctl(ep_, EPOLL_CTL_ADD, wake_, &ev);
        reactor_ = std::thread([this] { run(); });
    }
    ~Engine() override {
        ::close(ep_);
        ::close(wake_);
    }

    // cpp-httplib's accept loop calls this with a task that adopts one accepted socket; it runs
    // here, at once. While max_connections are open it waits first, so further clients wait in
    // the listen backlog instead of being accepted and dropped.
    void enqueue(std::function<void()> fn) override {
        {
            std::unique_lock<std::mutex> lock(m_);
            while (open_ >= limits_.max_connections && !stopping_ && server_.svr_sock_ != INVALID_SOCKET)
                room_.wait_for(lock, milliseconds(100));
        }
        fn();
    }

    void shutdown() override {
        {
            std::lock_guard<std::mutex> lock(m_);
            stopping_ = true;
        }
        wake();
        work_.notify_all();
        room_.notify_all();
        reactor_.join();  // closes every connection it keeps
        for (std::thread& t : workers_) t.join();  // they answer what is queued, then close
        server_.engine_ = nullptr;
    }

    void adopt(int fd) {
        const int flags = ::fcntl(fd, F_GETFL);
        ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
        int one = 1;  // a response is written as head then body: do not hold the body back
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        auto* c = new Conn;
        c->fd = fd;
        {
            std::lock_guard<std::mutex> lock(m_);
            ++open_;
        }
        park(c);
    }

private:
    // ---- Hand-over between threads ----
    void wake() {
        const uint64_t one = 1;
        [[maybe_unused]] const ssize_t n = ::write(wake_, &one, sizeof one);
    }

    // Gives a connection back to the epoll thread: to wait for its next request, or to be closed.
    void hand_over(Conn* c) {
        {
            std::lock_guard<std::mutex> lock(m_);
            if (!stopping_) {
                incoming_.push_back(c);
                c = nullptr;
            }
        }
        if (c) return close(c);
        wake();
    }

    void park(Conn* c) {
        c->state = c->in.empty() ? Conn::State::Idle : Conn::State::Head;
        c->deadline = Clock::now() + (c->in.empty() ? limits_.idle_timeout : limits_.head_timeout);
        hand_over(c);
    }

    // After the last answer: send FIN, then read and discard what the client still sends until it
    // closes too (or `linger` passes), so the answer is not lost to a reset.
    void begin_closing(Conn* c) {
        ::shutdown(c->fd, SHUT_WR);
        c->state = Conn::State::Closing;
        c->deadline = Clock::now() + limits_.linger;
        c->in.clear();
        c->in.shrink_to_fit();
    }

    void close(Conn* c) {
        ::close(c->fd);
        delete c;
        {
            std::lock_guard<std::mutex> lock(m_);
            --open_;
        }
        room_.notify_one();
    }

    // ---- Workers ----
    void dispatch(Conn* c) {
        {
            std::lock_guard<std::mutex> lock(m_);
            jobs_.push_back(c);
            if (idle_ < jobs_.size() && workers_.size() < limits_.max_threads) {
                try {
                    workers_.emplace_back([this] { work(); });
                } catch (const std::system_error&) {
                    // no thread to be had: the queued job waits for a running worker
                }
            }
        }
        work_.notify_one();
    }

    void work() {
        std::unique_lock<std::mutex> lock(m_);
        for (;;) {
            ++idle_;
            work_.wait(lock, [&] { return !jobs_.empty() || stopping_; });
            --idle_;
            if (jobs_.empty()) return;  // stopping, and nothing left to answer
            Conn* c = jobs_.front();
            jobs_.pop_front();
            lock.unlock();
            answer(c);
            lock.lock();
        }
    }

    // Answers every complete request buffered on `c` (pipelined ones too), then hands it back.
    void answer(Conn* c) {
        ConnStream strm(*c, to_ms(server_.read_timeout_sec_, server_.read_timeout_usec_),
                        to_ms(server_.write_timeout_sec_, server_.write_timeout_usec_));
        for (;;) {
            const bool last = c->served + 1 >= limits_.max_requests || stopping_;
            bool client_closes = false;
            c->close_after = false;
            t_answering = c;
            const bool ok = server_.process_request(strm, last, client_closes, nullptr);
            t_answering = nullptr;
            ++c->served;
            strm.consume();
            if (!ok) return close(c);  // the client went away, or a write timed out
            if (last || client_closes || c->close_after) {
                begin_closing(c);
                return hand_over(c);
            }
            if (!head_complete(*c)) return park(c);
        }
    }

    // ---- The epoll thread ----
    void run() {
        std::vector<epoll_event> events(256);
        for (;;) {
            int timeout = -1;
            if (!parked_.empty()) {
                const auto left = std::chrono::ceil<milliseconds>(next_sweep_ - Clock::now()).count();
                timeout = static_cast<int>(std::clamp<long long>(left, 0, 60'000));
            }
            const int n = ::epoll_wait(ep_, events.data(), static_cast<int>(events.size()), timeout);
            if (n < 0 && errno != EINTR) break;
            for (int i = 0; i < n; ++i) {
                if (events[i].data.ptr == nullptr) {
                    if (!take_incoming()) return stop();
                    continue;
                }
                readable(static_cast<Conn*>(events[i].data.ptr));
            }
            if (Clock::now() >= next_sweep_) sweep();
        }
        stop();
    }

    // Registers the connections workers handed back; false once the engine is stopping.
    bool take_incoming() {
        uint64_t count;
        [[maybe_unused]] const ssize_t r = ::read(wake_, &count, sizeof count);
        std::vector<Conn*> taken;
        {
            std::lock_guard<std::mutex> lock(m_);
            if (stopping_) return false;
            taken.swap(incoming_);
        }
        for (Conn* c : taken) {
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLRDHUP;
            ev.data.ptr = c;
            if (::epoll_ctl(ep_, EPOLL_CTL_ADD, c->fd, &ev) != 0) {
                close(c);
                continue;
            }
            parked_.insert(c);
            next_sweep_ = std::min(next_sweep_, c->deadline);
        }
        return true;
    }

    void unpark(Conn* c) {
        ::epoll_ctl(ep_, EPOLL_CTL_DEL, c->fd, nullptr);
        parked_.erase(c);
    }

    void readable(Conn* c) {
        char buf[16 * 1024];
        if (c->state == Conn::State::Closing) {
            for (;;) {
                const ssize_t n = ::recv(c->fd, buf, sizeof buf, 0);
                if (n < 0 && errno == EINTR) continue;
                if (n < 0 && errno == EAGAIN) return;
                if (n > 0 && (c->drained += static_cast<size_t>(n)) <= kMaxDrain) continue;
                unpark(c);  // the client has closed too (or sends without end)
                return close(c);
            }
        }
        for (;;) {
            // Over the cap with no blank line: 414 while the request line has not even ended.
            if (c->in.size() > limits_.max_head_bytes)
                return refuse(c, c->in.find('\n') == std::string::npos ? 414 : 431);
            const size_t room = limits_.max_head_bytes + 1 - c->in.size();
            const ssize_t n = ::recv(c->fd, buf, std::min(room, sizeof buf), 0);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && errno == EAGAIN) return;
            if (n <= 0) {  // the client has gone; nothing of its is being answered
                unpark(c);
                return close(c);
            }
            if (c->state == Conn::State::Idle) {
                c->state = Conn::State::Head;
                c->deadline = Clock::now() + limits_.head_timeout;
                next_sweep_ = std::min(next_sweep_, c->deadline);
            }
            c->in.append(buf, static_cast<size_t>(n));
            if (head_complete(*c)) {
                unpark(c);
                return dispatch(c);
            }
        }
    }

    // Answers a head that is too long (414, 431) or too slow (408) and closes the connection.
    void refuse(Conn* c, int status) {
        const char* reason = status == 414   ? "URI Too Long"
                             : status == 431 ? "Request Header Fields Too Large"
                                             : "Request Timeout";
        const std::string body = std::to_string(status) + " " + reason + ": the request head is limited to " +
                                 (status == 408 ? std::to_string(limits_.head_timeout.count()) + " ms"
                                                : std::to_string(limits_.max_head_bytes) + " bytes") +
                                 "\n";
        const std::string text = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                                 "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                                 std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        [[maybe_unused]] const ssize_t n = ::send(c->fd, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        begin_closing(c);
        next_sweep_ = std::min(next_sweep_, c->deadline);
    }

    // Closes idle connections and lingering ones past their deadline; a head still arriving gets 408.
    void sweep() {
        const auto now = Clock::now();
        auto next = Clock::time_point::max();
        for (auto it = parked_.begin(); it != parked_.end();) {
            Conn* c = *it;
            if (c->deadline <= now && c->state == Conn::State::Head) refuse(c, 408);
            if (c->deadline > now) {
                next = std::min(next, c->deadline);
                ++it;
                continue;
            }
            it = parked_.erase(it);
            ::epoll_ctl(ep_, EPOLL_CTL_DEL, c->fd, nullptr);
            close(c);
        }
        next_sweep_ = std::max(next, now + kSweepEvery);
    }

    void stop() {
        for (Conn* c : parked_) close(c);
        parked_.clear();
        std::vector<Conn*> rest;
        {
            std::lock_guard<std::mutex> lock(m_);
            stopping_ = true;
            rest.swap(incoming_);
        }
        for (Conn* c : rest) close(c);
    }

    HttpServer& server_;
    const HttpLimits& limits_;
    int ep_ = -1, wake_ = -1;
    std::thread reactor_;
    // The epoll thread's own: connections between requests, and when to look at their deadlines.
    std::unordered_set<Conn*> parked_;
    Clock::time_point next_sweep_ = Clock::time_point::max();

    std::mutex m_;  // guards what follows
    std::condition_variable work_, room_;
    std::atomic<bool> stopping_{false};
    std::vector<Conn*> incoming_;  // handed back, for the epoll thread to register
    std::deque<Conn*> jobs_;       // complete heads, for a worker
    std::vector<std::thread> workers_;
    size_t idle_ = 0;              // workers waiting for a job
    size_t open_ = 0;              // connections open (any state)
};

// ---- [SECTION] Server ----
HttpServer::HttpServer(HttpLimits limits) : limits_(limits) {
    // What the library says in each answer's Keep-Alive header.
    set_keep_alive_timeout(std::chrono::duration_cast<std::chrono::seconds>(limits_.idle_timeout).count());
    set_keep_alive_max_count(limits_.max_requests);
    new_task_queue = [this] {
        auto* e = new Engine(*this);
        engine_ = e;
        return e;
    };
    // cpp-httplib answers a malformed request line or header (400) and an over-long request
    // line (414) and would then read on; a refusal that says Connection: close means it.
    set_error_handler(HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        const bool refused = res.get_header_value("Connection") == "close";
        if (refused || res.status == 400 || res.status == 414 || res.status == 431) {
            if (!refused) res.set_header("Connection", "close");
            if (t_answering) t_answering->close_after = true;
        }
        return HandlerResponse::Unhandled;
    }));
}

HttpServer::~HttpServer() = default;

bool HttpServer::widen_backlog() {
    const socket_t sock = svr_sock_;
    return sock != INVALID_SOCKET && ::listen(sock, limits_.listen_backlog) == 0;
}

bool HttpServer::process_and_close_socket(socket_t sock) {
    Engine* e = engine_;
    if (!e) {
        ::close(sock);
        return false;
    }
    e->adopt(sock);
    return true;
}

}  // namespace costbook::site
