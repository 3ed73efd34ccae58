// site: `costbook serve`, a loopback HTTP server over the built site that rebuilds on change
// Index: [SECTION] Options  [SECTION] Live reload  [SECTION] Requests  [SECTION] Verb
//
//   [X] GET/HEAD of files under the output folder only (405 otherwise)   [X] 404.html with status 404
//   [X] live reload over server-sent events at /__costbook/events        [X] error overlay
//   [X] inotify watch of content/ templates/ data/ static/ site.toml, new subfolders included
//   [X] keep-alive connections without a thread each, bounded request heads (serve_http.h)
//   [ ] Windows, macOS (no inotify)                                       [ ] HTTPS
#pragma once
#include <string>

namespace costbook::site {

// ---- [SECTION] Options ----
struct ServeOptions {
    std::string site = ".";          // folder with site.toml, content/, templates/, data/, static/
    std::string out;                 // "" = a fresh temporary folder, removed on exit: public/ never gets the reload script
    std::string bind = "127.0.0.1";  // loopback unless asked; "0.0.0.0" shows the site to the network
    int port = 1313;                 // Hugo's default; 0 = any free port, printed on the first line
    bool open = false;               // open the page with xdg-open once serving
    bool drafts = false;             // include pages with draft = true
};

// ---- [SECTION] Live reload ----
// The path the page's EventSource connects to. Events, in the server-sent events format:
//   event: reload  data: 1            a build succeeded: the page reloads itself
//   event: error   data: <lines>      a build failed: the page overlays the diagnostics (plain text)
//   `: ping` comments every few seconds, so a closed tab's connection is noticed and freed.
// A client that connects while the last build is failing gets the `error` event at once.
constexpr const char* kEventsPath = "/__costbook/events";

// The exact <script>…</script> a serve-mode build inserts before the last `</body>` of every
// page (and the server inserts into any HTML page that lacks it, e.g. one built before serve).
// Self-contained, no quotes that need HTML escaping, no dependency on the page's own scripts.
std::string live_reload_script();

// `event: <name>\ndata: <line>\n…\n\n`: one data line per line of `text`, no CR.
std::string sse_event(const std::string& name, const std::string& text);

// ---- [SECTION] Requests ----
// The file a request target names, or why it is refused. `target` is the raw request target
// ("/a/b/?x=1"). Percent-decodes once, then refuses (400) what is not a plain relative path:
// `..` or `.` segments, `%` left after decoding (double encoding), backslashes, NUL or control
// bytes, `//`, a target not starting with `/`. The result is relative to the output folder,
// with `index.html` added to a path ending in `/`. The caller resolves it under the output
// folder (symlinks included) and refuses (403) what lands outside; "/a" naming a folder is
// redirected to "/a/", and a folder without index.html is a 404, never a listing.
struct RequestPath {
    int status = 200;                // 200, or 400 with `reason`
    std::string reason;              // lower case, for the response body
    std::string rel;                 // "a/index.html", "css/site.css"
    bool trailing_slash = false;     // the target ended in `/`
};
RequestPath parse_request_path(const std::string& target);

// Content-Type by extension: .html .css .js .wasm .svg .xml .json .png .ttf .woff2 .txt and a
// few more; application/octet-stream otherwise.
std::string content_type_for(const std::string& path);

// ---- [SECTION] Verb ----
// Builds with serve_mode, serves, watches and rebuilds until SIGINT/SIGTERM. Exit codes:
// 0 stopped cleanly, 2 bad usage (port in use, bad address).
int cmd_serve(const ServeOptions& o);

}  // namespace costbook::site
