// tests: bytes to and from `costbook serve` exactly as given, and the answers in them
// Index: [SECTION] Exchange  [SECTION] Answers
#pragma once
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

namespace wire {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// ---- [SECTION] Exchange ----
struct Exchange {
    std::string in;     // everything the server sent
    bool closed = false;  // the server closed the connection (EOF or reset)
    double ms = 0;      // from the send to the close, or to the last byte
};

inline int connect_to(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    return fd;
}

// Reads from `fd` until the server closes it, or nothing arrives for `quiet`, or `limit` passes.
inline Exchange read_all(int fd, Clock::time_point t0, std::chrono::milliseconds quiet,
                         std::chrono::milliseconds limit = 20s) {
    Exchange x;
    auto last = Clock::now();
    while (Clock::now() < t0 + limit && Clock::now() < last + quiet) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 20) <= 0) continue;
        char buf[64 * 1024];
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n > 0) {
            x.in.append(buf, static_cast<size_t>(n));
            last = Clock::now();
            continue;
        }
        x.closed = true;
        break;
    }
    x.ms = std::chrono::duration<double, std::milli>((x.closed ? Clock::now() : last) - t0).count();
    return x;
}

// Sends `bytes` on a new connection and reads what comes back (see read_all).
inline Exchange exchange(int port, const std::string& bytes, std::chrono::milliseconds quiet = 1500ms) {
    const int fd = connect_to(port);
    const auto t0 = Clock::now();
    REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
    Exchange x = read_all(fd, t0, quiet);
    ::close(fd);
    return x;
}

inline std::string host(int port) { return "Host: 127.0.0.1:" + std::to_string(port) + "\r\n"; }

// ---- [SECTION] Answers ----
struct Answer {
    int status = 0;
    std::string head, body;  // head: status line and headers, without the blank line
    // A header's value (name ASCII case-insensitive), or "" when there is none.
    std::string header(const std::string& name) const {
        std::string h = head, n = "\r\n" + name + ":";
        for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const size_t at = h.find(n);
        if (at == std::string::npos) return "";
        size_t from = at + n.size();
        while (from < head.size() && head[from] == ' ') ++from;
        return head.substr(from, head.find("\r\n", from) - from);
    }
};

// Every answer in `in`, each with a Content-Length body (HEAD answers have none: do not mix them in).
inline std::vector<Answer> answers(const std::string& in) {
    std::vector<Answer> out;
    size_t at = 0;
    while (at < in.size()) {
        const size_t end = in.find("\r\n\r\n", at);
        if (end == std::string::npos || in.compare(at, 9, "HTTP/1.1 ") != 0) break;
        Answer a;
        a.head = in.substr(at, end - at);
        a.status = std::atoi(a.head.c_str() + 9);
        const std::string length = a.header("Content-Length");
        const size_t n = length.empty() ? 0 : std::strtoul(length.c_str(), nullptr, 10);
        a.body = in.substr(end + 4, n);
        out.push_back(a);
        at = end + 4 + n;
    }
    return out;
}

}  // namespace wire
