// One frame of the calculator: tab chips, the headline and its band, results with bars, sliders.
// Sizes are device pixels (ImGui runs at the backing-store scale); css() converts.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "calc.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace costbook::calc {

namespace {

struct Slider { ImGuiID id; Key key; };
struct Probe { std::string name; ImRect rect; };
struct Ui {
    float dpr = 1;
    std::vector<ImGuiID> stops, last_stops;         // keyboard stops, in Tab order: this frame, last frame
    std::vector<Slider> sliders, last_sliders;      // which stop is which input's slider
    std::vector<Probe> probes, last_probes;         // control rectangles, for tests
    bool popup_open = false;
};
Ui ui;

float css(float v) { return v * ui.dpr; }

// ---- Keyboard stops ----
// Every control registers itself after drawing: Tab order is drawing order.
void stop(const std::string& name) {
    const ImGuiID id = ImGui::GetItemID();
    ui.stops.push_back(id);
    ui.probes.push_back({name, ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())});
}

// Focuses last frame's stop `i` at once, so that keys arriving before the next frame (Tab then
// Space) act on it.
void focus_stop(int i) {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* window = ImGui::FindWindowByName("costbook");
    const size_t at = static_cast<size_t>(i);
    if (!window || at >= ui.last_stops.size()) return;
    g.NavWindow = window;
    g.NavId = ui.last_stops[at];
    g.NavLayer = ImGuiNavLayer_Main;
    g.NavFocusScopeId = 0;
    window->NavLastIds[ImGuiNavLayer_Main] = g.NavId;
    const ImRect r = ui.last_probes[at].rect;
    window->NavRectRel[ImGuiNavLayer_Main] =
        ImRect(r.Min.x - window->Pos.x, r.Min.y - window->Pos.y, r.Max.x - window->Pos.x, r.Max.y - window->Pos.y);
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
}

// ---- Slider scales ----
// A slider spans the page's value ±2 decades (log) or up to 10x the page's high value (linear),
// within key_info()'s limits, so the reader's hand is where the numbers are.
struct Scale { double lo, hi; bool log; };

Scale scale_of(Key k) {
    const KeyInfo& info = key_info(k);
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
    if (key_info(k).integer) {
        v = std::round(v);
    } else if (v != 0) {
        const int digits = 2 - static_cast<int>(std::floor(std::log10(std::fabs(v))));
        const double p = std::pow(10.0, std::abs(digits));  // exact for whole powers
        v = digits >= 0 ? std::round(v * p) / p : std::round(v / p) * p;
    }
    return std::clamp(v, key_info(k).min, key_info(k).max);
}

void set_value(Key k, double v) {
    Scenario& s = state().s;
    Range r = s.range(k);
    if (r.is_range()) s.set_range(k, {std::min(r.low, v), v, std::max(r.high, v)});  // the likely value moves
    else s.set(k, v);
    edited();
}

// Moves a slider by a fraction of its travel; at least one step of the value.
void nudge(Key k, double dt, bool to_end = false) {
    const Scale sc = scale_of(k);
    const double v = state().s.get(k);
    double t = to_end ? (dt < 0 ? 0.0 : 1.0) : t_of(sc, v);
    double nv = value_of(k, sc, t);
    for (int i = 0; !to_end && i < 200 && nv == v; ++i) {
        t = std::clamp(t + dt, 0.0, 1.0);
        nv = value_of(k, sc, t);
        if (t == 0.0 || t == 1.0) break;
    }
    if (nv != v) set_value(k, nv);
}

// ---- Small pieces ----
void text_right(const std::string& text, float x_right, unsigned color) {
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), x_right - w));
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
}

// A horizontal bar under a result: fraction of the width, in a track.
void bar(float width, double fraction, unsigned color) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = css(6);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), palette().grid, h / 2);
    if (fraction > 0 && std::isfinite(fraction)) {
        const float w = std::max(h, static_cast<float>(width * std::min(fraction, 1.0)));
        dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), color, h / 2);
    }
    ImGui::Dummy(ImVec2(width, h));
}

// A label on the left and a value on the right; the value drops below when both do not fit.
void result_row(const std::string& label, const std::string& value, float x0, float width, unsigned value_color) {
    const float gap = css(12);
    const float lw = ImGui::CalcTextSize(label.c_str()).x, vw = ImGui::CalcTextSize(value.c_str()).x;
    ImGui::SetCursorPosX(x0);
    if (lw + gap + vw <= width) {
        ImGui::TextUnformatted(label.c_str());
    } else {
        ImGui::PushTextWrapPos(x0 + width);
        ImGui::TextWrapped("%s", label.c_str());
        ImGui::PopTextWrapPos();
        ImGui::SetCursorPosX(x0);
        ImGui::Dummy(ImVec2(0, 0));
    }
    text_right(value, x0 + width, value_color);
}

