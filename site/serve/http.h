// site: the connections under `costbook serve`, on libmicrohttpd's public API: it parses every
// request and keeps every connection in its epoll threads; this layer adds what it does not do.
// Index: [SECTION] Limits  [SECTION] Requests and answers  [SECTION] Server
//
// libmicrohttpd (Debian's 0.9.75) reads each request head into a per-connection memory pool and
// answers a head that does not fit with 414 (request line unfinished) or 431, and closes; it
// closes a connection that is inactive for its timeout; it stops accepting at its connection
// limit, so further clients wait in the listen backlog. It has no deadline for a whole head (a
// client sending a byte a second keeps a connection for hours), takes any Transfer-Encoding
// spelling it does not recognise as no body, and believes the first of two Content-Lengths.
// This layer, around it:
//
//   [X] a head must be complete within head_timeout of the connection opening or of its
//       previous answer: 408, then closed (idle keep-alive connections alike)
//   [X] heads over max_head_bytes: 431; a request line over max_line_bytes: 414; a header line
//       over max_line_bytes: 431; each closes the connection
//   [X] framing that could smuggle a body (serve/requests.h): 400, then closed
//   [X] a request that announces a body is answered at once and its body never read (closed)
//   [X] the Nth request on a connection is its last (Connection: close)
//   [X] streamed answers (server-sent events) that hold no thread: parked until wake_streams()
//   [ ] request bodies (serve answers GET and HEAD only)   [ ] Range (ignored: every answer is whole)
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace costbook::site {

// ---- [SECTION] Limits ----
struct HttpLimits {
    size_t max_head_bytes = 16 * 1024;    // request line + header lines; beyond: 431 (414 while the line is unfinished)
    size_t max_line_bytes = 8 * 1024;     // the request line (414 beyond) or one header line (431 beyond)
    size_t memory_bytes = 24 * 1024;      // libmicrohttpd's pool per connection, all of it touched: the head being
                                          // read, ~56 bytes per header line, the answer's head; what does not fit: 414/431
    std::chrono::milliseconds head_timeout{5000};  // from opening or the previous answer to a complete head; then 408
    unsigned inactivity_timeout_s = 10;   // libmicrohttpd's: a client that takes nothing of an answer this long is dropped
    size_t max_requests = 100;            // per connection; the last answer says Connection: close
    size_t max_connections = 4096;        // open at once; further ones wait in the listen backlog
    int listen_backlog = 1024;
    unsigned threads = 1;                 // libmicrohttpd's epoll threads; above 1 a thread pool, whose workers in
                                          // 0.9.75 can stall at their share of the connection limit (seen here)
    std::chrono::milliseconds stream_wake{3000};  // parked streams are asked again this often (pings)
};

// ---- [SECTION] Requests and answers ----
struct HttpRequest {
    std::string method;                   // as sent: "GET"
    std::string target;                   // the raw request target: "/a/b/?x=1", undecoded
    std::string version;                  // "HTTP/1.1"
    std::vector<std::pair<std::string, std::string>> headers;  // in order, names as sent
    bool announces_body = false;          // Content-Length other than 0, or any Transfer-Encoding
    // The value of the first header named `name` (ASCII case-insensitive), or nullptr.
    const std::string* header(const std::string& name) const;
};

// A body that arrives over time. `pull` is called on a server thread whenever the connection can
// take more; it must not block. Data: `out` holds bytes to send; Later: nothing now, the
// connection is parked (no thread held) until HttpServer::wake_streams() or stream_wake passes;
// End: the answer is complete.
class StreamBody {
public:
    enum class Pull { Data, Later, End };
    virtual ~StreamBody() = default;
    virtual Pull pull(std::string& out) = 0;
};

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::unique_ptr<StreamBody> stream;   // set: the body comes from it (chunked), `body` is ignored
    bool close = false;                   // Connection: close after this answer
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// ---- [SECTION] Server ----
// listen() binds and listens at once, so clients that connect before start() wait in the backlog;
// start() hands the socket to libmicrohttpd. stop() ends every stream, then every connection.
class HttpServer {
public:
    explicit HttpServer(HttpLimits limits = {});
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // False with `err` (the errno, 0 for a name that does not resolve) and `why` set.
    bool listen(const std::string& host, int port, int& err, std::string& why);
    int port() const { return port_; }
    bool start(HttpHandler handler, std::string& why);
    void wake_streams();                  // any thread: every parked stream is asked again
    void stop();
    const HttpLimits& limits() const { return limits_; }

    class Impl;

private:
    HttpLimits limits_;
    int listen_fd_ = -1;
    int port_ = 0;
    bool ipv6_ = false;
    std::unique_ptr<Impl> impl_;
};

}  // namespace costbook::site
