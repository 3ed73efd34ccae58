// Pin and compare, download and copy: the pinned scenario against the current one (core's
// compare_scenarios()), and the scenario with its results as CSV or JSON (core's export_csv() /
// export_json(), byte for byte what `costbook calc --csv` prints). Sizes are device pixels.
#include <algorithm>
#include <string>

#include "calc.h"
#include "costbook/export.h"
#include "imgui.h"

namespace costbook::calc {

namespace {
int g_copy = 0;   // 1 the link copied, 2 the embed copied, -1/-2 the browser refused, 0 idle

void muted_wrapped(const std::string& text, float x0, float width) {
    ImGui::SetCursorPosX(x0);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    text_wrapped(text, x0 + width);
    ImGui::PopStyleColor();
}

// A label on the left and a value on the right in `value_color`; the label wraps when both do not fit.
void line(const std::string& label, const std::string& value, float x0, float width, unsigned label_color,
          unsigned value_color) {
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float vw = ImGui::CalcTextSize(value.c_str()).x;
    const float lw = std::max(width - vw - gap, width * 0.4f);
    const float y = ImGui::GetCursorPosY();
    ImGui::SetCursorPosX(x0);
    ImGui::PushStyleColor(ImGuiCol_Text, label_color);
    text_wrapped(label, x0 + lw);
    ImGui::PopStyleColor();
    const float after = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(x0 + width - vw, y));
    ImGui::PushStyleColor(ImGuiCol_Text, value_color);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopStyleColor();
    ImGui::SetCursorPosY(std::max(after, ImGui::GetCursorPosY()));
}

void download_as(bool json) {
    const State& st = state();
    InputSources sources = parse_sources(page_string(3), st.page);
    drop_changed_sources(sources, st.s, st.page);
    download_file(export_filename(st.s, json ? "json" : "csv"), json ? "application/json" : "text/csv;charset=utf-8",
                  json ? export_json(st.s, sources) : export_csv(st.s, sources));
}
}  // namespace

void pin() {
    State& st = state();
    st.pinned = true;
    st.pin = st.s;
    edited();
}

void unpin() {
    state().pinned = false;
    edited();
}

void update_comparison() {
    State& st = state();
    if (st.pinned) st.comparison = compare_scenarios(st.pin, st.s, headline_metric(st.s));
}

void copied(int result) {
    g_copy = result;
    // In a live region of its own: the headline's stays the headline.
    set_note(result == 1    ? "Link copied"
             : result == -1 ? "The browser did not allow copying the link"
             : result == 2  ? "Embed code copied"
             : result == -2 ? "The browser did not allow copying the embed code"
                            : "");
    request_frames();
}

