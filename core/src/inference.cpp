#include "costbook/inference.h"

namespace costbook {

ApiCost api_cost(const Workload& w, const ApiPrice& p) {
    ApiCost c;
    const double hit_tokens = w.input_tokens * w.cache_hit_fraction;
    const double miss_tokens = w.input_tokens - hit_tokens;
    c.input_hit = hit_tokens / 1e6 * p.input_hit_per_mtok;
    c.input_miss = miss_tokens / 1e6 * p.input_miss_per_mtok;
    c.output = w.output_tokens / 1e6 * p.output_per_mtok;
    c.total = c.input_hit + c.input_miss + c.output;
    return c;
}

ApiPrice convert_price(const ApiPrice& p, double factor) {
    return {p.input_hit_per_mtok * factor, p.input_miss_per_mtok * factor, p.output_per_mtok * factor};
}

double kv_bytes_per_token_mha(double layers, double heads, double head_dim, double bytes_per_element) {
    return 2.0 * layers * heads * head_dim * bytes_per_element;  // a key and a value per head
}

double kv_bytes_per_token_mla(double layers, double latent_dim, double rope_dim, double bytes_per_element) {
    return layers * (latent_dim + rope_dim) * bytes_per_element;  // one latent + decoupled RoPE key
}

}  // namespace costbook
