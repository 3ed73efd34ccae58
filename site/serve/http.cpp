// The connections under `costbook serve`: libmicrohttpd's epoll threads, this layer's checks on
// each head, streamed answers parked between events, and a watchdog for head deadlines.
// Index: [SECTION] State  [SECTION] Callbacks  [SECTION] Answers  [SECTION] Streams
//        [SECTION] Watchdog  [SECTION] Server
#include "serve/http.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "serve/requests.h"

namespace costbook::site {

namespace {
using Clock = std::chrono::steady_clock;
// Head deadlines are looked at this often (a connection may outlive its deadline by this much).
constexpr std::chrono::milliseconds kSweepEvery{50};
// What libmicrohttpd asks a stream for at most at once.
constexpr size_t kStreamBlock = 16 * 1024;

bool iequal(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

HttpResponse text(int status, const std::string& message) {
    HttpResponse r;
    r.status = status;
    r.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    r.body = message + "\n";
    r.close = true;
    return r;
}

// ---- [SECTION] State ----
// A connection as this layer tracks it: libmicrohttpd's socket context, from its opening to its
// close. Waiting: no request is being answered, and a complete head is due by `deadline`.
struct Conn {
    enum class State { Waiting, Answering, Cut };
    MHD_socket fd = -1;
    State state = State::Waiting;
    Clock::time_point deadline{};
    size_t served = 0;  // requests begun on it
};

// One request: libmicrohttpd's request context, made when its request line has arrived (the raw
// target is known only then), freed when the request completes.
struct Req {
    HttpRequest request;
    bool called = false;  // the handler has seen the complete head
    bool last = false;    // the connection's max_requests-th: its answer closes it
};

// A streamed answer: libmicrohttpd's content reader over a StreamBody, parked (the connection
// suspended) while the body has nothing to say.
struct Stream {
    HttpServer::Impl* impl = nullptr;
    MHD_Connection* connection = nullptr;
    std::unique_ptr<StreamBody> body;
    std::string pending;
    size_t at = 0;
    bool parked = false;
};
}  // namespace

// ---- [SECTION] Callbacks ----
class HttpServer::Impl {
public:
    Impl(const HttpLimits& limits, HttpHandler handler) : limits_(limits), handler_(std::move(handler)) {}

    bool start(int listen_fd, bool ipv6, std::string& why) {
        unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME;
        if (ipv6) flags |= MHD_USE_IPv6;
        const unsigned threads = std::max(1u, limits_.threads);
        daemon_ = MHD_start_daemon(
            flags, 0, nullptr, nullptr, &Impl::on_request, this,
            MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(listen_fd),
            MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(limits_.max_connections),
            MHD_OPTION_CONNECTION_TIMEOUT, limits_.inactivity_timeout_s,
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, limits_.memory_bytes,
            MHD_OPTION_THREAD_POOL_SIZE, threads,  // 1: no pool, the one epoll thread
            MHD_OPTION_NOTIFY_CONNECTION, &Impl::on_connection, this,
            MHD_OPTION_URI_LOG_CALLBACK, &Impl::on_request_line, this,
            MHD_OPTION_NOTIFY_COMPLETED, &Impl::on_completed, this,
            MHD_OPTION_STRICT_FOR_CLIENT, 1,       // an HTTP/1.1 request without Host, or a space in the target: 400
            MHD_OPTION_SIGPIPE_HANDLED_BY_APP, 1,  // costbook serve ignores SIGPIPE
            MHD_OPTION_END);
        if (!daemon_) {
            why = "libmicrohttpd did not start";
            return false;
        }
        watchdog_ = std::thread([this] { watch(); });
        return true;
    }

    void stop() {
        {
            // Streams end instead of parking again; parked ones are resumed, as libmicrohttpd
            // may not be stopped with a connection suspended.
            std::lock_guard<std::mutex> lock(streams_m_);
            closing_ = true;
            resume_parked();
        }
        if (daemon_) MHD_stop_daemon(daemon_);
        daemon_ = nullptr;
        {
            std::lock_guard<std::mutex> lock(watch_m_);
            stopping_ = true;
        }
        watch_cv_.notify_all();
        if (watchdog_.joinable()) watchdog_.join();
    }

