#include <doctest/doctest.h>

#include "../fixture.h"
#include "costbook/outputs.h"

using namespace costbook;

TEST_CASE("an input's value reads with its unit, formatted by format.h") {
    CHECK(input_value_text(Key::rate, 2) == "$2/GPU-hour");
    CHECK(input_value_text(Key::kwh, 0.08) == "$0.08/kWh");
    CHECK(input_value_text(Key::price_out, 2.19) == "$2.19/M tokens");
    CHECK(input_value_text(Key::people_usd, 2e8) == "$200M");
    CHECK(input_value_text(Key::mfu, 0.175) == "17.5%");
    CHECK(input_value_text(Key::server_overhead, 0.5) == "50%");
    CHECK(input_value_text(Key::research_mult, 3) == "3×");
    CHECK(input_value_text(Key::rl_gpu_hours, 147'000) == "147K GPU-hours");
    CHECK(input_value_text(Key::tokens, 14.8e12) == "14.8T tokens");
    CHECK(input_value_text(Key::in_mtok, 1) == "1M tokens");
    CHECK(input_value_text(Key::params, 37e9) == "37B");
    CHECK(input_value_text(Key::peak, 989.4e12) == "989.4 TFLOP/s");
    CHECK(input_value_text(Key::pue, 1.3) == "1.3");
    SUBCASE("counts get thousands separators, and a single one its singular unit") {
        CHECK(input_value_text(Key::gpus, 2048) == "2,048 GPUs");
        CHECK(input_value_text(Key::kv_layers, 61) == "61 layers");
        CHECK(input_value_text(Key::decline_years, 1) == "1 year");
        CHECK(input_value_text(Key::watts, 700) == "700 W");
        CHECK(input_value_text(Key::cny_per_usd, 7.27) == "7.27 CNY/USD");
    }
}

TEST_CASE("the inference headline follows the scenario's currency") {
    costbook::Scenario s = fixture::scenario();
    s.currency = "cny";
    const costbook::Outputs o = costbook::compute(s);
    CHECK(costbook::headline_text(s, o, "inference").rfind("Workload cost: ¥", 0) == 0);
    s.currency = "usd";
    CHECK(costbook::headline_text(s, o, "inference").rfind("Workload cost: $", 0) == 0);
}
