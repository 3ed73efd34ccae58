// costbook core: inference — API cost of a workload, KV-cache bytes per token
// Index: [SECTION] API  [SECTION] KV cache
#pragma once

namespace costbook {

// ---- [SECTION] API ----
struct ApiPrice {                 // per million tokens, in one currency
    double input_hit_per_mtok = 0;   // input tokens served from the context cache
    double input_miss_per_mtok = 0;  // input tokens computed afresh
    double output_per_mtok = 0;      // output tokens (reasoning tokens count as output)
};

struct Workload {
    double input_tokens = 0;
    double output_tokens = 0;
    double cache_hit_fraction = 0;   // share of input tokens that hit the cache, 0–1
};

struct ApiCost {                  // in the price's currency
    double input_hit = 0, input_miss = 0, output = 0, total = 0;
};

ApiCost api_cost(const Workload& w, const ApiPrice& p);
ApiPrice convert_price(const ApiPrice& p, double factor);  // e.g. USD → CNY with CNY per USD

// ---- [SECTION] KV cache ----
// Elements per token cached by each attention form (dsv2-report §2.1), times bytes each.
double kv_bytes_per_token_mha(double layers, double heads, double head_dim, double bytes_per_element);  // 2 · l · h · d
double kv_bytes_per_token_mla(double layers, double latent_dim, double rope_dim, double bytes_per_element); // l · (d_c + d_rope)

}  // namespace costbook