    void wake_streams() {
        std::lock_guard<std::mutex> lock(streams_m_);
        resume_parked();
    }

private:
    static void on_connection(void* cls, MHD_Connection* connection, void** socket_context,
                              MHD_ConnectionNotificationCode code) {
        auto* self = static_cast<Impl*>(cls);
        if (code == MHD_CONNECTION_NOTIFY_STARTED) {
            auto* c = new Conn;
            const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
            c->fd = info ? info->connect_fd : -1;
            c->deadline = Clock::now() + self->limits_.head_timeout;
            *socket_context = c;
            std::lock_guard<std::mutex> lock(self->conns_m_);
            self->conns_.insert(c);
            return;
        }
        // Closed: libmicrohttpd closes the socket after this returns, so the watchdog, which
        // writes to it only under conns_m_, never touches a descriptor that was reused.
        auto* c = static_cast<Conn*>(*socket_context);
        if (!c) return;
        {
            std::lock_guard<std::mutex> lock(self->conns_m_);
            self->conns_.erase(c);
        }
        delete c;
        *socket_context = nullptr;
    }

    static void* on_request_line(void*, const char* uri, MHD_Connection*) {
        auto* r = new Req;
        r->request.target = uri ? uri : "";
        return r;
    }

    static void on_completed(void* cls, MHD_Connection* connection, void** req_cls, MHD_RequestTerminationCode) {
        auto* self = static_cast<Impl*>(cls);
        delete static_cast<Req*>(*req_cls);
        *req_cls = nullptr;
        if (Conn* c = conn_of(connection)) {
            std::lock_guard<std::mutex> lock(self->conns_m_);
            if (c->state == Conn::State::Answering) {
                c->state = Conn::State::Waiting;
                c->deadline = Clock::now() + self->limits_.head_timeout;
            }
        }
    }

    static Conn* conn_of(MHD_Connection* connection) {
        const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        return info ? static_cast<Conn*>(info->socket_context) : nullptr;
    }

    static MHD_Result collect_header(void* cls, MHD_ValueKind, const char* key, size_t key_size, const char* value,
                                     size_t value_size) {
        std::string v(value ? value : "", value ? value_size : 0);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();  // trailing OWS is no part of it
        static_cast<HeaderList*>(cls)->emplace_back(std::string(key, key_size), std::move(v));
        return MHD_YES;
    }

    // Called once the head is complete (first call), then once more when the request is (no body:
    // at once). An answer queued in the first call closes the connection and leaves any body
    // unread; every other answer is queued in the second, so keep-alive goes on.
    static MHD_Result on_request(void* cls, MHD_Connection* connection, const char*, const char* method,
                                 const char* version, const char*, size_t* upload_size, void** req_cls) {
        auto* self = static_cast<Impl*>(cls);
        auto* r = static_cast<Req*>(*req_cls);
        Conn* c = conn_of(connection);
        if (!r || !c) return MHD_NO;
        if (r->called) {
            if (*upload_size != 0) return MHD_NO;  // a body, after an answer that refused it
            HttpResponse res = self->handler_(r->request);
            res.close = res.close || r->last;
            return self->answer(connection, std::move(res));
        }
        r->called = true;
        {
            std::lock_guard<std::mutex> lock(self->conns_m_);
            if (c->state == Conn::State::Cut) return MHD_NO;  // the watchdog has answered 408
            c->state = Conn::State::Answering;
            r->last = ++c->served >= self->limits_.max_requests;
        }
        HttpRequest& req = r->request;
        req.method = method;
        req.version = version;
        MHD_get_connection_values_n(connection, MHD_HEADER_KIND, &Impl::collect_header, &req.headers);
        req.announces_body = announces_body(req.headers);

        if (HttpResponse refusal = self->check_head(connection, req); refusal.status)
            return self->answer(connection, std::move(refusal));
        if (req.announces_body) {
            HttpResponse res = self->handler_(req);
            res.close = true;  // its body is never read
            return self->answer(connection, std::move(res));
        }
        return MHD_YES;
    }

