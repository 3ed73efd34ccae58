// costbook core: what was reported
// Index: [SECTION] Types  [SECTION] Totals
//
// A ledger keeps figures as published (R1-Zero: 101K GPU-hours, not 512 × 198 = 101,376);
// where a paper also gives GPUs × wall-clock hours, both are kept and both are shown.
#pragma once
#include <string>
#include <vector>

#include "costbook/result.h"

namespace costbook {

// ---- [SECTION] Types ----
struct Stage {
    std::string id;           // "pretrain", "r1-zero": unique within the model
    std::string name;         // "Pre-training", shown to readers
    std::string gpu;          // GPU id from data/gpus/, "" when the source does not name it
    double gpu_hours = 0;     // as published
    double gpus = 0;          // GPUs used, 0 when not published
    double wall_hours = 0;    // wall-clock hours, 0 when not published
    std::string source;       // source id from data/sources.toml
};

struct Ledger {
    std::string model;                 // model id, "deepseek-v3"
    std::vector<Stage> stages;         // in the order the source lists them
    double usd_per_gpu_hour = 0;       // the rental rate the source assumed, 0 when none
    std::string rate_source;           // source id of that rate
};

// ---- [SECTION] Totals ----
double total_gpu_hours(const Ledger& l);                          // Σ stages' published GPU-hours
double stage_cost_usd(const Stage& s, double usd_per_gpu_hour);   // GPU-hours × rate
double total_cost_usd(const Ledger& l, double usd_per_gpu_hour);  // Σ stage costs
double wall_gpu_hours(const Stage& s);                            // gpus × wall_hours, 0 when either is missing
Result<Ledger> check_ledger(const Ledger& l);                     // finite, non-negative, unique stage ids

}  // namespace costbook
