// costbook-serve: `costbook serve`, in a binary of its own (see serve_cli.h for why).
#include <CLI/CLI.hpp>

#include "cmd/cli.h"
#include "cmd/serve_cli.h"

using namespace costbook::site;

int main(int argc, char** argv) {
    CLI::App app{"costbook serve"};
    app.require_subcommand(1);
    ServeOptions serve;
    add_serve_command(app, serve);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& err) {
        return app.exit(err) == 0 ? kExitOk : kExitUsage;
    }
    return cmd_serve(serve);
}