    // The limits libmicrohttpd does not keep itself; status 0 when the head passes.
    HttpResponse check_head(MHD_Connection* connection, const HttpRequest& req) const {
        const size_t line = req.method.size() + 1 + req.target.size() + 1 + req.version.size();
        if (line > limits_.max_line_bytes)
            return text(414, "414 uri too long: the request line is limited to " + std::to_string(limits_.max_line_bytes) + " bytes");
        const MHD_ConnectionInfo* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
        if (info && info->header_size > limits_.max_head_bytes)
            return text(431, "431 request header fields too large: the request head is limited to " +
                                 std::to_string(limits_.max_head_bytes) + " bytes");
        for (const auto& [name, value] : req.headers)
            if (name.size() + 2 + value.size() > limits_.max_line_bytes)
                return text(431, "431 request header fields too large: a header line is limited to " +
                                     std::to_string(limits_.max_line_bytes) + " bytes");
        if (const std::string problem = head_problem(req.headers); !problem.empty())
            return text(400, "400 bad request: " + problem);
        HttpResponse pass;
        pass.status = 0;
        return pass;
    }

    MHD_Result answer(MHD_Connection* connection, HttpResponse res);         // queues it
    static ssize_t stream_read(void* cls, uint64_t, char* buf, size_t max);  // libmicrohttpd's content reader
    static void stream_free(void* cls);
    void resume_parked();  // under streams_m_
    void watch();          // the watchdog thread
    void cut(Conn& c);     // under conns_m_: 408, and the connection shut down

    HttpLimits limits_;
    HttpHandler handler_;
    MHD_Daemon* daemon_ = nullptr;

    std::mutex conns_m_;  // guards conns_ and every Conn's state, deadline and served
    std::unordered_set<Conn*> conns_;

    std::mutex streams_m_;  // guards streams_, every Stream, closing_
    std::unordered_set<Stream*> streams_;
    bool closing_ = false;

