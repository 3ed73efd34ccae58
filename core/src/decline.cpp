#include "costbook/decline.h"

#include <cmath>

namespace costbook {

double decline_factor(double annual_decline_fraction, double years) {
    return std::pow(1.0 - annual_decline_fraction, years);
}

double cost_after_years(double cost, double annual_decline_fraction, double years) {
    return cost * decline_factor(annual_decline_fraction, years);
}

}  // namespace costbook