// ---- Inputs ----
// The slider of one input. Core's text for the value sits on the side away from the grab, so
// the grab never covers it; a ranged input's low..high is a tinted band with the range in the text.
void slider(Key k, float width) {
    const Scale sc = scale_of(k);
    const Range& r = state().s.range(k);
    const std::string value = input_value_text(k, r.likely);
    const std::string ranged = r.is_range() ? value + "  \xC2\xB7  range " + input_value_text(k, r.low) + "\xE2\x80\x93" +
                                                  input_value_text(k, r.high) : value;
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
    ui.sliders.push_back({ImGui::GetItemID(), k});
    stop(std::string("key:") + key_info(k).name);

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
void input(Key k, float x0, float width) {
    const KeyInfo& info = key_info(k);
    ImGui::PushID(info.name);
    ImGui::SetCursorPosX(x0);
    ImGui::TextUnformatted(info.label);
    ImGui::SetCursorPosX(x0);
    slider(k, width);
    ImGui::PopID();
}

float input_height() {
    return ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFrameHeight() + css(14);
}

// Inputs in a grid: two columns when each gets at least 260 CSS px.
void input_grid(const std::vector<Key>& keys, float width) {
    const float gap = css(24);
    const int cols = width >= css(2 * 260) + gap ? 2 : 1;
    const float col_w = (width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float y0 = ImGui::GetCursorPosY(), x0 = ImGui::GetCursorPosX(), h = input_height();
    for (size_t i = 0; i < keys.size(); ++i) {
        const int col = static_cast<int>(i % static_cast<size_t>(cols)), row = static_cast<int>(i / static_cast<size_t>(cols));
        ImGui::SetCursorPos(ImVec2(x0 + static_cast<float>(col) * (col_w + gap), y0 + static_cast<float>(row) * h));
        input(keys[i], ImGui::GetCursorPosX(), col_w);
    }
    const size_t rows = (keys.size() + static_cast<size_t>(cols) - 1) / static_cast<size_t>(cols);
    ImGui::SetCursorPos(ImVec2(x0, y0 + static_cast<float>(rows) * h));
}

// ---- Header ----
// Tabs as chips that wrap onto more lines when the calculator is narrow.
bool chip(const char* label, bool selected, const std::string& name) {
    const Palette& p = palette();
    if (selected) {
        ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accent);
        ImGui::PushStyleColor(ImGuiCol_Text, p.bg);
    }
    const bool pressed = ImGui::Button(label);
    if (selected) ImGui::PopStyleColor(4);
    stop(name);
    return pressed;
}

void chips(const char* const* labels, const char* const* ids, int n, const std::string& current, const char* kind,
           float width, std::string& out) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float x0 = ImGui::GetCursorPosX();
    float x = x0;
    for (int i = 0; i < n; ++i) {
        const float w = ImGui::CalcTextSize(labels[i]).x + st.FramePadding.x * 2;
        if (i > 0) {
            if (x + st.ItemSpacing.x + w > x0 + width) x = x0;
            else { ImGui::SameLine(); x += st.ItemSpacing.x; }
        }
        ImGui::SetCursorPosX(x);
        if (chip(labels[i], current == ids[i], std::string(kind) + ":" + ids[i]) && current != ids[i]) {
            out = ids[i];
            edited();
        }
        x += w;
    }
}

void tab_chips(float width) {
    const char* titles[6];
    for (int i = 0; i < 6; ++i) titles[i] = tab_title(kTabs[i]);
    chips(titles, kTabs, 6, state().s.tab, "tab", width, state().s.tab);
}

void message(float width) {
    State& st = state();
    if (st.message.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, palette().warn);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(st.message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("Dismiss")) st.message.clear();
    stop("dismiss");
}

