// site: the data as files — /data.json and /data.csv, every figure the site can show
// Index: [SECTION] Files
//
// One row per key of the figure registry (compute/figures.h, the same one the pages' figures read):
// its raw value, unit, core's text, and what backs it: a source (id, title, URL, date), an
// assumption with its reason, or "derived" with what it is derived from. A JSON Schema for
// data.json is committed at schemas/data.schema.json (checked in tests/site/render/data_files/).
// Both files are sorted by key and hold nothing of the date or the machine: builds stay identical.
#pragma once
#include <string>

#include "render/context.h"

namespace costbook::site {

// ---- [SECTION] Files ----
// data.csv's columns: key,value,unit,text,status,assumption,source,source_title,source_url,source_date,reason,dated.
// status: sourced, derived (reason: from what) or assumption (reason: why); assumption: true also for
// a derived figure that rests on one (a ladder's total past an assumed rung). value empty for a
// figure that is text alone (unit "").
// data.json: {"generator", "site", "base_url", "figures": [{"key", "value", "unit", "text", "status", "assumption", "source",
//  "source_title", "source_url", "source_date", "reason", "dated"}], "sources": [{"id", "title",
//  "publisher", "date", "url"}]}: the same rows, and every source of data/sources.toml.
struct DataFiles {
    std::string json, csv;
};
// Both from one pass over the figures: a row's raw value (shortest round-trip digits) is the costly part.
DataFiles data_files(const SiteContext& site);

}  // namespace costbook::site
