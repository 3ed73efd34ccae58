// costbook core: what serving costs — a day of an inference fleet, and the cost of one task
// Index: [SECTION] Serving  [SECTION] Task
//
// Serving: DeepSeek published one day of its V3/R1 fleet (ds-infra-day6): nodes, tokens in
// and out, the cache-hit share, throughput per node, $2 per H800-hour. Cost is nodes × GPUs
// per node × rate × 24 h; revenue is the day's tokens at API prices times the share of them
// that is billed (the web and app are free, so that share is below 1 in fact).
// Task: a reasoning model bills its thinking as output, so a task costs input + reasoning +
// output tokens at the model's prices; a model that does not reason spends none.
#pragma once
#include "costbook/inference.h"

namespace costbook {

// ---- [SECTION] Serving ----
struct ServingInputs {
    double nodes = 0;                 // average nodes over the day
    double gpus_per_node = 0;
    double usd_per_gpu_hour = 0;
    double input_tokens = 0;          // per day, cache hits included
    double output_tokens = 0;         // per day
    double cache_hit_fraction = 0;    // share of input tokens served from the cache
    ApiPrice price;                   // USD per million tokens
    double billed_fraction = 1;       // share of tokens that pay; 1 = DeepSeek's "theoretical" revenue
    double prefill_tokens_per_s = 0;  // per node while prefilling (reading input)
    double decode_tokens_per_s = 0;   // per node while decoding (writing output)
};

struct Serving {
    double gpus = 0;                  // nodes × GPUs per node
    double cost_usd = 0;              // per day
    ApiCost revenue;                  // per day, billed share applied
    double profit_usd = 0;
    double cost_profit_margin = 0;    // profit ÷ cost: DeepSeek's "545%"
    double gross_margin = 0;          // profit ÷ revenue
    double usd_per_mtok = 0;          // cost per million tokens, input and output together
    double usd_per_mtok_output = 0;   // cost per million output tokens, all cost charged to output
    double busy_fraction = 0;         // node-time the day's tokens need at the published throughput ÷ node-time paid for
};
Serving serving_day(const ServingInputs& in);

// ---- [SECTION] Task ----
struct TaskTokens {
    double input = 0, reasoning = 0, output = 0;   // per task; reasoning is billed as output
    double billed_output() const { return reasoning + output; }
};
ApiCost task_cost(const TaskTokens& t, double cache_hit_fraction, const ApiPrice& p);  // in the price's currency

}  // namespace costbook
