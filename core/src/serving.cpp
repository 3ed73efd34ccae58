#include "costbook/serving.h"

namespace costbook {

Serving serving_day(const ServingInputs& in) {
    Serving s;
    s.gpus = in.nodes * in.gpus_per_node;
    s.cost_usd = s.gpus * in.usd_per_gpu_hour * 24;
    const Workload w{in.input_tokens * in.billed_fraction, in.output_tokens * in.billed_fraction, in.cache_hit_fraction};
    s.revenue = api_cost(w, in.price);
    s.profit_usd = s.revenue.total - s.cost_usd;
    s.cost_profit_margin = s.cost_usd > 0 ? s.profit_usd / s.cost_usd : 0;
    s.gross_margin = s.revenue.total > 0 ? s.profit_usd / s.revenue.total : 0;
    const double tokens = in.input_tokens + in.output_tokens;
    s.usd_per_mtok = tokens > 0 ? s.cost_usd / tokens * 1e6 : 0;
    s.usd_per_mtok_output = in.output_tokens > 0 ? s.cost_usd / in.output_tokens * 1e6 : 0;
    const double node_seconds = in.nodes * 24 * 3600;
    if (node_seconds > 0 && in.prefill_tokens_per_s > 0 && in.decode_tokens_per_s > 0)
        s.busy_fraction = (in.input_tokens / in.prefill_tokens_per_s + in.output_tokens / in.decode_tokens_per_s) / node_seconds;
    return s;
}

ApiCost task_cost(const TaskTokens& t, double cache_hit_fraction, const ApiPrice& p) {
    return api_cost({t.input, t.billed_output(), cache_hit_fraction}, p);
}

}  // namespace costbook
