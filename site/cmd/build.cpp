// costbook build: the site into its output folder, one summary line.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "build.h"
#include "cmd/cli.h"
#include "cmd/report.h"
#include "load/config.h"
#include "write/write.h"

namespace costbook::site {

int build_flags_usage(BuildOptions& o) {
    // Reproducible builds (https://reproducible-builds.org/specs/source-date-epoch/): the
    // output's file times are SOURCE_DATE_EPOCH's, not the time of the build.
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        o.mtime = parse_source_date_epoch(epoch);
        if (!o.mtime) {
            print_error("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got \"" + std::string(epoch) + "\"",
                        "set it to `date +%s` of the last change (git log -1 --format=%ct), or unset it");
            return kExitUsage;
        }
    }
    // --base-url is the command line's: a bad one is a usage error (site.toml's is at its line:col).
    if (std::string help; !o.base_url.empty()) {
        if (const std::string problem = base_url_problem(o.base_url, help); !problem.empty()) {
            print_error("--base-url `" + o.base_url + "` " + problem, help);
            return kExitUsage;
        }
    }
    return kExitOk;
}

int cmd_build(const BuildOptions& options) {
    BuildOptions o = options;
    if (const int usage = build_flags_usage(o)) return usage;
    Diagnostics diags;
    BuildStats stats;
    // An output inside the folders a build reads would be read, or copied into itself, by the next one.
    const std::string site_dir = o.site.empty() ? "." : o.site;
    if (!o.out.empty() && !output_outside_sources(site_dir, o.out, diags)) {
        diags.print(std::cerr, isatty(2));
        print_error("build failed; nothing was written");
        return kExitBadInput;
    }
    if (!build_site(o, diags, stats)) {
        diags.print(std::cerr, isatty(2));
        print_error("build failed; " + (stats.out.empty() ? std::string("the output") : stats.out) + " was left as it was");
        return kExitBadInput;
    }
    std::printf("built %d pages, %d files into %s in %.0f ms%s\n", stats.pages, stats.files, stats.out.c_str(), stats.ms,
                stats.calculator ? "" : " (without the calculator: this costbook was built without Emscripten; pages carry the static results only)");
    return kExitOk;
}

}  // namespace costbook::site
