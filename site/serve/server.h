// site: answering from the output folder under `costbook serve` — files, the 404 page, the
// live-reload stream, refusals — over the connection layer of serve/http.h
// Index: [SECTION] Server
//
//   [X] GET/HEAD of files under the output folder only (405 otherwise)   [X] 404.html with status 404
//   [X] live reload over server-sent events at /__costbook/events        [X] error overlay
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
// Handlers: GET and HEAD of files under `out` (pages get the live-reload script), the event
// stream at kEventsPath from `hub`, refusals for other methods and bodies.
void configure(httplib::Server& svr, const std::filesystem::path& out, EventHub& hub);
// Why a plain bind to host:port fails, so a busy port is reported as such (cpp-httplib only
// says that binding failed). Empty when it would bind; `err` is the errno.
std::string bind_problem(const std::string& host, int port, int& err);
std::string url_host(const std::string& bind);   // "0.0.0.0" → "127.0.0.1", "::1" → "[::1]"

}  // namespace costbook::site
