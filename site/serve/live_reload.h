// site: live reload — the script every serve-mode page carries, the server-sent events it
// listens to, and the hub that hands each build's outcome to every open page
// Index: [SECTION] Script  [SECTION] Events  [SECTION] Hub
//
// The page's EventSource connects to kEventsPath. Events, in the server-sent events format:
//   event: reload  data: 1            a build succeeded: the page reloads itself
//   event: error   data: <lines>      a build failed: the page overlays the diagnostics (plain text)
//   `: ping` comments every few seconds, so a closed tab's connection is noticed and freed.
// A client that connects while the last build is failing gets the `error` event at once.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>

namespace costbook::site {

// ---- [SECTION] Script ----
constexpr const char* kEventsPath = "/__costbook/events";

// The exact <script>…</script> a serve-mode build inserts before the last `</body>` of every
// page. Self-contained, no quotes that need HTML escaping, no dependency on the page's own scripts.
std::string live_reload_script();
// `html` with the script inserted, unless it has it already (pages built before serve, the fallback 404).
std::string with_live_reload(std::string html);

// ---- [SECTION] Events ----
// `event: <name>\ndata: <line>\n…\n\n`: one data line per line of `text`, no CR.
std::string sse_event(const std::string& name, const std::string& text);

// ---- [SECTION] Hub ----
// Every SSE stream holds a worker thread while it lasts (cpp-httplib's I/O is blocking), so
// streams are capped and the workers allowed are the cap plus room for ordinary requests: a tab
// full of pages can never starve the files themselves. A keep-alive connection between requests
// holds no thread (serve/http.h), so 1,000 open connections need no more.
constexpr std::size_t kMaxEventClients = 32;
// A ping makes a closed tab's socket fail its second write, freeing the thread in ≤ 2 pings.
constexpr auto kPingInterval = std::chrono::seconds(3);

// The last event is all a client needs: after reload-then-error the page must show the error,
// after error-then-reload it must reload. Each client remembers the sequence number it saw.
class EventHub {
public:
    enum class Wake { Event, Ping, Closed };

    bool join() {
        std::lock_guard<std::mutex> lock(m_);
        if (closed_ || clients_ >= kMaxEventClients) return false;
        ++clients_;
        return true;
    }
    void leave() {
        std::lock_guard<std::mutex> lock(m_);
        --clients_;
    }
    void publish(std::string event, bool is_error) {
        {
            std::lock_guard<std::mutex> lock(m_);
            latest_ = std::move(event);
            latest_is_error_ = is_error;
            ++seq_;
        }
        cv_.notify_all();
    }
    // What a new client gets first: the reconnect delay, and the failing build if there is one.
    std::string hello(uint64_t& seen) {
        std::lock_guard<std::mutex> lock(m_);
        seen = seq_;
        return "retry: 1000\n\n" + (latest_is_error_ ? latest_ : std::string());
    }
    Wake wait(uint64_t& seen, std::string& event, bool& is_reload) {
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait_for(lock, kPingInterval, [&] { return closed_ || seq_ != seen; });
        if (closed_) return Wake::Closed;
        if (seq_ == seen) return Wake::Ping;
        seen = seq_;
        event = latest_;
        is_reload = !latest_is_error_;
        return Wake::Event;
    }
    void close() {
        {
            std::lock_guard<std::mutex> lock(m_);
            closed_ = true;
        }
        cv_.notify_all();
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    size_t clients_ = 0;
    uint64_t seq_ = 0;
    std::string latest_;
    bool latest_is_error_ = false;
    bool closed_ = false;
};

}  // namespace costbook::site
