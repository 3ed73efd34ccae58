// costbook core: compute estimate from first principles
// Index: [SECTION] Types  [SECTION] Formulas
//
// Training FLOPs ≈ 6 · N_active · D (forward 2, backward 4 per parameter per token), plus,
// when asked, 6 · n_layers · seq_len · d_attn · D for attention. GPU-hours = FLOPs /
// (peak FLOP/s × MFU) / 3600.
#pragma once
#include <vector>
#include "costbook/result.h"
#include "costbook/uncertainty.h"

namespace costbook {

// ---- [SECTION] Types ----
struct EstimateInputs {
    double params_active = 0;      // parameters active per token (MoE: not the total)
    double tokens = 0;             // training tokens
    double peak_flop_per_s = 0;    // dense peak of one GPU at the chosen precision
    double mfu_fraction = 0;       // model FLOPs utilisation, 0–1
    double gpus = 0;               // GPUs in the run, for wall-clock; 0 = not asked
    double usd_per_gpu_hour = 0;   // rental rate
    double attn_layers = 0;        // optional attention term: layers,
    double attn_seq_len = 0;       //   sequence length,
    double attn_dim = 0;           //   and attention width (heads × head dim); any 0 = off
};

struct Estimate {
    double flops = 0;        // training FLOPs
    double gpu_hours = 0;    // FLOPs / (peak × MFU) / 3600
    double wall_hours = 0;   // gpu_hours / gpus, 0 when gpus is 0
    double cost_usd = 0;     // gpu_hours × rate
};

// ---- [SECTION] Formulas ----
double training_flops(double params_active, double tokens);                 // 6 · N · D
double attention_flops(double layers, double seq_len, double attn_dim, double tokens); // 6 · L · S · d · D
double gpu_hours_for(double flops, double peak_flop_per_s, double mfu_fraction);      // FLOPs / (peak · MFU) / 3600
double implied_mfu(double flops, double gpu_hours, double peak_flop_per_s); // the MFU a reported run implies
// GPU-hours of a run reported as GPUs × days, phase by phase: Σ gpus[i] · days[i] · 24 (phases
// beyond the shorter list are ignored).
double gpu_hours_of_phases(const std::vector<double>& gpus, const std::vector<double>& days);
// GPU-hours over an MFU range: lower MFU, more hours, so `low` comes from mfu.high.
Range gpu_hours_range(double flops, double peak_flop_per_s, const Range& mfu);
Estimate estimate_training(const EstimateInputs& in);                       // never fails; bad inputs give 0 or inf
Result<Estimate> checked_estimate(const EstimateInputs& in);                // names the bad field instead

}  // namespace costbook
