// site: the default MFU, fitted by core (costbook/mfu_model.h) on the shipped runs and data/runs/ (load/data.h)
// Index: [SECTION] Fit
#pragma once
#include <string>
#include <vector>

#include "costbook/mfu_model.h"
#include "costbook/uncertainty.h"
#include "load/data.h"

namespace costbook::site {

// ---- [SECTION] Fit ----
// A run's own estimate is fitted without it, so it never predicts what it has already seen.
MfuQuery mfu_query(const Gpu& gpu, double params_active, const std::string& architecture, const std::string& precision);
std::vector<RunPoint> run_points(const Data& data);       // every run of the fit (Data::runs) whose GPU is known
MfuFit mfu_fit(const Data& data, const std::string& exclude_run = {});
// The default MFU as a fraction of `precision`'s peak on `gpu`, with the fit's P10-P90 as low/high.
Range default_mfu(const Data& data, const Gpu& gpu, double params_active, const std::string& architecture,
                  const std::string& precision, const std::string& exclude_run = {});

}  // namespace costbook::site
