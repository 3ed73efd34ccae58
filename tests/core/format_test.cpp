#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "costbook/format.h"

using namespace costbook;

TEST_CASE("money has four significant figures and a K/M/B suffix") {
    CHECK(format_usd(294'000) == "$294K");
    CHECK(format_usd(5'576'000) == "$5.576M");
    CHECK(format_usd(5'870'000) == "$5.87M");
    CHECK(format_usd(2.573e9) == "$2.573B");
    CHECK(format_usd(61'680'000) == "$61.68M");
    CHECK(format_usd(87'072) == "$87.07K");
    CHECK(format_usd(1e12) == "$1T");
    CHECK(format_usd(2) == "$2");
    CHECK(format_usd(0) == "$0");
}

TEST_CASE("money rounds before it picks a suffix") {
    CHECK(format_usd(999'990) == "$1M");
    CHECK(format_usd(999.96) == "$1K");
    CHECK(format_usd(12'345'678) == "$12.35M");
}

TEST_CASE("money below a thousand shows cents when it has a fraction") {
    CHECK(format_usd(1.1) == "$1.10");
    CHECK(format_usd(0.55) == "$0.55");
    CHECK(format_usd(0.014) == "$0.014");
    CHECK(format_usd(2.509) == "$2.509");
    CHECK(format_usd(4.4) == "$4.40");
}

TEST_CASE("yuan use the same rules") {
    CHECK(format_cny(16) == "¥16");
    CHECK(format_cny(0.5) == "¥0.50");
    CHECK(format_cny(2'080'000) == "¥2.08M");
    CHECK(format_money(32, "cny") == "¥32");
    CHECK(format_money(32, "usd") == "$32");
}

TEST_CASE("negative and non-finite values never print nan") {
    CHECK(format_usd(-1'500'000) == "-$1.5M");
    CHECK(format_usd(std::numeric_limits<double>::quiet_NaN()) == "n/a");
    CHECK(format_usd(std::numeric_limits<double>::infinity()) == "n/a");
    CHECK(format_percent(std::numeric_limits<double>::quiet_NaN()) == "n/a");
    CHECK(format_count(std::numeric_limits<double>::infinity()) == "n/a");
}

TEST_CASE("GPU-hours, FLOP, percent, multiples, counts") {
    CHECK(format_gpu_hours(2'788'000) == "2.788M GPU-hours");
    CHECK(format_gpu_hours(147'000) == "147K GPU-hours");
    CHECK(format_gpu_hours(1) == "1 GPU-hour");
    CHECK(format_flop(3.2856e24) == "3.29e24 FLOP");
    CHECK(format_sci(3e24, 3) == "3e24");
    CHECK(format_percent(0.3463) == "34.6%");
    CHECK(format_percent(5.45) == "545%");
    CHECK(format_percent(0.01758) == "1.76%");
    CHECK(format_percent(0.5) == "50%");
    CHECK(format_multiple(19.966) == "20×");
    CHECK(format_multiple(11.06) == "11.1×");
    CHECK(format_multiple(1200) == "1,200×");
    CHECK(format_multiple(9430.2) == "9,430×");
    CHECK(format_count(2048) == "2,048");
    CHECK(format_count(101376) == "101,376");
    CHECK(format_count(999) == "999");
}

TEST_CASE("tokens, parameters, bytes, durations, FLOP/s") {
    CHECK(format_tokens(14.8e12) == "14.8T tokens");
    CHECK(format_params(37e9) == "37B");
    CHECK(format_params(671e9) == "671B");
    CHECK(format_bytes(70'272) == "70.27 KB");
    CHECK(format_bytes(576) == "576 B");
    CHECK(format_bytes(3'997'696) == "3.998 MB");
    CHECK(format_duration_hours(26.0 / 60.0) == "0.433 h");
    CHECK(format_duration_hours(1301) == "54.2 days");
    CHECK(format_duration_hours(24 * 365 * 3) == "3 years");
    CHECK(format_flop_per_s(989.4e12) == "989.4 TFLOP/s");
    CHECK(format_flop_per_s(500) == "500 FLOP/s");
}

TEST_CASE("a signed percent carries + for a gain and - for a loss") {
    CHECK(costbook::format_signed_percent(0.171) == "+17.1%");
    CHECK(costbook::format_signed_percent(-0.12) == "-12%");
    CHECK(costbook::format_signed_percent(0) == "0%");
}

TEST_CASE("a figure without its unit word keeps the number, and a sign that is part of it") {
    CHECK(format_without_unit(format_tokens(15.6e12)) == "15.6T");
    CHECK(format_without_unit(format_gpu_hours(2'788'000)) == "2.788M");
    CHECK(format_without_unit(format_flop(3.29e24)) == "3.29e24");
    CHECK(format_without_unit(format_flop_per_s(989.4e12)) == "989.4");
    CHECK(format_without_unit(format_duration_hours(1301)) == "54.2");
    CHECK(format_without_unit(format_span(format_gpu_hours(2.492e6), format_gpu_hours(4.082e6))) == "2.492M–4.082M");
    CHECK(format_without_unit(format_usd(5'576'000)) == "$5.576M");
    CHECK(format_without_unit(format_percent(0.346)) == "34.6%");
    CHECK(format_without_unit(format_count(2048)) == "2,048");
}
