// One frame of the calculator: tab chips, the headline and its band, results with bars, sliders.
// Sizes are device pixels (ImGui runs at the backing-store scale); css() converts.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "calc.h"
#include "costbook/format.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace costbook::calc {

// Text wrapped at wrap_x (window coordinates, as ImGui::PushTextWrapPos takes) at its spaces only:
// ImGui's own wrapping also breaks after '.' and ',', which would end a line at "$4." of "$4.731M".
// A word wider than the line is cut where ImGui would cut it. One item, spaced as TextWrapped's lines.
namespace {
std::vector<std::string> g_wrapped, g_last_wrapped;   // this frame's and the last frame's, as drawn
}  // namespace

const std::vector<std::string>& wrapped_texts() { return g_last_wrapped; }

void text_wrapped(const std::string& text, float wrap_x) {
    const float width = wrap_x - ImGui::GetCursorPosX();
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    const auto w = [](const char* b, const char* e) { return ImGui::CalcTextSize(b, e).x; };
    std::string out;
    out.reserve(text.size() + 8);
    const char* s = text.data();
    const char* const end = s + text.size();
    while (s < end) {   // one line of `out` a pass
        const char* const nl = std::find(s, end, '\n');
        const char* cut = nl;
        if (w(s, nl) > width) {
            cut = nullptr;   // the last space before which the line fits
            for (const char* sp = std::find(s, nl, ' '); sp < nl && w(s, sp) <= width; sp = std::find(sp + 1, nl, ' ')) cut = sp;
            if (!cut || cut == s) {
                const char* word_end = std::find(s + 1, nl, ' ');
                cut = font->CalcWordWrapPositionA(scale, s, word_end, width);
                if (cut <= s) cut = word_end;
            }
        }
        out.append(s, cut);
        s = cut;
        if (cut != nl) {
            while (s < nl && *s == ' ') ++s;   // the spaces at a break are not drawn
        }
        if (s == nl && s < end) ++s;
        if (s < end) out += '\n';
    }
    ImGui::PushTextWrapPos(-1.0f);   // the lines are cut: no wrapping of ImGui's on top
    ImGui::TextUnformatted(out.data(), out.data() + out.size());
    ImGui::PopTextWrapPos();
    g_wrapped.push_back(std::move(out));
}

namespace {

float g_dpr = 1;
float css(float v) { return v * g_dpr; }

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
        text_wrapped(label, x0 + width);
        ImGui::SetCursorPosX(x0);
        ImGui::Dummy(ImVec2(0, 0));
    }
    text_right(value, x0 + width, value_color);
}

// ---- Inputs ----
// What a control does not move, and why (core's not_counted_reason()): a muted line under it.
void reason_line(const std::string& reason, float x0, float width) {
    if (reason.empty()) return;
    ImGui::SetCursorPosX(x0);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    text_wrapped(reason, x0 + width);
    ImGui::PopStyleColor();
}

float reason_height(const std::string& reason, float width) {
    if (reason.empty()) return 0;
    return ImGui::CalcTextSize(reason.c_str(), nullptr, false, width).y + ImGui::GetStyle().ItemSpacing.y;
}

void input(Key k, float x0, float width) {
    const KeyInfo info = input_info(state().s, k);
    ImGui::PushID(info.name);
    ImGui::SetCursorPosX(x0);
    ImGui::TextUnformatted(info.label);
    ImGui::SetCursorPosX(x0);
    slider(k, width);
    reason_line(state().reasons[static_cast<size_t>(k)], x0, width);
    ImGui::PopID();
}

float input_height(Key k, float width) {
    return ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFrameHeight() + css(14) +
           reason_height(state().reasons[static_cast<size_t>(k)], width);
}

