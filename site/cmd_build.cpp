// costbook build: the site into its output folder, one summary line.
#include <cstdio>
#include <iostream>
#include <unistd.h>

#include "build.h"
#include "cli.h"

namespace costbook::site {

int cmd_build(const BuildOptions& o) {
    Diagnostics diags;
    BuildStats stats;
    if (!build_site(o, diags, stats)) {
        diags.print(std::cerr, isatty(2));
        std::cerr << "error: build failed; " << (stats.out.empty() ? "the output" : stats.out) << " was left as it was\n";
        return kExitBadInput;
    }
    std::printf("built %d pages, %d files into %s in %.0f ms%s\n", stats.pages, stats.files, stats.out.c_str(), stats.ms,
                stats.calculator ? "" : " (without the calculator: build it with `cmake --preset wasm && cmake --build build/wasm`)");
    return kExitOk;
}

}  // namespace costbook::site
