#include "cmd/help_authoring.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cmd/cli.h"
#include "cmd/report.h"
#include "diag.h"
#include "load/templates.h"
#include "render/shortcode_registry.h"
#include "render/template_vars.h"

namespace costbook::site {

int cmd_help_authoring(const std::string& topic, const std::string& site) {
    if (topic == "templates") {
        std::fputs(templates_help().c_str(), stdout);
        return kExitOk;
    }
    if (topic == "shortcodes") {
        // The site's own shortcodes when it has templates (a folder without them: the built-ins alone).
        std::vector<AuthorShortcode> author;
        std::error_code ec;
        if (std::filesystem::is_directory(std::filesystem::path(site) / "templates", ec)) {
            Diagnostics diags;
            diags.set_root(site);
            const auto t = load_templates(site, diags);
            if (!t) {
                diags.print(std::cerr);
                return kExitBadInput;
            }
            author = author_shortcodes(*t);
        }
        std::fputs(shortcodes_help(author).c_str(), stdout);
        return kExitOk;
    }
    print_error("no help topic `" + topic + "`", "topics: shortcodes, templates");
    return kExitUsage;
}

}  // namespace costbook::site
