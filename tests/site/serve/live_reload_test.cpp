// site/serve/live_reload.h: the script every serve-mode page carries, the server-sent events it
// reads, and a save under `costbook serve` reaching every open page as a reload (or an error).
// The end-to-end cases run `costbook serve --port 0` on a temporary copy of tests/site/ok/serve/.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "serve/live_reload.h"
#include "serve_fixture.h"

using namespace serve_fixture;

namespace {

// An EventSource stand-in: reads /__costbook/events on its own thread, collecting the text (the
// chunked body decoded).
class EventStream {
public:
    explicit EventStream(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        const std::string req = std::string("GET ") + costbook::site::kEventsPath + " HTTP/1.1\r\nHost: 127.0.0.1:" +
                                std::to_string(port) + "\r\nAccept: text/event-stream\r\n\r\n";
        REQUIRE(::send(fd_, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size()));
        thread_ = std::thread([this] {
            std::string raw;
            bool in_body = false;
            char buf[4096];
            ssize_t n;
            while ((n = ::recv(fd_, buf, sizeof buf, 0)) > 0) {
                raw.append(buf, static_cast<size_t>(n));
                std::lock_guard<std::mutex> lock(m_);
                if (!in_body) {
                    const size_t end = raw.find("\r\n\r\n");
                    if (end == std::string::npos) continue;
                    raw.erase(0, end + 4);
                    in_body = true;
                }
                for (;;) {  // whole chunks: "<hex size>\r\n<data>\r\n"
                    const size_t eol = raw.find("\r\n");
                    if (eol == std::string::npos) break;
                    const size_t size = std::strtoul(raw.c_str(), nullptr, 16);
                    if (raw.size() < eol + 2 + size + 2) break;
                    text_.append(raw, eol + 2, size);
                    raw.erase(0, eol + 2 + size + 2);
                }
                cv_.notify_all();
            }
            std::lock_guard<std::mutex> lock(m_);
            ended_ = true;
            cv_.notify_all();
        });
    }
    ~EventStream() {
        ::shutdown(fd_, SHUT_RDWR);
        thread_.join();
        ::close(fd_);
    }
    // Waits until the stream holds `needle` (past `from`); returns its position or npos.
    size_t wait_for(const std::string& needle, std::chrono::milliseconds timeout = 10s, size_t from = 0) {
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait_for(lock, timeout, [&] { return text_.find(needle, from) != std::string::npos || ended_; });
        return text_.find(needle, from);
    }
    std::string text() {
        std::lock_guard<std::mutex> lock(m_);
        return text_;
    }

private:
    int fd_ = -1;
    std::thread thread_;
    std::mutex m_;
    std::condition_variable cv_;
    std::string text_;
    bool ended_ = false;
};

std::string page(int port, const std::string& path) {
    const Reply r = raw(port, "GET " + path);
    return r.status == 200 ? r.body : "status " + std::to_string(r.status);
}

}  // namespace

TEST_CASE("an event carries one data line per line of text") {
    CHECK(costbook::site::sse_event("reload", "1") == "event: reload\ndata: 1\n\n");
    CHECK(costbook::site::sse_event("error", "a:1:1: error: x\r\n  |\n") == "event: error\ndata: a:1:1: error: x\ndata:   |\n\n");
    CHECK(costbook::site::live_reload_tag() == "<script src=\"/__costbook/live.js\"></script>");
    CHECK(costbook::site::live_reload_js().find("new EventSource(\"/__costbook/events\")") != std::string::npos);
}


TEST_CASE("with_live_reload puts the script tag before the last </body>, once") {
    using costbook::site::live_reload_tag;
    using costbook::site::with_live_reload;
    const std::string page = "<html><body><p>a</body></p></body></html>";
    const std::string once = with_live_reload(page);
    CHECK(once == "<html><body><p>a</body></p>" + live_reload_tag() + "</body></html>");
    CHECK(with_live_reload(once) == once);
}

