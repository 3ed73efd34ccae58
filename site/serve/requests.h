// site: what a request under `costbook serve` names — the file, the host — or why it is refused
// Index: [SECTION] Requests  [SECTION] Hosts  [SECTION] Heads
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace costbook::site {

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

// ---- [SECTION] Hosts ----
// Whether a Host header names this server: 127.0.0.1, localhost or [::1] (any case), or the
// --bind address when it is not a wildcard, with `port` (which may be left out only when it is
// 80). A page on another name that resolves to 127.0.0.1 (DNS rebinding) sends its own name and
// is refused, and so is a request without a Host.
bool host_allowed(const std::string& host, int port, const std::string& bind);

// ---- [SECTION] Heads ----
// Why a request head is ambiguous about where it ends, or empty: a header name that is empty or
// holds whitespace or control bytes (`Transfer-Encoding : chunked` would otherwise be no header
// at all), a second Content-Length or Host, a Content-Length that is not all digits, or a
// Content-Length beside a Transfer-Encoding. Lower case, for the response body.
using HeaderList = std::vector<std::pair<std::string, std::string>>;
std::string head_problem(const HeaderList& headers);
// True when the head announces a body: any Transfer-Encoding, or a Content-Length other than 0.
bool announces_body(const HeaderList& headers);

}  // namespace costbook::site
