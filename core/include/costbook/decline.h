// costbook core: cost over time
// Index: [SECTION] Formulas
#pragma once

namespace costbook {

// ---- [SECTION] Formulas ----
double cost_after_years(double cost, double annual_decline_fraction, double years); // cost · (1 − r)^y
double decline_factor(double annual_decline_fraction, double years);                // (1 − r)^y

}  // namespace costbook