// Inputs in a grid: two columns when each gets at least 260 CSS px; a row as tall as its tallest.
void input_grid(const std::vector<Key>& keys, float width) {
    const float gap = css(24);
    const int cols = width >= css(2 * 260) + gap ? 2 : 1;
    const float col_w = (width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float x0 = ImGui::GetCursorPosX();
    float y = ImGui::GetCursorPosY();
    for (size_t row = 0; row * static_cast<size_t>(cols) < keys.size(); ++row) {
        float h = 0;
        for (int col = 0; col < cols; ++col) {
            const size_t i = row * static_cast<size_t>(cols) + static_cast<size_t>(col);
            if (i >= keys.size()) break;
            ImGui::SetCursorPos(ImVec2(x0 + static_cast<float>(col) * (col_w + gap), y));
            input(keys[i], ImGui::GetCursorPosX(), col_w);
            h = std::max(h, input_height(keys[i], col_w));
        }
        y += h;
    }
    ImGui::SetCursorPos(ImVec2(x0, y));
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
    stop(name, label, selected ? 1 : 0);
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

// The tabs the page names (data-tabs), in its order.
void tab_chips(float width) {
    const std::vector<std::string>& tabs = state().tabs;
    const char* titles[kTabCount];
    const char* ids[kTabCount];
    int n = 0;
    for (const std::string& t : tabs)
        if (n < kTabCount) { titles[n] = tab_title(t); ids[n] = t.c_str(); ++n; }
    if (n > 1) chips(titles, ids, n, state().s.tab, "tab", width, state().s.tab);
}

void message(float width) {
    State& st = state();
    if (st.message.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, palette().warn);
    text_wrapped(st.message, ImGui::GetCursorPosX() + width);
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("Dismiss")) st.message.clear();
    stop("dismiss", "Dismiss the message");
}

// What drives the band (core's spread()): per ranged input its share of the variance, a bar of it,
// and the headline at the input's low and high (spread_rows()' text after the share).
void spread_panel(float x0, float width) {
    const State& st = state();
    if (st.band.spread.inputs.empty()) return;
    const std::vector<Row> rows = spread_rows(st.s, st.band.spread);
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, st.band.faded() ? 0.45f : 1.0f);
    ImGui::Dummy(ImVec2(0, css(2)));
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent2);
    ImGui::TextUnformatted("What drives the spread");
    ImGui::PopStyleColor();
    for (size_t i = 0; i < rows.size(); ++i) {
        const std::string& v = rows[i].value;
        const size_t cut = v.find("; ");
        result_row(rows[i].label, v.substr(0, cut), x0, width, palette().ink);
        ImGui::SetCursorPosX(x0);
        bar(width, st.band.drawing() ? 0 : st.band.spread.inputs[i].share, palette().accent2);
        if (cut != std::string::npos) {
            ImGui::SetCursorPosX(x0);
            ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
            text_wrapped(v.substr(cut + 2), x0 + width);
            ImGui::PopStyleColor();
        }
    }
    ImGui::PopStyleVar();
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
    const ImGuiStyle& style = ImGui::GetStyle();
    const float bw = ImGui::CalcTextSize("Reset").x + style.FramePadding.x * 2;
    // Pin keeps this scenario to compare against (compare.cpp draws the comparison below).
    const char* pin_label = st.pinned ? "Unpin###pin" : "Pin###pin";   // one id: focus stays as the label changes
    ImGui::SameLine(x0 + width - bw - style.ItemSpacing.x - ImGui::CalcTextSize(pin_label, nullptr, true).x -
                    style.FramePadding.x * 2);
    if (ImGui::Button(pin_label)) st.pinned ? unpin() : pin();
    stop(st.pinned ? "unpin" : "pin", st.pinned ? "Unpin" : "Pin this scenario to compare against");
    ImGui::SameLine(x0 + width - bw);
    ImGui::BeginDisabled(same);
    if (ImGui::Button("Reset")) reset();
    ImGui::EndDisabled();
    if (!same) stop("reset", "Reset to the page's scenario");
    ImGui::PushFont(fonts.large);
    ImGui::TextUnformatted(metric_text(m, metric_value(st.out, m)).c_str());
    ImGui::PopFont();
    if (st.band.shown) {
        const std::string band = st.band.drawing() ? "P10\xE2\x80\x93P90: drawing " + format_count(kDefaultSamples) + " samples\xE2\x80\xA6"
                               : "P10\xE2\x80\x93P90 " + metric_text(m, st.band.p.p10) + " \xE2\x80\x93 " +
                                 metric_text(m, st.band.p.p90) + " \xC2\xB7 median " + metric_text(m, st.band.p.p50);
        ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
        ImGui::PushStyleVar(ImGuiStyleVar_Alpha, st.band.faded() ? 0.45f : 1.0f);
        text_wrapped(band, x0 + width);
        // The headline outside its own band: say why, where the band is shown.
        if (!st.band.note.empty()) text_wrapped(st.band.note + ".", x0 + width);
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
        spread_panel(x0, width);
    }
}