    std::mutex watch_m_;
    std::condition_variable watch_cv_;
    bool stopping_ = false;
    std::thread watchdog_;
};


// ---- [SECTION] Answers ----
MHD_Result HttpServer::Impl::answer(MHD_Connection* connection, HttpResponse res) {
    MHD_Response* response = nullptr;
    if (res.stream) {
        auto* s = new Stream{this, connection, std::move(res.stream), {}, 0, false};
        {
            std::lock_guard<std::mutex> lock(streams_m_);
            streams_.insert(s);
        }
        response = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, kStreamBlock, &Impl::stream_read, s,
                                                     &Impl::stream_free);
        if (!response) stream_free(s);
    } else {
        auto* body = new std::string(std::move(res.body));
        response = MHD_create_response_from_buffer_with_free_callback_cls(
            body->size(), body->data(), [](void* p) { delete static_cast<std::string*>(p); }, body);
        if (!response) delete body;
    }
    if (!response) return MHD_NO;
    for (const auto& [name, value] : res.headers) MHD_add_response_header(response, name.c_str(), value.c_str());
    if (res.close) MHD_add_response_header(response, "Connection", "close");
    const MHD_Result queued = MHD_queue_response(connection, static_cast<unsigned>(res.status), response);
    MHD_destroy_response(response);  // libmicrohttpd holds its own reference until the answer is sent
    return queued;
}

// ---- [SECTION] Streams ----
ssize_t HttpServer::Impl::stream_read(void* cls, uint64_t, char* buf, size_t max) {
    auto* s = static_cast<Stream*>(cls);
    Impl* self = s->impl;
    std::lock_guard<std::mutex> lock(self->streams_m_);
    if (s->at == s->pending.size()) {
        s->pending.clear();
        s->at = 0;
        if (self->closing_) return MHD_CONTENT_READER_END_OF_STREAM;
        // Decided under streams_m_, as wake_streams() is: an event published after this pull
        // finds the stream parked and resumes it.
        if (s->body->pull(s->pending) == StreamBody::Pull::End) return MHD_CONTENT_READER_END_OF_STREAM;
        if (s->pending.empty()) {
            s->parked = true;
            MHD_suspend_connection(s->connection);
            return 0;
        }
    }
    const size_t n = std::min(max, s->pending.size() - s->at);
    std::memcpy(buf, s->pending.data() + s->at, n);
    s->at += n;
    return static_cast<ssize_t>(n);
}

void HttpServer::Impl::stream_free(void* cls) {
    auto* s = static_cast<Stream*>(cls);
    {
        std::lock_guard<std::mutex> lock(s->impl->streams_m_);
        s->impl->streams_.erase(s);
    }
    delete s;
}

void HttpServer::Impl::resume_parked() {
    for (Stream* s : streams_) {
        if (!s->parked) continue;
        s->parked = false;
        MHD_resume_connection(s->connection);
    }
}

// ---- [SECTION] Watchdog ----
// Heads past their deadline get 408 and the connection is shut down (libmicrohttpd then sees it
// end and closes it); parked streams are asked again every stream_wake, so a stream can send a
// ping and a closed tab's connection fails its write and is freed.
void HttpServer::Impl::watch() {
    auto next_wake = Clock::now() + limits_.stream_wake;
    std::unique_lock<std::mutex> wlock(watch_m_);
    while (!watch_cv_.wait_for(wlock, kSweepEvery, [&] { return stopping_; })) {
        const auto now = Clock::now();
        {
            std::lock_guard<std::mutex> lock(conns_m_);
            for (Conn* c : conns_)
                if (c->state == Conn::State::Waiting && c->deadline <= now) cut(*c);
        }
        if (now >= next_wake) {
            wake_streams();
            next_wake = now + limits_.stream_wake;
        }
    }
}

void HttpServer::Impl::cut(Conn& c) {
    // No answer is being written on it (Waiting): the 408 cannot interleave with one.
    const std::string body = "408 request timeout: a request head must arrive within " +
                             std::to_string(limits_.head_timeout.count()) + " ms\n";
    const std::string msg = "HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                            std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    [[maybe_unused]] const ssize_t n = ::send(c.fd, msg.data(), msg.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(c.fd, SHUT_RDWR);
    c.state = Conn::State::Cut;
}

// ---- [SECTION] Server ----
const std::string* HttpRequest::header(const std::string& name) const {
    for (const auto& [n, v] : headers)
        if (iequal(n, name)) return &v;
    return nullptr;
}

HttpServer::HttpServer(HttpLimits limits) : limits_(limits) {}

HttpServer::~HttpServer() {
    stop();
    if (listen_fd_ >= 0) ::close(listen_fd_);
}

bool HttpServer::listen(const std::string& host, int port, int& err, std::string& why) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* res = nullptr;
    err = 0;
    if (const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res); rc != 0) {
        why = std::string("cannot resolve `") + host + "`: " + gai_strerror(rc);
        return false;
    }
    const int fd = ::socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, res->ai_protocol);
    if (fd < 0) {
        err = errno;
    } else {
        // SO_REUSEADDR allows a quick restart; never SO_REUSEPORT, which would let a second
        // server share a busy port silently.
        int yes = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (res->ai_family == AF_INET6) ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &yes, sizeof yes);
        if (::bind(fd, res->ai_addr, res->ai_addrlen) != 0 || ::listen(fd, limits_.listen_backlog) != 0) err = errno;
    }
    ipv6_ = res->ai_family == AF_INET6;
    ::freeaddrinfo(res);
    if (err) {
        if (fd >= 0) ::close(fd);
        why = std::strerror(err);
        return false;
    }
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                                       : ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
    listen_fd_ = fd;
    return true;
}

bool HttpServer::start(HttpHandler handler, std::string& why) {
    if (listen_fd_ < 0) {
        why = "not listening";
        return false;
    }
    impl_ = std::make_unique<Impl>(limits_, std::move(handler));
    if (impl_->start(listen_fd_, ipv6_, why)) {
        listen_fd_ = -1;  // libmicrohttpd's now: MHD_stop_daemon closes it
        return true;
    }
    impl_.reset();
    return false;
}

void HttpServer::wake_streams() {
    if (impl_) impl_->wake_streams();
}

void HttpServer::stop() {
    if (!impl_) return;
    impl_->stop();
    impl_.reset();
}

}  // namespace costbook::site