TEST_CASE("the hub hands a new client the failing build at once, and each client the latest event") {
    costbook::site::EventHub hub;
    uint64_t seen = 0;
    CHECK(hub.hello(seen) == "retry: 1000\n\n");
    hub.publish("event: error\ndata: x\n\n", true);
    uint64_t late = 0;
    CHECK(hub.hello(late) == "retry: 1000\n\nevent: error\ndata: x\n\n");
    std::string event;
    bool reload = true;
    int woken = 0;
    hub.set_waker([&] { ++woken; });
    CHECK(hub.next(seen, event, reload));   // the first client had not seen it
    CHECK_FALSE(reload);
    CHECK_FALSE(hub.next(seen, event, reload));   // nothing newer since
    hub.publish("event: reload\ndata: 1\n\n", false);
    CHECK(woken == 1);   // the server's parked streams are woken
    CHECK(hub.next(late, event, reload));
    CHECK(event == "event: reload\ndata: 1\n\n");
    CHECK(reload);
    for (size_t i = 0; i < costbook::site::kMaxEventClients; ++i) CHECK(hub.join());
    CHECK_FALSE(hub.join());   // capped
    hub.leave();
    CHECK(hub.join());
    hub.close();
    CHECK(hub.closed());
    CHECK_FALSE(hub.join());   // no new stream once closed
}

TEST_CASE("saving a page rebuilds it and pushes reload to every event stream") {
    TempSite t;
    Server s(t);
    REQUIRE(s.started());
    EventStream a(s.port), b(s.port);
    REQUIRE(a.wait_for("retry:") != std::string::npos);  // connected before the edit
    REQUIRE(b.wait_for("retry:") != std::string::npos);

    const auto saved = Clock::now();
    t.write("content/index.md", "+++\ntitle = \"Home\"\n+++\n\nThe page after an edit.\n");
    REQUIRE(a.wait_for("event: reload\ndata: 1\n\n") != std::string::npos);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - saved).count();
    CHECK(b.wait_for("event: reload") != std::string::npos);
    MESSAGE("save-to-reload: " << ms << " ms");
    CHECK(ms < 2000);  // well under 100 ms here; the bound only catches a missed event under ASan
    CHECK(page(s.port, "/").find("The page after an edit.") != std::string::npos);

    SUBCASE("a new page in a new subfolder is watched and served") {
        EventStream c(s.port);
        REQUIRE(c.wait_for("retry:") != std::string::npos);
        fs::create_directories(t.site / "content/notes/deep");
        t.write("content/notes/deep/a.md", "+++\ntitle = \"Deep\"\n+++\n\nA page two folders down.\n");
        REQUIRE(c.wait_for("event: reload") != std::string::npos);
        CHECK(page(s.port, "/notes/deep/a/").find("A page two folders down.") != std::string::npos);
        EventStream d(s.port);
        REQUIRE(d.wait_for("retry:") != std::string::npos);
        t.write("content/notes/deep/a.md", "+++\ntitle = \"Deep\"\n+++\n\nEdited two folders down.\n");
        REQUIRE(d.wait_for("event: reload") != std::string::npos);
        CHECK(page(s.port, "/notes/deep/a/").find("Edited two folders down.") != std::string::npos);
    }
    SUBCASE("a build error goes to the page as an error event and the last good output stays") {
        EventStream c(s.port);
        REQUIRE(c.wait_for("retry:") != std::string::npos);
        t.write("content/index.md", "+++\ntitle = \"Home\n+++\n\nNever served.\n");  // unterminated string
        const size_t at = c.wait_for("event: error\ndata: ");
        REQUIRE(at != std::string::npos);
        CHECK(c.text().find("content/index.md:", at) != std::string::npos);
        CHECK(page(s.port, "/").find("The page after an edit.") != std::string::npos);

        EventStream late(s.port);  // a page opened while the build is broken sees the error at once
        CHECK(late.wait_for("event: error") != std::string::npos);
        const std::string err = slurp(s.err_file);
        CHECK(err.find("content/index.md:") != std::string::npos);

        t.write("content/index.md", "+++\ntitle = \"Home\"\n+++\n\nFixed again.\n");
        CHECK(late.wait_for("event: reload") != std::string::npos);
        CHECK(page(s.port, "/").find("Fixed again.") != std::string::npos);
    }
}
