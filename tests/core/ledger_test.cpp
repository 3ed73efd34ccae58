#include <doctest/doctest.h>

#include "../fixture.h"
#include "costbook/format.h"
#include "costbook/ledger.h"

using namespace costbook;

TEST_CASE("V3's three stages add up to 2.788M GPU-hours") {
    const Ledger& v3 = fixture::ledger("deepseek-v3");
    REQUIRE(v3.stages.size() == 3);
    CHECK(total_gpu_hours(v3) == doctest::Approx(2'788'000));
    CHECK(format_gpu_hours(total_gpu_hours(v3)) == "2.788M GPU-hours");
    SUBCASE("at DeepSeek's $2 per GPU-hour the headline reads $5.576M") {
        CHECK(v3.usd_per_gpu_hour == 2.0);
        CHECK(format_usd(total_cost_usd(v3, v3.usd_per_gpu_hour)) == "$5.576M");
        CHECK(format_usd(stage_cost_usd(v3.stages[0], v3.usd_per_gpu_hour)) == "$5.328M");
        CHECK(format_usd(stage_cost_usd(v3.stages[1], v3.usd_per_gpu_hour)) == "$238K");
    }
    SUBCASE("pre-training is 180K GPU-hours per trillion tokens over 14.8T") {
        CHECK(v3.stages[0].gpu_hours == doctest::Approx(180'000 * 14.8));
    }
}

TEST_CASE("R1's three stages add up to 147K GPU-hours") {
    const Ledger& r1 = fixture::ledger("deepseek-r1");
    CHECK(total_gpu_hours(r1) == doctest::Approx(147'000));
    SUBCASE("at $2 per GPU-hour the headline reads $294K") {
        CHECK(format_usd(total_cost_usd(r1, r1.usd_per_gpu_hour)) == "$294K");
    }
    SUBCASE("published GPUs x hours are kept beside the rounded GPU-hours") {
        CHECK(r1.stages[0].gpu_hours == 101'000);
        CHECK(wall_gpu_hours(r1.stages[0]) == 101'376);   // 512 × 198
        CHECK(wall_gpu_hours(r1.stages[2]) == 0);         // R1: 512 GPUs, but its ~80 h is 41K ÷ 512, not published
        CHECK(wall_gpu_hours(r1.stages[1]) == 0);         // SFT data: no GPU count published
    }
}

TEST_CASE("648 GPUs would not give R1-Zero's published 101K GPU-hours") {
    Stage wrong = fixture::ledger("deepseek-r1").stages[0];
    wrong.gpus = 648;  // "64*8" with the asterisk lost
    CHECK(wall_gpu_hours(wrong) == 128'304);
    CHECK(wall_gpu_hours(wrong) / wrong.gpu_hours > 1.25);
}

TEST_CASE("Llama 3.1 405B used about 11x V3's GPU-hours") {
    const double llama = total_gpu_hours(fixture::ledger("llama-3.1-405b"));
    const double v3 = total_gpu_hours(fixture::ledger("deepseek-v3"));
    CHECK(format_gpu_hours(llama) == "30.84M GPU-hours");
    CHECK(format_multiple(llama / v3) == "11.1×");
    SUBCASE("at $2 it reads $61.68M: the likely origin of the seed's \"over $60 million\"") {
        CHECK(format_usd(total_cost_usd(fixture::ledger("llama-3.1-405b"), 2.0)) == "$61.68M");
    }
}

TEST_CASE("s1's fine-tune is 16 H100 for 26 minutes") {
    const Ledger& s1 = fixture::ledger("s1-32b");
    CHECK(total_gpu_hours(s1) == doctest::Approx(16 * 26.0 / 60.0));
    CHECK(format_usd(total_cost_usd(s1, 2.0)) == "$13.87");
}

TEST_CASE("a ledger with a negative or repeated stage is refused, naming the field") {
    Ledger l;
    l.stages.push_back({"pretrain", "Pre-training", "h800", -1, 0, 0, "x"});
    auto r = check_ledger(l);
    CHECK_FALSE(r);
    CHECK(r.error.field == "stages.pretrain.gpu_hours");
    l.stages[0].gpu_hours = 5;
    l.stages.push_back(l.stages[0]);
    r = check_ledger(l);
    CHECK_FALSE(r);
    CHECK(r.error.message == "stage `pretrain` appears twice");
    l.stages.pop_back();
    CHECK(check_ledger(l));
}
