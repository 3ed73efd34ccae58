// costbook core: a scenario and its results as CSV and JSON
// Index: [SECTION] Sources  [SECTION] Files
//
// The calculator's downloads and `costbook calc --csv` call the same functions, so the same
// scenario gives the same bytes in the browser and on the command line (tests/wasm/parity.cpp
// prints both builds' output; tests/browser/ compares a download with the command's).
//
// A file says what produced it: costbook's version, the model id, the whole scenario as a query
// string (with the command that reproduces the file: the query names its model and ladder, so the
// command runs as printed in the folder of the site that has them, on any of its ladders), and for
// each input the source id behind its value. Nothing in it depends on the date, the machine or the page's URL.
#pragma once
#include <array>
#include <string>
#include <string_view>

#include "costbook/scenario.h"

namespace costbook {

const char* costbook_version();   // "0.2.0": the project's version (CMakeLists.txt)

// ---- [SECTION] Sources ----
// What backs each input's value: a source id from data/sources.toml, "assumption" (labelled as
// such, no source), "derived" (computed from sourced figures, e.g. the fitted MFU), or "" when
// not known or when the reader changed the value. The site fills it from data/; a page carries
// it in its calculator's data-sources attribute, written and read by these two functions.
// Indexed by Key, rung slots included; s names the rungs' keys (its ladder).
using InputSources = std::array<std::string, kInputCount>;
std::string write_sources(const InputSources& sources, const Scenario& s);   // "rate=dsv3-report&mfu=derived" (known ones only)
InputSources parse_sources(std::string_view text, const Scenario& s);        // unknown keys and malformed ids are skipped
// Forgets the source of every input whose value in `now` differs from `start`'s.
void drop_changed_sources(InputSources& sources, const Scenario& now, const Scenario& start);

// ---- [SECTION] Files ----
// Columns: section,id,label,value,low,high,text,unit,source. Sections, in order: meta (version,
// model, tab, currency, scenario, command), count (each rung: value 1 or 0), input (every key:
// likely value, low and high for a range, core's text, unit, source), metric (every metric:
// raw value and text), band (the tab's headline metric's P10/P50/P90 as low/value/high, when
// ranged inputs move it), result (every tab's result rows: id = tab, text = core's string).
// Raw numbers are write_number()'s shortest exact text; RFC 4180 quoting; "\n" line ends.
std::string export_csv(const Scenario& s, const InputSources& sources);
// The same content as one JSON object: {"costbook", "model", "tab", "currency", "scenario",
// "command", "count": [...], "inputs": [...], "metrics": [...], "band"?, "results": [...]}.
std::string export_json(const Scenario& s, const InputSources& sources);
// "costbook-deepseek-v3-counted.csv": what a download is called.
std::string export_filename(const Scenario& s, std::string_view extension);
// The quoting both formats use, for other files of the same shape (the site's /data.json and
// /data.csv): a JSON string literal with its quotes, and an RFC 4180 field (quoted when needed).
std::string json_quote(std::string_view text);
std::string csv_field(std::string_view text);

}  // namespace costbook
