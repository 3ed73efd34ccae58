// costbook core: what is counted — the ladder from headline to full cost
// Index: [SECTION] Rungs  [SECTION] Types  [SECTION] Totals
//
// Rungs are flags, as md4c's MD_FLAG_*; readings are named ORs of them. Compute rungs are
// GPU-hours at a rental rate. The fleet rung replaces rented compute with what owning the
// whole fleet cost (SemiAnalysis' capex + opex), so it is a step to a total, not an addition.
#pragma once
#include <array>

namespace costbook {

// ---- [SECTION] Rungs ----
enum Rung : unsigned {
    RUNG_RL_STAGES   = 1u << 0,  // R1's RL stages and SFT data: the "$294K"
    RUNG_FINAL_RUN   = 1u << 1,  // V3's final training run: the "$5.576M"
    RUNG_RESEARCH    = 1u << 2,  // research, ablations, failed runs: a multiple of the final run (assumption)
    RUNG_DATA_PEOPLE = 1u << 3,  // data and people (assumption)
    RUNG_FLEET_TCO   = 1u << 4,  // owning the fleet: capex + opex over its life
};
constexpr unsigned LADDER_R1_HEADLINE = RUNG_RL_STAGES;                    // the "$294K" reading
constexpr unsigned LADDER_V3_HEADLINE = RUNG_FINAL_RUN;                    // the "$5.576M" reading
constexpr unsigned LADDER_REPORTED    = RUNG_RL_STAGES | RUNG_FINAL_RUN;   // all DeepSeek reported
constexpr unsigned LADDER_ALL         = 0x1Fu;                             // every rung
constexpr int kRungCount = 5;

const char* rung_id(int index);      // "rl", "final", "research", "people", "fleet"
const char* rung_label(int index);   // "R1's RL stages", ...

// ---- [SECTION] Types ----
struct LadderInputs {
    double rl_gpu_hours = 0;          // R1's reported RL + SFT-data GPU-hours
    double final_run_gpu_hours = 0;   // V3's reported final-run GPU-hours
    double usd_per_gpu_hour = 0;      // rental rate for the compute rungs
    double research_multiplier = 0;   // research compute as a multiple of the final run
    double data_people_usd = 0;       // data and staff
    double fleet_tco_usd = 0;         // fleet capex + opex over its life
};

struct LadderStep {
    bool on = false;        // the rung is counted
    double add_usd = 0;     // what it adds (fleet: may be less than the compute it replaces)
    double total_usd = 0;   // running total after this rung
};

struct Ladder {
    std::array<LadderStep, kRungCount> steps;  // in Rung order
    double total_usd = 0;                      // what the chosen rungs add up to
};

// ---- [SECTION] Totals ----
Ladder compute_ladder(const LadderInputs& in, unsigned rungs);    // allocation-free
double ladder_total_usd(const LadderInputs& in, unsigned rungs);  // compute_ladder(in, rungs).total_usd

}  // namespace costbook
