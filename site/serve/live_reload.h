// site: live reload — the script every serve-mode page loads, the server-sent events it listens
// to, and the hub that hands each build's outcome to every open page
// Index: [SECTION] Script  [SECTION] Events  [SECTION] Hub
//
// A page loads the script from kScriptPath, a file of the server's own (never written to the
// output): the pages' Content-Security-Policy allows scripts from 'self' only, so an inline
// script would be blocked, and the policy stays exactly as published. Its EventSource connects
// to kEventsPath. Events, in the server-sent events format:
//   event: reload  data: 1            a build succeeded: the page reloads itself
//   event: error   data: <lines>      a build failed: the page overlays the diagnostics (plain text)
//   `: ping` comments every few seconds, so a closed tab's connection is noticed and freed.
// A client that connects while the last build is failing gets the `error` event at once.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace costbook::site {

// ---- [SECTION] Script ----
constexpr const char* kEventsPath = "/__costbook/events";
constexpr const char* kScriptPath = "/__costbook/live.js";

// The script served at kScriptPath: self-contained, no dependency on the page's own scripts. Once
// its stream is open it sets data-costbook-live="open" on <html> (tests wait for that).
std::string live_reload_js();
// The tag a serve-mode build inserts before the last `</body>` of every page:
// <script src="/__costbook/live.js"></script>
std::string live_reload_tag();
// `html` with the tag inserted, unless it has it already (pages built before serve, the fallback 404).
std::string with_live_reload(std::string html);

// ---- [SECTION] Events ----
// `event: <name>\ndata: <line>\n…\n\n`: one data line per line of `text`, no CR.
std::string sse_event(const std::string& name, const std::string& text);

// ---- [SECTION] Hub ----
// A stream holds no thread between events (serve/http.h parks it), so the cap is on open tabs,
// not threads: a page reopened in a loop cannot grow the server without bound.
constexpr std::size_t kMaxEventClients = 32;
// A ping makes a closed tab's socket fail its write, freeing the connection.
constexpr auto kPingInterval = std::chrono::seconds(3);

// The last event is all a client needs: after reload-then-error the page must show the error,
// after error-then-reload it must reload. Each client remembers the sequence number it saw.
class EventHub {
public:
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
    // Called after every publish, outside the hub's lock: the server wakes its parked streams.
    void set_waker(std::function<void()> waker) {
        std::lock_guard<std::mutex> lock(m_);
        waker_ = std::move(waker);
    }
    void publish(std::string event, bool is_error) {
        std::function<void()> waker;
        {
            std::lock_guard<std::mutex> lock(m_);
            latest_ = std::move(event);
            latest_is_error_ = is_error;
            ++seq_;
            waker = waker_;
        }
        if (waker) waker();
    }
    // What a new client gets first: the reconnect delay, and the failing build if there is one.
    std::string hello(uint64_t& seen) {
        std::lock_guard<std::mutex> lock(m_);
        seen = seq_;
        return "retry: 1000\n\n" + (latest_is_error_ ? latest_ : std::string());
    }
    // The latest event when it is newer than `seen` (which moves to it); false otherwise.
    bool next(uint64_t& seen, std::string& event, bool& is_reload) {
        std::lock_guard<std::mutex> lock(m_);
        if (seq_ == seen) return false;
        seen = seq_;
        event = latest_;
        is_reload = !latest_is_error_;
        return true;
    }
    void close() {
        std::function<void()> waker;
        {
            std::lock_guard<std::mutex> lock(m_);
            closed_ = true;
            waker = waker_;
        }
        if (waker) waker();
    }
    bool closed() {
        std::lock_guard<std::mutex> lock(m_);
        return closed_;
    }

private:
    std::mutex m_;
    std::function<void()> waker_;
    size_t clients_ = 0;
    uint64_t seq_ = 0;
    std::string latest_;
    bool latest_is_error_ = false;
    bool closed_ = false;
};

}  // namespace costbook::site
