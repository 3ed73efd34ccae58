// The slider of one input: its scale around the page's value, core's text beside the grab, the
// range of a ranged input as a band, and keyboard steps.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "calc.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace costbook::calc {

namespace {
// ---- Slider scales ----
// A slider spans the page's value ±2 decades (log) or up to 10x the page's high value (linear),
// within key_info()'s limits, so the reader's hand is where the numbers are.
struct Scale { double lo, hi; bool log; };

Scale scale_of(Key k) {
    const KeyInfo info = input_info(state().page, k);
    const Range& page = state().page.range(k);
    const double v0 = page.likely, top = std::max(page.high, v0);
    Scale sc{info.min, info.max, info.log_scale};
    if (sc.log) {
        if (v0 > 0) {
            sc.lo = std::max(info.min, std::min(page.low, v0 / 100));
            sc.hi = std::min(info.max, std::max(top, v0 * 100));
        }
        if (sc.lo <= 0) sc.lo = std::max(info.min, sc.hi * 1e-6);
    } else if (top > 0 && info.max / top > 20) {
        sc.hi = std::min(info.max, top * 10);
    }
    return sc;
}

double t_of(const Scale& sc, double v) {
    double t = sc.log ? (v <= sc.lo ? 0 : std::log(v / sc.lo) / std::log(sc.hi / sc.lo)) : (v - sc.lo) / (sc.hi - sc.lo);
    return std::clamp(t, 0.0, 1.0);
}

// Slider positions snap to 3 significant figures (whole numbers for counts): what the #hash
// carries stays short, and the value shown by core's formatting is the value used.
double value_of(Key k, const Scale& sc, double t) {
    double v = sc.log ? sc.lo * std::pow(sc.hi / sc.lo, t) : sc.lo + t * (sc.hi - sc.lo);
    const KeyInfo info = input_info(state().page, k);
    if (info.integer) {
        v = std::round(v);
    } else if (v != 0) {
        const int digits = 2 - static_cast<int>(std::floor(std::log10(std::fabs(v))));
        const double p = std::pow(10.0, std::abs(digits));  // exact for whole powers
        v = digits >= 0 ? std::round(v * p) / p : std::round(v / p) * p;
    }
    return std::clamp(v, info.min, info.max);
}

void set_value(Key k, double v) {
    Scenario& s = state().s;
    Range r = s.range(k);
    // A ranged input's likely value moves within its range: the band changes only when the reader
    // types a new range.
    if (r.is_range()) s.set_range(k, {r.low, std::clamp(v, r.low, r.high), r.high});
    else s.set(k, v);
    edited();
}

// Moves a slider by a fraction of its travel; at least one step of the value.
}  // namespace

void nudge(Key k, double dt, bool to_end) {
    const Scale sc = scale_of(k);
    const double v = state().s.get(k);
    if (to_end) {
        const double nv = value_of(k, sc, dt < 0 ? 0.0 : 1.0);
        if (nv != v) set_value(k, nv);
        return;
    }
    // The first snapped value past v in the step's direction: a value with more figures than the
    // snap keeps (the page's 2.573B) would otherwise round back across it (a raise to 2.57B).
    double t = t_of(sc, v);
    for (int i = 0; i < 200; ++i) {
        t = std::clamp(t + dt, 0.0, 1.0);
        const double nv = value_of(k, sc, t);
        if (dt > 0 ? nv > v : nv < v) {
            set_value(k, nv);
            return;
        }
        if (t == 0.0 || t == 1.0) return;
    }
}

double slider_t(Key k) { return t_of(scale_of(k), state().s.get(k)); }

void set_slider_t(Key k, double t) {
    const double v = value_of(k, scale_of(k), std::clamp(t, 0.0, 1.0));
    if (v != state().s.get(k)) set_value(k, v);
}

// What a reader typed, in scenario syntax, forgiving what hands and phone keyboards add: spaces
// (1.5 ~ 3 ~ 10, 147 K) and lower-case suffixes (147k, 2.5m).
std::string forgiving(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == ' ' || c == '\t') continue;
        out += c == 'k' || c == 'm' || c == 'b' || c == 't' ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