// A card under the headline: what is pinned, the difference, and each input's part of it.
void comparison_panel(float width, float dpr) {
    State& st = state();
    if (!st.pinned) return;
    const Palette& p = palette();
    const Comparison& c = st.comparison;
    const float pad = 10 * dpr, x0 = ImGui::GetCursorPosX() + pad, w = width - 2 * pad;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);   // the card's background goes under text whose height is known only after
    dl->ChannelsSetCurrent(1);
    ImGui::Dummy(ImVec2(0, pad - ImGui::GetStyle().ItemSpacing.y));
    line("Pinned scenario", c.a_text, x0, w, p.muted, p.ink);
    line("Difference from pinned", c.difference_text, x0, w, p.muted, c.difference == 0 ? p.ink : p.accent);
    // Wide: label, from → to, part on one line; narrow: from → to under the label.
    const float gap = ImGui::GetStyle().ItemSpacing.x * 3;
    float label_w = 0, change_w = 0, value_w = 0;
    for (const Contribution& part : c.parts) {
        if (part.value == 0) continue;
        label_w = std::max(label_w, ImGui::CalcTextSize(part.label.c_str()).x);
        change_w = std::max(change_w, ImGui::CalcTextSize((part.from + " \xE2\x86\x92 " + part.to).c_str()).x);
        value_w = std::max(value_w, ImGui::CalcTextSize(part.text.c_str()).x);
    }
    const bool wide = label_w + change_w + value_w + 2 * gap <= w;
    std::string unmoved;
    bool any = false;
    for (const Contribution& part : c.parts) {
        if (part.value == 0) {
            unmoved += (unmoved.empty() ? "" : ", ") + part.label;
            continue;
        }
        if (!any) {
            ImGui::Dummy(ImVec2(0, 2 * dpr));
            ImGui::SetCursorPosX(x0);
            ImGui::PushStyleColor(ImGuiCol_Text, p.accent2);
            ImGui::TextUnformatted("By input, switched one at a time");
            ImGui::PopStyleColor();
            any = true;
        }
        line(part.label, part.text, x0, w, p.ink, p.ink);
        const std::string change = part.from + " \xE2\x86\x92 " + part.to;
        if (wide) {
            const float y = ImGui::GetCursorPosY();
            ImGui::SetCursorPos(ImVec2(x0 + label_w + gap, y - ImGui::GetTextLineHeightWithSpacing()));
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TextUnformatted(change.c_str());
            ImGui::PopStyleColor();
            ImGui::SetCursorPosY(y);
        } else {
            muted_wrapped(change, x0, w);
        }
    }
    if (c.parts.empty()) muted_wrapped("The same inputs as the pinned scenario.", x0, w);
    else if (!unmoved.empty()) muted_wrapped("Also changed, no effect here: " + unmoved, x0, w);
    ImGui::Dummy(ImVec2(0, pad - ImGui::GetStyle().ItemSpacing.y));
    const ImVec2 bottom(top.x + width, ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y);
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(top, bottom, p.bg, 6 * dpr);
    dl->AddRect(top, bottom, p.grid, 6 * dpr, 0, dpr);
    dl->ChannelsMerge();
}

void export_action(const std::string& stop) {
    if (stop == "copy-link") copy_link(share_link());
    else if (stop == "copy-embed") copy_embed(share_link());
    else if (stop == "download:csv" || stop == "download:json") download_as(stop == "download:json");
}

// Downloads and the share link, as buttons that wrap onto a second line when narrow.
void export_bar(float width, float dpr) {
    const ImGuiStyle& style = ImGui::GetStyle();
    // One ImGui id whatever the label says ("###copy"), so keyboard focus stays on the button.
    const char* copy_label = g_copy == 1 ? "Copied###copy" : g_copy == -1 ? "Copy failed###copy" : "Copy link###copy";
    const char* embed_label = g_copy == 2 ? "Copied###embed" : g_copy == -2 ? "Copy failed###embed" : "Embed###embed";
    struct Button { const char* label; const char* stop; int action; };
    static const bool has_embed = !page_string(6).empty();   // a page's own widgets/calc may give no data-embed
    const Button buttons[] = {{"Download CSV", "download:csv", 0}, {"Download JSON", "download:json", 1},
                              {copy_label, "copy-link", 2}, {embed_label, "copy-embed", 3}};
    ImGui::Dummy(ImVec2(0, 2 * dpr));
    const float x0 = ImGui::GetCursorPosX();
    float x = x0;
    bool first = true;
    for (const Button& b : buttons) {
        if (b.action == 3 && !has_embed) continue;
        const float bw = ImGui::CalcTextSize(b.label, nullptr, true).x + style.FramePadding.x * 2;
        if (!first) {
            if (x + style.ItemSpacing.x + bw > x0 + width) x = x0;
            else { ImGui::SameLine(); x += style.ItemSpacing.x; }
        }
        first = false;
        ImGui::SetCursorPosX(x);
        ImGui::PushID(b.stop);
        const bool pressed = ImGui::Button(b.label);
        ImGui::PopID();
        std::string label = b.label;
        stop(b.stop, label.substr(0, label.find("###")));
        x += bw;
        if (!pressed) continue;
        if (b.action == 2) copy_link(share_link());
        else if (b.action == 3) copy_embed(share_link());
        else download_as(b.action == 1);
    }
}

}  // namespace costbook::calc
