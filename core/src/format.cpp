// Formatting rules: see the [SECTION] Rules comment in format.h.
// Digits come from printf's %e, which rounds the exact binary value the same way in glibc
// (native) and musl (Emscripten), so page and calculator print the same string.
#include "costbook/format.h"

#include <cmath>
#include <cstdio>
#include <cctype>
#include <cstdlib>
#include <string>

namespace costbook {
namespace {

struct Digits {
    std::string digits;  // sig_figs digits, the first non-zero
    int exponent = 0;    // value = d.ddd × 10^exponent
};

Digits round_to_sig(double magnitude, int sig_figs) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*e", sig_figs - 1, magnitude);
    Digits d;
    const char* p = buf;
    for (; *p && *p != 'e'; ++p)
        if (*p >= '0' && *p <= '9') d.digits.push_back(*p);
    if (*p == 'e') d.exponent = std::atoi(p + 1);
    return d;
}

// Places the decimal point so that the number has int_digits digits before it, pads with
// zeros where needed and drops trailing zeros after the point.
std::string place_point(const std::string& digits, int int_digits) {
    std::string out;
    if (int_digits <= 0) {
        out = "0." + std::string(static_cast<size_t>(-int_digits), '0') + digits;
    } else if (static_cast<size_t>(int_digits) >= digits.size()) {
        out = digits + std::string(static_cast<size_t>(int_digits) - digits.size(), '0');
    } else {
        out = digits.substr(0, static_cast<size_t>(int_digits)) + "." +
              digits.substr(static_cast<size_t>(int_digits));
    }
    if (out.find('.') != std::string::npos) {
        while (out.back() == '0') out.pop_back();
        if (out.back() == '.') out.pop_back();
    }
    return out;
}

struct Suffix { int exponent; const char* text; };

// Rounds first, then picks the largest suffix not above the rounded value.
std::string with_suffix(double x, int sig_figs, const Suffix* suffixes, int n_suffixes) {
    if (!std::isfinite(x)) return "n/a";
    if (x == 0) return "0";
    const bool negative = x < 0;
    const Digits d = round_to_sig(std::fabs(x), sig_figs);
    int shift = 0;
    const char* text = "";
    for (int i = 0; i < n_suffixes; ++i)
        if (d.exponent >= suffixes[i].exponent) { shift = suffixes[i].exponent; text = suffixes[i].text; }
    return (negative ? "-" : "") + place_point(d.digits, d.exponent - shift + 1) + text;
}

const Suffix kMetric[] = {{3, "K"}, {6, "M"}, {9, "B"}, {12, "T"}};
const Suffix kSI[] = {{3, " K"}, {6, " M"}, {9, " G"}, {12, " T"}, {15, " P"}, {18, " E"}};
const Suffix kBytes[] = {{3, " KB"}, {6, " MB"}, {9, " GB"}, {12, " TB"}};

std::string money(double amount, const char* symbol) {
    std::string s = with_suffix(amount, 4, kMetric, 4);
    if (s == "n/a") return s;
    // Below a thousand, a fraction is written in cents at least: $1.10, not $1.1.
    const size_t dot = s.find('.');
    if (dot != std::string::npos && std::isdigit(static_cast<unsigned char>(s.back())) && s.size() - dot == 2) s += "0";
    if (s[0] == '-') return "-" + std::string(symbol) + s.substr(1);
    return symbol + s;
}

}  // namespace

std::string format_sig(double x, int sig_figs) { return with_suffix(x, sig_figs, kMetric, 4); }

std::string format_usd(double usd) { return money(usd, "$"); }
std::string format_cny(double cny) { return money(cny, "\xC2\xA5"); }  // ¥
std::string format_money(double amount, const std::string& currency) {
    return currency == "cny" ? format_cny(amount) : format_usd(amount);
}

std::string format_gpu_hours(double gpu_hours) {
    return with_suffix(gpu_hours, 4, kMetric, 4) + (gpu_hours == 1 ? " GPU-hour" : " GPU-hours");
}

std::string format_sci(double x, int sig_figs) {
    if (!std::isfinite(x)) return "n/a";
    if (x == 0) return "0";
    const Digits d = round_to_sig(std::fabs(x), sig_figs);
    return (x < 0 ? "-" : "") + place_point(d.digits, 1) + "e" + std::to_string(d.exponent);
}

std::string format_flop(double flop) { return format_sci(flop, 3) + " FLOP"; }

std::string format_percent(double fraction) {
    if (!std::isfinite(fraction)) return "n/a";
    return with_suffix(fraction * 100.0, 3, nullptr, 0) + "%";
}

std::string format_multiple(double ratio) {
    if (!std::isfinite(ratio)) return "n/a";
    if (std::fabs(ratio) >= 1000) return format_count(std::stod(with_suffix(ratio, 3, nullptr, 0))) + "\xC3\x97";
    return with_suffix(ratio, 3, nullptr, 0) + "\xC3\x97";  // ×
}

std::string format_count(double n) {
    if (!std::isfinite(n)) return "n/a";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", std::fabs(n));
    std::string digits = buf, out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return (n <= -0.5 ? "-" : "") + out;
}

std::string format_tokens(double tokens) { return with_suffix(tokens, 4, kMetric, 4) + " tokens"; }
std::string format_params(double params) { return with_suffix(params, 4, kMetric, 4); }

std::string format_bytes(double bytes) {
    std::string s = with_suffix(bytes, 4, kBytes, 4);
    if (s == "n/a") return s;
    return (s.find(' ') == std::string::npos) ? s + " B" : s;
}

std::string format_duration_hours(double hours) {
    if (!std::isfinite(hours)) return "n/a";
    if (std::fabs(hours) < 48) return with_suffix(hours, 3, nullptr, 0) + " h";
    const double days = hours / 24.0;
    if (std::fabs(days) < 730) return with_suffix(days, 3, nullptr, 0) + " days";
    return with_suffix(days / 365.0, 3, nullptr, 0) + " years";
}

std::string format_flop_per_s(double flop_per_s) {
    const std::string s = with_suffix(flop_per_s, 4, kSI, 6);
    return s + (s.find(' ') == std::string::npos ? " FLOP/s" : "FLOP/s");
}

std::string format_span(const std::string& low, const std::string& high) {
    const size_t lo_sp = low.find(' '), hi_sp = high.find(' ');
    if (lo_sp != std::string::npos && hi_sp != std::string::npos && low.substr(lo_sp) == high.substr(hi_sp))
        return low.substr(0, lo_sp) + "–" + high;
    return low + "–" + high;
}

std::string format_usd_added(double usd) { return (usd >= 0 ? "+" : "") + format_usd(usd); }

std::string format_signed_percent(double fraction) {
    return (fraction > 0 ? "+" : "") + format_percent(fraction);
}

std::string format_without_unit(const std::string& formatted) {
    // The unit is the last word, when it has no digit (" GPU-hours", " FLOP/s", " KB"); a number has one.
    const size_t sp = formatted.rfind(' ');
    if (sp == std::string::npos || sp == 0) return formatted;
    for (size_t i = sp + 1; i < formatted.size(); ++i)
        if (formatted[i] >= '0' && formatted[i] <= '9') return formatted;
    return formatted.substr(0, sp);
}

}  // namespace costbook
