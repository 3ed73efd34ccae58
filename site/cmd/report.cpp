#include "cmd/report.h"

#include <algorithm>
#include <cmath>
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

bool flag_value(const std::string& flag, const std::string& text, Key k, double& value) {
    const KeyInfo& info = key_info(k);
    const std::optional<double> v = parse_number(text);
    if (!v || *v <= 0) {
        print_error(flag + " must be above 0, got " + text, std::string("give ") + info.label + " in " + info.unit);
        return false;
    }
    value = info.integer ? std::round(*v) : *v;
    const double clamped = std::min(std::max(value, info.min), info.max);
    if (clamped != value || (info.integer && value != *v))
        print_warning(flag + " " + text + " is outside " + write_number(info.min) + "–" + write_number(info.max) +
                      (info.integer ? " or not whole" : "") + "; clamped to " + write_number(clamped));
    value = clamped;
    return true;
}

}  // namespace costbook::site
