#include "costbook/ladder.h"

namespace costbook {

const char* rung_id(int index) {
    static const char* const ids[kRungCount] = {"rl", "final", "research", "people", "fleet"};
    return index >= 0 && index < kRungCount ? ids[index] : "";
}

const char* rung_label(int index) {
    static const char* const labels[kRungCount] = {
        "R1's RL stages", "V3's final training run", "Research, ablations and failed runs",
        "Data and people", "Owning the fleet (capex + opex)"};
    return index >= 0 && index < kRungCount ? labels[index] : "";
}

Ladder compute_ladder(const LadderInputs& in, unsigned rungs) {
    const double rate = in.usd_per_gpu_hour;
    const double compute_add[3] = {
        in.rl_gpu_hours * rate,
        in.final_run_gpu_hours * rate,
        in.research_multiplier * in.final_run_gpu_hours * rate,
    };
    Ladder l;
    double total = 0, rented_compute = 0;
    for (int i = 0; i < kRungCount; ++i) {
        LadderStep& step = l.steps[i];
        step.on = (rungs & (1u << i)) != 0;
        if (step.on) {
            if (i < 3) {
                step.add_usd = compute_add[i];
                rented_compute += compute_add[i];
            } else if (i == 3) {
                step.add_usd = in.data_people_usd;
            } else {
                // The fleet's life-cycle cost covers all the compute counted above.
                step.add_usd = in.fleet_tco_usd - rented_compute;
            }
            total += step.add_usd;
        }
        step.total_usd = total;
    }
    l.total_usd = total;
    return l;
}

double ladder_total_usd(const LadderInputs& in, unsigned rungs) { return compute_ladder(in, rungs).total_usd; }

}  // namespace costbook