std::string type_value(Key k, const std::string& typed) {
    State& st = state();
    const KeyInfo info = input_info(st.s, k);
    const std::string text = forgiving(typed);
    const std::string how = "type a number (2.5, 147K, 1e6) or a range low~likely~high";
    if (text.empty()) return "Nothing typed: " + how + ".";
    if (text.find_first_of("&#=") != std::string::npos) return "A value is a number or low~likely~high, without `&`, `#` or `=`.";
    // Checked here first, in the reader's words (the slider's label, the values in its unit);
    // parse_scenario() then applies it.
    std::vector<double> parts;
    for (size_t p = 0;;) {
        const size_t tilde = text.find('~', p);
        const std::string piece = text.substr(p, tilde == std::string::npos ? std::string::npos : tilde - p);
        const std::optional<double> v = parse_number(piece);
        if (!v) {
            const bool huge = !piece.empty() && piece.find_first_not_of("0123456789.eE+-KMBT") == std::string::npos &&
                              std::isinf(std::strtod(piece.c_str(), nullptr));
            return huge ? "\u201C" + piece + "\u201D is too large: " + how + "."
                        : "\u201C" + (piece.empty() ? text : piece) + "\u201D is not a number: " + how + ".";
        }
        parts.push_back(*v);
        if (tilde == std::string::npos) break;
        p = tilde + 1;
    }
    if (parts.size() > 3) return "A range has three parts at most, low~likely~high.";
    if (!std::is_sorted(parts.begin(), parts.end())) return "A range runs low~likely~high, smallest first.";
    const auto [lo, hi] = std::minmax_element(parts.begin(), parts.end());
    if (*lo < info.min || *hi > info.max)
        return std::string(info.label) + " runs from " + input_value_text(st.s, k, info.min) + " to " +
               input_value_text(st.s, k, info.max) + ": nothing changed.";
    const ParsedScenario p = parse_scenario(std::string(info.name) + "=" + text, st.s);
    if (!p.errors.empty()) return p.errors.front().message;
    if (!p.notes.empty()) return p.notes.front();
    st.s = p.scenario;
    edited();
    return "";
}

// The slider of one input. Core's text for the value sits on the side away from the grab, so
// the grab never covers it; a ranged input's low..high is a tinted band with the range in the text.
void slider(Key k, float width) {
    const Scale sc = scale_of(k);
    const Range& r = state().s.range(k);
    const Scenario& s = state().s;
    const std::string value = input_value_text(s, k, r.likely);
    const std::string ranged = r.is_range() ? value + "  \xC2\xB7  range " + input_value_text(s, k, r.low) + "\xE2\x80\x93" +
                                                  input_value_text(s, k, r.high) : value;
    // The frame and the range band are drawn first, under a transparent ImGui frame, so that the
    // grab stays on top of the band.
    const ImGuiStyle& st = ImGui::GetStyle();
    const ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + width, a.y + ImGui::GetFrameHeight());
    const float pad = 2, grab = st.GrabMinSize, usable = b.x - a.x - 2 * pad - grab;
    const auto x_at = [&](double tt) { return a.x + pad + grab / 2 + usable * static_cast<float>(tt); };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool hovered = ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(a, b);
    dl->AddRectFilled(a, b, ImGui::GetColorU32(hovered ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg), st.FrameRounding);
    if (r.is_range()) {
        const unsigned band = (palette().accent2 & 0x00FFFFFFu) | 0x40000000u;  // accent-2 at 25%
        dl->AddRectFilled(ImVec2(x_at(t_of(sc, r.low)), a.y + 1), ImVec2(x_at(t_of(sc, r.high)), b.y - 1), band);
    }
    float t = static_cast<float>(t_of(sc, r.likely));
    ImGui::SetNextItemWidth(width);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, 0u);
    ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, 0u);
    ImGui::PushStyleColor(ImGuiCol_FrameBgActive, 0u);
    const ImGuiSliderFlags flags = ImGuiSliderFlags_NoInput | ImGuiSliderFlags_NoRoundToFormat | ImGuiSliderFlags_AlwaysClamp;
    if (ImGui::SliderFloat("##slider", &t, 0.0f, 1.0f, "", flags)) {
        const double v = value_of(k, sc, t);
        if (v != r.likely) set_value(k, v);
    }
    ImGui::PopStyleColor(3);
    slider_stop(k, ranged);

    // The side of the grab with more room; the range drops out when the text would not fit there.
    const float grab_x = x_at(t_of(sc, r.likely));
    const float room = std::max(grab_x - a.x, b.x - grab_x) - grab / 2 - 2 * st.FramePadding.x;
    const std::string& text = ImGui::CalcTextSize(ranged.c_str()).x <= room ? ranged : value;
    const float tw = ImGui::CalcTextSize(text.c_str()).x;
    const float x = grab_x - a.x > b.x - grab_x ? a.x + st.FramePadding.x : b.x - st.FramePadding.x - tw;
    const bool disabled = (GImGui->CurrentItemFlags & ImGuiItemFlags_Disabled) != 0;
    dl->AddText(ImVec2(x, a.y + st.FramePadding.y), disabled ? palette().muted : palette().ink, text.c_str());
}

// An input with its label above.

}  // namespace costbook::calc