// The tab's headline metric, large, with its P10-P90 band; Reset at the right.
void headline(const Fonts& fonts, float width) {
    State& st = state();
    const Metric m = headline_metric(st.s);
    const float x0 = ImGui::GetCursorPosX();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextUnformatted(metric_label(m));
    ImGui::PopStyleColor();
    const bool same = st.s == st.page && st.message.empty();
    const float bw = ImGui::CalcTextSize("Reset").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine(x0 + width - bw);
    ImGui::BeginDisabled(same);
    if (ImGui::Button("Reset")) reset();
    ImGui::EndDisabled();
    if (!same) stop("reset");
    ImGui::PushFont(fonts.large);
    ImGui::TextUnformatted(metric_text(m, metric_value(st.out, m)).c_str());
    ImGui::PopFont();
    if (st.band.shown) {
        const std::string band = "P10\xE2\x80\x93P90 " + metric_text(m, st.band.p.p10) + " \xE2\x80\x93 " +
                                 metric_text(m, st.band.p.p90) + " \xC2\xB7 median " + metric_text(m, st.band.p.p50);
        ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
        ImGui::PushStyleVar(ImGuiStyleVar_Alpha, st.band.stale ? 0.45f : 1.0f);
        ImGui::PushTextWrapPos(x0 + width);
        ImGui::TextWrapped("%s", band.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
}

// ---- Tabs ----
// What is counted: each rung a checkbox with its running total, a bar and its input's slider.
void counted_tab(float width) {
    State& st = state();
    const std::vector<Row> rows = result_rows(st.s, st.out, "counted");
    const Key rung_keys[kRungCount] = {Key::rl_gpu_hours, Key::final_gpu_hours, Key::research_mult, Key::people_usd,
                                       Key::fleet_usd};
    double top = 0;
    for (const LadderStep& step : st.out.ladder.steps) if (step.on) top = std::max(top, step.total_usd);
    const float x0 = ImGui::GetCursorPosX();
    for (int i = 0; i < kRungCount; ++i) {
        ImGui::PushID(i);
        const bool on = (st.s.rungs >> i) & 1u;
        bool check = on;
        ImGui::SetCursorPosX(x0);
        if (ImGui::Checkbox(rung_label(i), &check)) {
            st.s.rungs ^= 1u << i;
            edited();
        }
        stop(std::string("rung:") + rung_id(i));
        text_right(rows[static_cast<size_t>(i)].value, x0 + width, on ? palette().ink : palette().muted);
        ImGui::SetCursorPosX(x0);
        bar(width, on && top > 0 ? st.out.ladder.steps[static_cast<size_t>(i)].total_usd / top : 0, palette().accent);
        ImGui::SetCursorPosX(x0);
        ImGui::BeginDisabled(!on);
        slider(rung_keys[i], width);
        ImGui::EndDisabled();
        ImGui::Dummy(ImVec2(0, css(6)));
        ImGui::PopID();
    }
    input(Key::rate, x0, width);
}

// Bars under the generic tabs' result rows: each row's value against the largest in its group.
struct BarSpec { int row; double value; bool alt; };
std::vector<BarSpec> bars_of(const Scenario& s, const Outputs& o) {
    if (s.tab == "own") return {{0, o.own.capex_usd_per_gpu_hour, false}, {1, o.own.power_usd_per_gpu_hour, false},
                                {2, o.own.usd_per_gpu_hour, false}, {3, s.get(Key::rate), true}};
    if (s.tab == "rl") return {{1, o.rl.grpo.total_gpu_hours, false}, {2, o.rl.ppo.total_gpu_hours, true}};
    if (s.tab == "inference") return {{2, o.kv_mha_bytes, true}, {3, o.kv_mla_bytes, false}};
    if (s.tab == "time") return {{0, o.ladder.total_usd, true}, {1, o.decline_usd, false}};
    return {};
}

void results(float width) {
    State& st = state();
    const std::vector<Row> rows = result_rows(st.s, st.out, st.s.tab);
    const std::vector<BarSpec> bars = bars_of(st.s, st.out);
    double top = 0;
    for (const BarSpec& b : bars) top = std::max(top, b.value);
    const float x0 = ImGui::GetCursorPosX();
    for (size_t i = 0; i < rows.size(); ++i) {
        result_row(rows[i].label, rows[i].value, x0, width, palette().ink);
        for (const BarSpec& b : bars)
            if (b.row == static_cast<int>(i) && top > 0) {
                ImGui::SetCursorPosX(x0);
                bar(width, b.value / top, b.alt ? palette().accent2 : palette().accent);
                ImGui::Dummy(ImVec2(0, css(2)));
            }
    }
}

void currency_chips(float width) {
    static const char* const labels[] = {"USD", "CNY"};
    static const char* const ids[] = {"usd", "cny"};
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Headline in");
    ImGui::SameLine();
    chips(labels, ids, 2, state().s.currency, "currency", width - ImGui::GetCursorPosX(), state().s.currency);
}

void heading(const char* title) {
    ImGui::Dummy(ImVec2(0, css(2)));
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent2);
    ImGui::TextUnformatted(title);
    ImGui::PopStyleColor();
}

void separator() {
    ImGui::Dummy(ImVec2(0, css(2)));
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, css(4)));
}

}  // namespace