// ---- Tabs ----
// What is counted: the page's ladder, each rung a checkbox with its running total, a bar and its
// value's slider, and beside each what it does not move at this scenario and why.
void counted_tab(float width) {
    State& st = state();
    const std::vector<Row> rows = result_rows(st.s, st.out, "counted");
    double top = 0;
    for (int i = 0; i < st.out.ladder.size; ++i)
        if (st.out.ladder.steps[static_cast<size_t>(i)].on) top = std::max(top, st.out.ladder.steps[static_cast<size_t>(i)].total_usd);
    const float x0 = ImGui::GetCursorPosX();
    for (int i = 0; i < st.s.ladder.size(); ++i) {
        const RungSpec& rung = st.s.ladder.rungs[static_cast<size_t>(i)];
        ImGui::PushID(i);
        const bool on = (st.s.rungs >> i) & 1u;
        bool check = on;
        // The label beside its checkbox, the running total at the right; a label too long for the
        // line between them wraps under itself (an author's labels can be long, the page narrow).
        const std::string& value = rows[static_cast<size_t>(i)].value;
        const ImGuiStyle& style = ImGui::GetStyle();
        const float box = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x;
        const float room = width - box - css(12) - ImGui::CalcTextSize(value.c_str()).x;
        const bool fits = ImGui::CalcTextSize(rung.label.c_str()).x <= room;
        ImGui::SetCursorPosX(x0);
        if (ImGui::Checkbox(fits ? rung.label.c_str() : "##rung", &check)) {
            st.s.rungs ^= 1u << i;
            edited();
        }
        stop("rung:" + rung.id, rung.label, on ? 1 : 0, value);
        if (fits) {
            text_right(value, x0 + width, on ? palette().ink : palette().muted);
        } else {
            // The value first, drawn where the checkbox's label would have been on its line.
            const ImVec2 at = ImGui::GetItemRectMin();
            const float text_y = at.y + style.FramePadding.y;
            ImGui::GetWindowDrawList()->AddText(ImVec2(ImGui::GetWindowPos().x + x0 + width - ImGui::CalcTextSize(value.c_str()).x, text_y),
                                                on ? palette().ink : palette().muted, value.c_str());
            ImGui::SameLine(0, style.ItemInnerSpacing.x);   // the line's text offset (FramePadding.y) applies
            text_wrapped(rung.label, x0 + box + room);
        }
        ImGui::SetCursorPosX(x0);
        bar(width, on && top > 0 ? st.out.ladder.steps[static_cast<size_t>(i)].total_usd / top : 0, palette().accent);
        ImGui::SetCursorPosX(x0);
        ImGui::BeginDisabled(!on);
        slider(rung_key(i), width);
        ImGui::EndDisabled();
        // The checkbox's reason when ticking it would not move the total, else the slider's.
        const std::string& box_reason = st.rung_reasons[static_cast<size_t>(i)];
        reason_line(!box_reason.empty() ? box_reason : st.reasons[static_cast<size_t>(rung_key(i))], x0, width);
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
    if (s.tab == "serve") return {{0, o.serving.cost_usd, true}, {1, o.serving.revenue.total, false}};
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
    g_dpr = dpr;
    g_last_wrapped.swap(g_wrapped);
    g_wrapped.clear();
    begin_stops(dpr);

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
    comparison_panel(width, dpr);
    separator();
    State& st = state();
    if (st.s.tab == "counted") {
        counted_tab(width);
    } else {
        results(width);
        separator();
        if (st.s.tab == "inference" || st.s.tab == "task") currency_chips(width);
        for (const InputGroup& g : tab_groups(st.s.tab)) {
            if (*g.title) heading(g.title);
            input_grid(g.keys, width);
        }
    }
    separator();
    export_bar(width, dpr);
    const float height = ImGui::GetCursorPosY() + margin;
    ImGui::End();
    end_stops();
    return height;
}

}  // namespace costbook::calc
