// site/serve/live_reload.h: the script every serve-mode page carries, the server-sent events it
// reads, and a save under `costbook serve` reaching every open page as a reload (or an error).
// The end-to-end cases run `costbook serve --port 0` on a temporary copy of tests/site/ok/serve/.
#include <doctest/doctest.h>

#include <httplib.h>

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

// An EventSource stand-in: reads /__costbook/events on its own thread, collecting the text.
class EventStream {
public:
    explicit EventStream(int port) : cli_("127.0.0.1", port) {
        cli_.set_read_timeout(15, 0);
        thread_ = std::thread([this] {
            cli_.Get(costbook::site::kEventsPath, [this](const char* data, size_t len) {
                std::lock_guard<std::mutex> lock(m_);
                text_.append(data, len);
                cv_.notify_all();
                return true;
            });
            std::lock_guard<std::mutex> lock(m_);
            ended_ = true;
            cv_.notify_all();
        });
    }
    ~EventStream() {
        cli_.stop();
        thread_.join();
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
    httplib::Client cli_;
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
    const std::string script = costbook::site::live_reload_script();
    CHECK(script.rfind("<script>", 0) == 0);
    CHECK(script.find("</script>") == script.size() - 9);
    CHECK(script.find("new EventSource(\"/__costbook/events\")") != std::string::npos);
}


TEST_CASE("with_live_reload puts the script before the last </body>, once") {
    using costbook::site::live_reload_script;
    using costbook::site::with_live_reload;
    const std::string page = "<html><body><p>a</body></p></body></html>";
    const std::string once = with_live_reload(page);
    CHECK(once == "<html><body><p>a</body></p>" + live_reload_script() + "</body></html>");
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
    CHECK(hub.wait(seen, event, reload) == costbook::site::EventHub::Wake::Event);   // the first client had not seen it
    CHECK_FALSE(reload);
    hub.publish("event: reload\ndata: 1\n\n", false);
    CHECK(hub.wait(late, event, reload) == costbook::site::EventHub::Wake::Event);
    CHECK(event == "event: reload\ndata: 1\n\n");
    CHECK(reload);
    for (size_t i = 0; i < costbook::site::kMaxEventClients; ++i) CHECK(hub.join());
    CHECK_FALSE(hub.join());   // capped
    hub.leave();
    CHECK(hub.join());
    hub.close();
    CHECK(hub.wait(late, event, reload) == costbook::site::EventHub::Wake::Closed);
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
