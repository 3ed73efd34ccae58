// site: `costbook calc --compare A B` and `costbook calc --csv` / `--export json` (cmd_calc_compare.cpp)
#pragma once
#include "cmd/cli.h"
#include "load/data.h"

namespace costbook::site {

// Called by cmd_calc when opt.compare or opt.export_format is set; returns the exit code.
int calc_compare_or_export(const Data& data, const CalcOptions& opt);

}  // namespace costbook::site
