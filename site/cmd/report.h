// site: what the verbs share — loading a site's data or reporting why not, and the one shape of
// a command-line error
// Index: [SECTION] Report
#pragma once
#include <optional>
#include <string>

#include "costbook/scenario.h"
#include "load/data.h"

namespace costbook::site {

// ---- [SECTION] Report ----
// data/ of the site folder `site`, or nullopt after printing every problem (file:line:col).
std::optional<Data> load_or_report(const std::string& site);

// `error: <message>` then `  = help: <help>` (when there is one), on stderr.
void print_error(const std::string& message, const std::string& help = {});
void print_warning(const std::string& message);

// A number given on the command line for what scenario key `k` holds (--rate is `rate`): above
// 0, whole when the key is, clamped into the key's range with a warning as a scenario value is.
// False, after an error, for 0 or below.
bool flag_value(const std::string& flag, const std::string& text, Key k, double& value);

}  // namespace costbook::site
