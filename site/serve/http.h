// site: the connections under `costbook serve`: cpp-httplib parses and answers each request; this
// layer owns the sockets between requests, so an idle keep-alive connection holds no thread.
// Index: [SECTION] Limits  [SECTION] Server
//
// cpp-httplib 0.11 gives every connection a pool thread for as long as it stays open (and its
// keep-alive wait polls every 11 ms), so N keep-alive clients need N threads; it reads a request
// line and header lines of any length into memory, and any number of header lines. Here one
// epoll thread reads each request head, without blocking, up to a byte cap and a deadline; only a
// complete head goes to a worker thread, which answers it with the library's process_request and
// hands the connection back. Workers are held only while answering (or streaming events).
//
//   [X] keep-alive and pipelining (a new request may already be buffered)    [X] lingering close
//   [X] heads over the cap: 414 / 431; a head unfinished at its deadline: 408; then closed
//   [X] accept back-pressure at max_connections (the kernel's listen backlog holds the rest)
//   [ ] request bodies beyond what cpp-httplib reads itself (serve takes GET and HEAD only)
#pragma once
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>

namespace costbook::site {

// ---- [SECTION] Limits ----
struct HttpLimits {
    size_t max_head_bytes = 16 * 1024;  // request line + header lines; beyond: 414 (no line end yet) or 431
    std::chrono::milliseconds head_timeout{5000};  // first byte of a request to its blank line; then 408
    std::chrono::milliseconds idle_timeout{5000};  // keep-alive: no new request begun for this long: closed
    std::chrono::milliseconds linger{2000};        // after the last answer, unread input is drained this long
    size_t max_requests = 100;        // per connection; the last answer says Connection: close
    size_t max_connections = 4096;    // open at once; further ones wait in the listen backlog
    size_t max_threads = 64;          // workers: requests being answered plus event streams
    int listen_backlog = 1024;        // cpp-httplib 0.11 listens with a backlog of 5
};

// ---- [SECTION] Server ----
// An httplib::Server whose connections are kept by this layer. Configure it as usual (handlers,
// timeouts, payload limit), bind, call widen_backlog(), then listen_after_bind(). Its error
// handler is taken: a 400, 414 or 431 from the library, or any error response carrying
// `Connection: close`, ends the connection. Do not replace new_task_queue.
class HttpServer : public httplib::Server {
public:
    explicit HttpServer(HttpLimits limits = {});
    ~HttpServer() override;
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // After bind_to_port / bind_to_any_port: listen with limits.listen_backlog instead of 5.
    bool widen_backlog();
    const HttpLimits& limits() const { return limits_; }

private:
    class Engine;
    bool process_and_close_socket(socket_t sock) override;  // called for each accepted socket

    HttpLimits limits_;
    std::atomic<Engine*> engine_{nullptr};  // while listening
};

}  // namespace costbook::site
