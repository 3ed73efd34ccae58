// Keyboard and tests: every control is a stop, in drawing order; Tab/Shift+Tab move between stops
// (and the arrows, off a slider); on a slider the arrows, Home/End and PageUp/PageDown move it. ImGui 1.86 tabs only
// into text fields, so Tab order and focus are kept here, on top of ImGui's navigation state.
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
struct Probe {
    std::string name;
    ImRect rect;
    ImGuiID id = 0;
    std::string label, value;   // what the page's native control says: its name, and a value (core's text)
    std::string typed;          // a slider's value in scenario syntax, for typing over (2.5, 1~3~10)
    int state = -1;             // selected / ticked: 1 or 0; -1 neither
    int t = -1;                 // a slider's grab, 0..1000 of its travel
    bool disabled = false;
};
struct Stops {
    float dpr = 1;
    std::vector<ImGuiID> ids, last_ids;             // keyboard stops, in Tab order: the frame being drawn, the last drawn
    std::vector<Slider> sliders, last_sliders;      // which stop is which input's slider
    std::vector<Probe> probes, last_probes;         // control rectangles and what the page's mirror says
};
Stops ui;

// Focuses last frame's stop `i` at once, so that keys arriving before the next frame (Tab then
// Space) act on it.
void focus_stop(int i) {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* window = ImGui::FindWindowByName("costbook");
    const size_t at = static_cast<size_t>(i);
    if (!window || at >= ui.last_ids.size()) return;
    g.NavWindow = window;
    g.NavId = ui.last_ids[at];
    g.NavLayer = ImGuiNavLayer_Main;
    g.NavFocusScopeId = 0;
    window->NavLastIds[ImGuiNavLayer_Main] = g.NavId;
    const ImRect r = ui.last_probes[at].rect;
    window->NavRectRel[ImGuiNavLayer_Main] =
        ImRect(r.Min.x - window->Pos.x, r.Min.y - window->Pos.y, r.Max.x - window->Pos.x, r.Max.y - window->Pos.y);
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
}

}  // namespace

void begin_stops(float dpr) {
    ui.dpr = dpr;
    ui.ids.clear();
    ui.sliders.clear();
    ui.probes.clear();
}

// The frame's stops become the ones keys, the page's mirror and tests act on.
void end_stops() {
    ui.last_ids.swap(ui.ids);
    ui.last_sliders.swap(ui.sliders);
    ui.last_probes.swap(ui.probes);
}

void stop(const std::string& name, const std::string& label, int on, const std::string& value) {
    Probe p;
    p.name = name;
    p.rect = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    p.id = ImGui::GetItemID();
    p.label = label;
    p.value = value;
    p.state = on;
    p.disabled = (GImGui->CurrentItemFlags & ImGuiItemFlags_Disabled) != 0;
    ui.ids.push_back(p.id);
    ui.probes.push_back(std::move(p));
}

void slider_stop(Key k, const std::string& value_text) {
    ui.sliders.push_back({ImGui::GetItemID(), k});
    const KeyInfo info = input_info(state().s, k);
    stop(std::string("key:") + info.name, info.label, -1, value_text);
    ui.probes.back().t = static_cast<int>(std::lround(slider_t(k) * 1000));
    const Range& r = state().s.range(k);
    ui.probes.back().typed = r.is_range() ? write_number(r.low) + "~" + write_number(r.likely) + "~" + write_number(r.high)
                                          : write_number(r.likely);
}

int handle_key(int code, bool shift) {
    ImGuiContext& g = *GImGui;
    const std::vector<ImGuiID>& stops = ui.last_ids;
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
    const bool arrow = code == kLeft || code == kRight || code == kUp || code == kDown;
    if (arrow || code == kHome || code == kEnd || code == kPageUp || code == kPageDown) {
        // On a slider, every arrow changes the value (as on a native range input: Up and Right
        // raise it); elsewhere the arrows move between controls.
        for (const Slider& sl : ui.last_sliders) {
            if (sl.id != g.NavId) continue;
            const bool up = code == kRight || code == kUp;
            if (code == kHome || code == kEnd) nudge(sl.key, code == kHome ? -1 : 1, true);
            else if (code == kPageUp || code == kPageDown) nudge(sl.key, code == kPageDown ? -0.1 : 0.1);
            else nudge(sl.key, (up ? 1 : -1) * (shift ? 0.1 : 0.01));
            return 1;
        }
        if (arrow) focus(at + (code == kLeft || code == kUp ? -1 : 1));
        return 1;
    }
    // Space and Enter: ImGui's keyboard navigation presses the focused control. The rest (browser
    // shortcuts) stay the page's.
    return code == 32 || code == 13 ? 0 : 2;
}

