#include "cmd/help_authoring.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cmd/cli.h"
#include "cmd/help.h"
#include "cmd/report.h"
#include "diag.h"
#include "load/templates.h"
#include "render/shortcode_registry.h"
#include "render/template_vars.h"

namespace costbook::site {

int help_templates(const HelpOptions&) {
    std::fputs(templates_help().c_str(), stdout);
    return kExitOk;
}

int help_shortcodes(const HelpOptions& o) {
    // The site's own shortcodes when it has templates (a folder without them: the built-ins alone).
    std::vector<AuthorShortcode> author;
    std::error_code ec;
    if (std::filesystem::is_directory(std::filesystem::path(o.site) / "templates", ec)) {
        Diagnostics diags;
        diags.set_root(o.site);
        const auto t = load_templates(o.site, diags);
        if (!t) {
            diags.print(std::cerr);
            return kExitBadInput;
        }
        author = author_shortcodes(*t);
    }
    std::fputs(shortcodes_help(author).c_str(), stdout);
    return kExitOk;
}

}  // namespace costbook::site
