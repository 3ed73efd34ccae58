// site: answering from the output folder under `costbook serve` — files, the 404 page, the
// live-reload script and stream, refusals — over the connection layer of serve/http.h
// Index: [SECTION] Server
//
//   [X] GET/HEAD of files under the output folder only (405 otherwise)   [X] 404.html with status 404
//   [X] live reload: the script at /__costbook/live.js, server-sent events at /__costbook/events
//   [X] loopback Host names only, with the right port (421 otherwise: DNS rebinding)
//   [X] framing: embed/ may be framed by any site, every other file by the site alone (write/headers.h)
//   [X] no ranges: Range is ignored, every answer is the whole file (Accept-Ranges: none)
//   [X] keep-alive connections without a thread each, bounded request heads (serve/http.h)
//   [ ] Windows, macOS (no inotify)                                       [ ] HTTPS
#pragma once
#include <filesystem>
#include <string>

#include "serve/http.h"
#include "serve/live_reload.h"

namespace costbook::site {

// ---- [SECTION] Server ----
// The connection limits (serve/http.h), with the open-file limit raised so that max_connections
// sockets fit beside the descriptors the server keeps for itself.
HttpLimits connection_limits();
// What the handler answers from: the output folder, and the port and --bind address that a
// request's Host must name.
struct ServeSite {
    std::filesystem::path out;
    int port = 0;
    std::string bind;
};
// The handler: the Host check first, then GET and HEAD of files under `out` (pages get the
// live-reload tag), the script, the event stream from `hub`, refusals for other methods and bodies.
HttpResponse answer(const HttpRequest& req, const ServeSite& site, EventHub& hub);
std::string url_host(const std::string& bind);   // "0.0.0.0" → "127.0.0.1", "::1" → "[::1]"

}  // namespace costbook::site
