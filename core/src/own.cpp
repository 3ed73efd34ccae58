#include "costbook/own.h"

#include <limits>

namespace costbook {

namespace {
double power_usd_per_gpu_hour(const OwnInputs& in) {
    return in.watts * (1.0 + in.host_overhead_fraction) * in.pue / 1000.0 * in.usd_per_kwh;
}
double capex_usd(const OwnInputs& in) { return in.gpu_price_usd * (1.0 + in.server_overhead_fraction); }
}  // namespace

OwnCost own_cost(const OwnInputs& in) {
    OwnCost c;
    c.capex_usd_per_gpu_hour = capex_usd(in) / (in.amortisation_years * kHoursPerYear * in.utilisation_fraction);
    c.power_usd_per_gpu_hour = power_usd_per_gpu_hour(in);
    c.usd_per_gpu_hour = c.capex_usd_per_gpu_hour + c.power_usd_per_gpu_hour;
    return c;
}

// capex / (years · 8760 · u) + power = rent  ⇒  u = capex / (years · 8760 · (rent − power)).
double break_even_utilisation(const OwnInputs& in, double rent_usd_per_gpu_hour) {
    const double margin = rent_usd_per_gpu_hour - power_usd_per_gpu_hour(in);
    if (margin <= 0) return std::numeric_limits<double>::infinity();  // power alone costs more than renting: never
    return capex_usd(in) / (in.amortisation_years * kHoursPerYear * margin);
}

}  // namespace costbook
