// site: a request target under `costbook serve` — the file it names, or why it is refused
// Index: [SECTION] Requests
#pragma once
#include <string>

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

}  // namespace costbook::site