float draw_ui(const Fonts& fonts, float dpr) {
    ui.dpr = dpr;
    ui.last_stops.swap(ui.stops);
    ui.last_sliders.swap(ui.sliders);
    ui.last_probes.swap(ui.probes);
    ui.stops.clear();
    ui.sliders.clear();
    ui.probes.clear();

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("costbook", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    // A margin for the keyboard focus ring, which is drawn outside a control.
    const float margin = css(4);
    ImGui::SetCursorPos(ImVec2(margin, margin));
    const float width = vp->WorkSize.x - 2 * margin;

    tab_chips(width);
    ImGui::Dummy(ImVec2(0, css(4)));
    message(width);
    headline(fonts, width);
    separator();
    State& st = state();
    if (st.s.tab == "counted") {
        counted_tab(width);
    } else {
        results(width);
        separator();
        if (st.s.tab == "inference") currency_chips(width);
        for (const InputGroup& g : tab_groups(st.s.tab)) {
            if (*g.title) heading(g.title);
            input_grid(g.keys, width);
        }
    }
    const float height = ImGui::GetCursorPosY() + margin;
    ui.popup_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
    ImGui::End();
    return height;
}

int handle_key(int code, bool shift) {
    ImGuiContext& g = *GImGui;
    if (ui.popup_open) return 0;
    const std::vector<ImGuiID>& stops = ui.last_stops;
    const int n = static_cast<int>(stops.size());
    int at = -1;
    for (int i = 0; i < n; ++i) if (stops[static_cast<size_t>(i)] == g.NavId && g.NavId != 0) at = i;
    const auto focus = [&](int i) { focus_stop(std::clamp(i, 0, n - 1)); };
    enum { kTab = 9, kPageUp = 33, kPageDown = 34, kEnd = 35, kHome = 36,
           kLeft = 37, kUp = 38, kRight = 39, kDown = 40 };
    if (code == kTab) {
        const int next = at < 0 ? (shift ? n - 1 : 0) : at + (shift ? -1 : 1);
        if (n == 0 || next < 0 || next >= n) {
            ImGui::FocusWindow(nullptr);
            return 2;
        }
        focus(next);
        return 1;
    }
    if (at < 0) return 2;  // nothing focused inside: the keys are the page's
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
    if (code == kUp || code == kDown) {
        focus(at + (code == kUp ? -1 : 1));
        return 1;
    }
    if (code == kLeft || code == kRight || code == kHome || code == kEnd || code == kPageUp || code == kPageDown) {
        for (const Slider& sl : ui.last_sliders) {
            if (sl.id != g.NavId) continue;
            if (code == kHome || code == kEnd) nudge(sl.key, code == kHome ? -1 : 1, true);
            else if (code == kPageUp || code == kPageDown) nudge(sl.key, code == kPageDown ? -0.1 : 0.1);
            else nudge(sl.key, (code == kLeft ? -1 : 1) * (shift ? 0.1 : 0.01));
            return 1;
        }
        if (code == kLeft || code == kRight) focus(at + (code == kLeft ? -1 : 1));  // along the chips
        return 1;
    }
    // Space and Enter: ImGui's keyboard navigation presses the focused control. The rest (browser
    // shortcuts) stay the page's.
    return code == 32 || code == 13 ? 0 : 2;
}

void focus_from_page(bool from_end) {
    if (!ui.last_stops.empty()) focus_stop(from_end ? static_cast<int>(ui.last_stops.size()) - 1 : 0);
}

std::string probe(const std::string& what) {
    for (const Probe& p : ui.last_probes) {
        if (p.name != what) continue;
        char buf[96];
        std::snprintf(buf, sizeof buf, "%g,%g,%g,%g", p.rect.Min.x / ui.dpr, p.rect.Min.y / ui.dpr,
                      p.rect.GetWidth() / ui.dpr, p.rect.GetHeight() / ui.dpr);
        return buf;
    }
    return "";
}

}  // namespace costbook::calc
