// costbook core: rent or own — what a GPU-hour costs its owner
// Index: [SECTION] Types  [SECTION] Formulas
//
// Owning: (GPU price × (1 + server/network overhead)) / (years × 8,760 h × utilisation)
//         + power: W × (1 + host overhead) × PUE / 1000 × $/kWh, per used GPU-hour.
#pragma once

namespace costbook {

// ---- [SECTION] Types ----
struct OwnInputs {
    double gpu_price_usd = 0;             // purchase price of one GPU
    double server_overhead_fraction = 0;  // servers, network, storage as a share of GPU price
    double amortisation_years = 0;        // years the hardware is written off over
    double utilisation_fraction = 0;      // share of hours the GPU does useful work, 0–1
    double watts = 0;                     // GPU board power (TDP)
    double host_overhead_fraction = 0;    // host CPUs, NICs, fans as a share of GPU watts
    double pue = 1;                       // data-centre power usage effectiveness, ≥ 1
    double usd_per_kwh = 0;               // electricity price
};

struct OwnCost {
    double capex_usd_per_gpu_hour = 0;    // amortised purchase per used GPU-hour
    double power_usd_per_gpu_hour = 0;    // electricity per used GPU-hour
    double usd_per_gpu_hour = 0;          // the two together
};

// ---- [SECTION] Formulas ----
constexpr double kHoursPerYear = 8760;
OwnCost own_cost(const OwnInputs& in);                                    // per used GPU-hour
double break_even_utilisation(const OwnInputs& in, double rent_usd_per_gpu_hour); // owning = renting; > 1 means never

}  // namespace costbook
