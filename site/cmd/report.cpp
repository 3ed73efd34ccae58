#include "cmd/report.h"

#include <iostream>
#include <unistd.h>

namespace costbook::site {

std::optional<Data> load_or_report(const std::string& site) {
    Diagnostics diags;
    std::string prefix = site == "." || site.empty() ? "data/" : site + (site.back() == '/' ? "" : "/") + "data/";
    auto data = load_data(prefix, prefix, diags);
    if (!data) diags.print(std::cerr, isatty(2));
    return data;
}

void print_error(const std::string& message, const std::string& help) {
    std::cerr << "error: " << message << (help.empty() ? "" : "\n  = help: " + help) << "\n";
}

void print_warning(const std::string& message) { std::cerr << "warning: " << message << "\n"; }

}  // namespace costbook::site