void focus_from_page(bool from_end) {
    if (!ui.last_ids.empty()) focus_stop(from_end ? static_cast<int>(ui.last_ids.size()) - 1 : 0);
}

void focus_named(const std::string& name) {
    for (size_t i = 0; i < ui.last_probes.size(); ++i)
        if (ui.last_probes[i].name == name) focus_stop(static_cast<int>(i));
}

void activate(const std::string& name, double t) {
    State& st = state();
    const auto after = [&](const char* prefix) {
        const size_t n = std::char_traits<char>::length(prefix);
        return name.compare(0, n, prefix) == 0 ? name.substr(n) : std::string();
    };
    if (const std::string key = after("key:"); !key.empty()) {
        if (const auto k = find_input(st.s, key)) {
            // One step of the range input (1% of the travel) moves at least one step of the value,
            // as the canvas's arrows do; a longer move goes where it says.
            const double now = slider_t(*k);
            if (std::fabs(t - now) <= 0.0101 && t != now) nudge(*k, t > now ? 0.01 : -0.01);
            else set_slider_t(*k, t);
        }
    } else if (const std::string tab = after("tab:"); !tab.empty()) {
        if (st.s.tab != tab) { st.s.tab = tab; edited(); }
    } else if (const std::string cur = after("currency:"); !cur.empty()) {
        if (st.s.currency != cur) { st.s.currency = cur; edited(); }
    } else if (const std::string rung = after("rung:"); !rung.empty()) {
        const int i = st.s.ladder.find(rung);
        if (i >= 0) { st.s.rungs ^= 1u << i; edited(); }
    } else if (name == "pin") {
        pin();
    } else if (name == "unpin") {
        unpin();
    } else if (name == "reset") {
        reset();
    } else if (name == "dismiss") {
        st.message.clear();
    } else {
        export_action(name);
    }
}

std::string type_named(const std::string& name, const std::string& text) {
    if (name.rfind("key:", 0) != 0) return "not a slider";
    const auto k = find_input(state().s, name.substr(4));
    return k ? type_value(*k, text) : "not a slider";
}

// One line a stop: id, name, label, value, state, slider position, x,y,w,h in CSS px, disabled, typed form;
// sent only when something in it changed (a drag changes a value every frame; idle, nothing).
// What control `name` (key:rate, rung:rl) says under it that it does not move, "" when it moves the headline.
static std::string note_of(const std::string& name) {
    if (name.rfind("key:", 0) == 0) {
        const auto k = find_input(state().s, name.substr(4));
        return k ? state().reasons[static_cast<size_t>(*k)] : "";
    }
    if (name.rfind("rung:", 0) == 0) {
        const int i = state().s.ladder.find(name.substr(5));
        return i >= 0 ? state().rung_reasons[static_cast<size_t>(i)] : "";
    }
    return "";
}

void sync_mirror() {
    std::string text;
    char buf[160];
    for (const Probe& p : ui.last_probes) {
        std::snprintf(buf, sizeof buf, "\t%d\t%d\t%.1f,%.1f,%.1f,%.1f\t%d\t", p.state, p.t, p.rect.Min.x / ui.dpr,
                      p.rect.Min.y / ui.dpr, p.rect.GetWidth() / ui.dpr, p.rect.GetHeight() / ui.dpr, p.disabled ? 1 : 0);
        // The note under it goes with it: a screen reader hears why the headline did not move.
        text += std::to_string(p.id) + "\t" + p.name + "\t" + p.label + "\t" + p.value + buf + p.typed + "\t" + note_of(p.name) + "\n";
    }
    static std::string sent;
    if (text != sent) set_mirror(sent = text);
}

std::string probe(const std::string& what) {
    // "note:key:rate", "note:rung:rl": what the control says it does not move, "" when it moves the headline.
    if (what.rfind("note:", 0) == 0) return note_of(what.substr(5));
    if (what == "band-note") return state().band.note;
    if (what == "wrapped") {   // the wrapped texts of the last frame, as drawn: lines cut by \n, texts by \x1e
        std::string out;
        for (const std::string& t : wrapped_texts()) out += (out.empty() ? "" : "\x1e") + t;
        return out;
    }
    if (what == "focus") {   // the name of the stop keyboard focus is on, "" when none
        const ImGuiID nav = GImGui->NavId;
        for (size_t i = 0; i < ui.last_ids.size(); ++i)
            if (nav != 0 && ui.last_ids[i] == nav) return ui.last_probes[i].name;
        return "";
    }
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
