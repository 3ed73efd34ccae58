// tests: `costbook serve` as a child process on a temporary copy of a site, and raw requests to it
// Index: [SECTION] Sites  [SECTION] Server  [SECTION] Requests
#pragma once
#include <doctest/doctest.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace serve_fixture {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// ---- [SECTION] Sites ----
inline std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A fresh copy of a site, removed at the end of the case: the small fixture
// (tests/site/ok/serve/), or the default site with its real pages.
enum class SiteKind { Fixture, Default };
struct TempSite {
    fs::path root, site;
    explicit TempSite(SiteKind kind = SiteKind::Fixture) {
        std::string templ = (fs::temp_directory_path() / "costbook-serve-test-XXXXXX").string();
        REQUIRE(::mkdtemp(templ.data()) != nullptr);
        root = templ;
        site = root / "site";
        if (kind == SiteKind::Fixture) {
            fs::copy(COSTBOOK_SOURCE_DIR "/tests/site/ok/serve", site, fs::copy_options::recursive);
            return;
        }
        fs::create_directories(site);
        for (const char* part : {"site.toml", "content", "data", "templates", "static"})
            fs::copy(fs::path(COSTBOOK_SOURCE_DIR) / part, site / part, fs::copy_options::recursive);
    }
    ~TempSite() {
        std::error_code ec;
        fs::remove_all(root, ec);
    }
    void write(const std::string& rel, const std::string& text) const { std::ofstream(site / rel) << text; }
};

// ---- [SECTION] Server ----
// `costbook serve` as a child process; killed (SIGTERM, then SIGKILL) when the case ends, however it ends.
struct Server {
    pid_t pid = -1;
    fs::path out_file, err_file;
    int port = 0;
    std::string out_dir;  // the folder it serves, from the first line

    // `open_files`: the child's limit on open files (soft and hard alike); 0 keeps this process's.
    explicit Server(const TempSite& t, const std::string& port_arg = "0", rlim_t open_files = 0) {
        out_file = t.root / "stdout.txt";
        err_file = t.root / "stderr.txt";
        std::fflush(nullptr);  // or the child would print doctest's buffered output a second time
        pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            const int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (out < 0 || err < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) _exit(126);
            const rlimit files{open_files, open_files};
            if (open_files && ::setrlimit(RLIMIT_NOFILE, &files) != 0) _exit(126);
            ::execl(COSTBOOK_BIN, COSTBOOK_BIN, "serve", "--port", port_arg.c_str(), "--site", t.site.c_str(),
                    static_cast<char*>(nullptr));
            _exit(127);
        }
    }
    ~Server() { stop(); }

    // Waits for the first stdout line, "serving <out> at http://127.0.0.1:<port>/ (Ctrl+C to stop)".
    bool started(std::chrono::milliseconds timeout = 10s) {
        const auto deadline = Clock::now() + timeout;
        while (Clock::now() < deadline) {
            const std::string out = slurp(out_file);
            const size_t nl = out.find('\n');
            if (nl != std::string::npos) {
                const std::string line = out.substr(0, nl);
                const size_t at = line.find(" at http://127.0.0.1:");
                if (line.rfind("serving ", 0) != 0 || at == std::string::npos) return false;
                out_dir = line.substr(8, at - 8);
                port = std::atoi(line.c_str() + at + std::strlen(" at http://127.0.0.1:"));
                return port > 0;
            }
            if (exited(0ms)) return false;
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }

    // True once the child has exited within `timeout`; `status` holds its exit code.
    int status = -1;
    bool exited(std::chrono::milliseconds timeout) {
        if (pid < 0) return true;
        const auto deadline = Clock::now() + timeout;
        do {
            int st = 0;
            if (::waitpid(pid, &st, WNOHANG) == pid) {
                status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
                pid = -1;
                return true;
            }
            if (timeout.count() > 0) std::this_thread::sleep_for(5ms);
        } while (Clock::now() < deadline);
        return false;
    }

    void stop() {
        if (pid < 0) return;
        ::kill(pid, SIGTERM);
        if (!exited(5000ms)) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
            pid = -1;
        }
    }
};

// ---- [SECTION] Requests ----
struct Reply {
    int status = 0;
    std::string head, body;
};

// One request over a plain socket, byte for byte as given: no client-side normalising of the path.
inline Reply raw(int port, const std::string& request_line, const std::string& extra = "") {
    Reply r;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    const std::string req = request_line + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                            "\r\nConnection: close\r\n" + extra + "\r\n";
    REQUIRE(::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size()));
    std::string all;
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) all.append(buf, static_cast<size_t>(n));
    ::close(fd);
    const size_t split = all.find("\r\n\r\n");
    r.head = all.substr(0, split);
    r.body = split == std::string::npos ? "" : all.substr(split + 4);
    if (all.rfind("HTTP/1.1 ", 0) == 0) r.status = std::atoi(all.c_str() + 9);
    return r;
}

// `costbook serve` on a fresh copy of a site, its first build done (the first answer waits for it).
struct Served {
    TempSite site;
    Server server;
    explicit Served(SiteKind kind = SiteKind::Fixture, rlim_t open_files = 0)
        : site(kind), server(site, "0", open_files) {
        REQUIRE(server.started());
        REQUIRE(raw(server.port, "GET /").status == 200);
    }
};

}  // namespace serve_fixture
