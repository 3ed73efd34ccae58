// Keyboard and tests: every control is a stop, in drawing order; Tab/Shift+Tab and Up/Down move
// between stops, Left/Right/Home/End/PageUp/PageDown move a focused slider. ImGui 1.86 tabs only
// into text fields, so Tab order and focus are kept here, on top of ImGui's navigation state.
#include <algorithm>
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
struct Stops {
    float dpr = 1;
    std::vector<ImGuiID> ids, last_ids;             // keyboard stops, in Tab order: this frame, last frame
    std::vector<Slider> sliders, last_sliders;      // which stop is which input's slider
    std::vector<Probe> probes, last_probes;         // control rectangles, for tests
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
    ui.last_ids.swap(ui.ids);
    ui.last_sliders.swap(ui.sliders);
    ui.last_probes.swap(ui.probes);
    ui.ids.clear();
    ui.sliders.clear();
    ui.probes.clear();
}

void stop(const std::string& name) {
    ui.ids.push_back(ImGui::GetItemID());
    ui.probes.push_back({name, ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())});
}

void slider_stop(Key k) {
    ui.sliders.push_back({ImGui::GetItemID(), k});
    stop(std::string("key:") + input_info(state().s, k).name);
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
    if (!ui.last_ids.empty()) focus_stop(from_end ? static_cast<int>(ui.last_ids.size()) - 1 : 0);
}

std::string probe(const std::string& what) {
    // "note:key:rate", "note:rung:rl": what the control says it does not move, "" when it moves the headline.
    if (what.rfind("note:key:", 0) == 0) {
        const auto k = find_input(state().s, what.substr(9));
        return k ? state().reasons[static_cast<size_t>(*k)] : "";
    }
    if (what.rfind("note:rung:", 0) == 0) {
        const int i = state().s.ladder.find(what.substr(10));
        return i >= 0 ? state().rung_reasons[static_cast<size_t>(i)] : "";
    }
    if (what == "band-note") return state().band.note;
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
