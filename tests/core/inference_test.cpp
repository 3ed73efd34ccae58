#include <doctest/doctest.h>

#include "../fixture.h"
#include "costbook/format.h"
#include "costbook/inference.h"

using namespace costbook;

TEST_CASE("DeepSeek's published yuan and dollar prices agree at about 7.27 per dollar") {
    const auto& r1 = *fixture::data().price("deepseek-reasoner");
    REQUIRE(r1.usd);
    REQUIRE(r1.cny);
    CHECK(format_cny(r1.cny->output_per_mtok) == "¥16");
    CHECK(format_usd(r1.usd->output_per_mtok) == "$2.19");
    CHECK(format_sig(r1.cny->output_per_mtok / r1.usd->output_per_mtok, 3) == "7.31");
    CHECK(format_sig(r1.cny->input_miss_per_mtok / r1.usd->input_miss_per_mtok, 3) == "7.27");
}

TEST_CASE("o3-mini's $4.40 output is ¥32.0 at 7.27, not the seed's ¥31") {
    const auto& o3 = *fixture::data().price("o3-mini");
    const ApiPrice cny = convert_price(*o3.usd, fixture::data().cny_per_usd);
    CHECK(format_cny(cny.output_per_mtok) == "¥31.99");
    CHECK(format_sig(cny.output_per_mtok, 3) == "32");
}

TEST_CASE("R1's output costs a half of o3-mini's; its cache-miss input a half too") {
    const auto& r1 = *fixture::data().price("deepseek-reasoner")->usd;
    const auto& o3 = *fixture::data().price("o3-mini")->usd;
    CHECK(format_percent(r1.output_per_mtok / o3.output_per_mtok) == "49.8%");
    CHECK(format_percent(r1.input_miss_per_mtok / o3.input_miss_per_mtok) == "50%");
}

TEST_CASE("V3's launch promotion to 2025-02-08 was a fifth of its later output price") {
    const auto& promo = *fixture::data().price("deepseek-chat-promo")->cny;
    const auto& later = *fixture::data().price("deepseek-chat")->cny;
    CHECK(format_cny(promo.input_hit_per_mtok) == "¥0.10");
    CHECK(format_cny(later.input_hit_per_mtok) == "¥0.50");
    CHECK(later.output_per_mtok / promo.output_per_mtok == doctest::Approx(4));
}

TEST_CASE("a workload splits input by cache-hit share") {
    const ApiPrice p{0.14, 0.55, 2.19};
    const ApiCost c = api_cost({1e6, 1e6, 0.563}, p);
    CHECK(c.input_hit == doctest::Approx(0.563 * 0.14));
    CHECK(c.input_miss == doctest::Approx(0.437 * 0.55));
    CHECK(c.output == doctest::Approx(2.19));
    CHECK(c.total == doctest::Approx(0.563 * 0.14 + 0.437 * 0.55 + 2.19));
}

TEST_CASE("V3's MLA caches 70,272 bytes a token, 1.76% of an MHA with its shapes") {
    const auto& a = *fixture::data().model("deepseek-v3")->attention;
    const double mla = kv_bytes_per_token_mla(a.layers, a.kv_latent_dim, a.rope_dim, 2);
    const double mha = kv_bytes_per_token_mha(a.layers, a.heads, a.head_dim, 2);
    CHECK(mla == 70'272);
    CHECK(mha == 2.0 * 1'998'848);
    CHECK(format_percent(mla / mha) == "1.76%");
    CHECK(format_sig(mha / mla, 3) == "56.9");
}
