// site: the `serve` verb's options, shared by costbook and costbook-serve
// Index: [SECTION] Options
//
// `costbook serve` runs the costbook-serve binary beside it, so that the HTTP library (and
// the TLS libraries it was built with) load only for serving: a plain `costbook build`
// starts faster without them.
#pragma once
#include <CLI/CLI.hpp>

#include "cmd/cli.h"

namespace costbook::site {

// ---- [SECTION] Options ----
inline CLI::App* add_serve_command(CLI::App& app, ServeOptions& serve) {
    auto* s = app.add_subcommand("serve", "build, serve on loopback, rebuild and reload the browser on every save");
    s->add_option("--site", serve.site, "site folder holding site.toml")->capture_default_str();
    s->add_option("--out", serve.out, "output folder (default: a temporary folder, removed on exit)");
    s->add_option("--port", serve.port, "TCP port; 0 = any free port")->check(CLI::Range(0, 65535))->capture_default_str();
    s->add_option("--bind", serve.bind,
                  "address to listen on, answered besides localhost (0.0.0.0 = every interface, loopback names only)")
        ->capture_default_str();
    s->add_flag("--open", serve.open, "open the site in the browser (xdg-open)");
    s->add_flag("--drafts", serve.drafts, "include pages with draft = true");
    return s;
}

}  // namespace costbook::site
