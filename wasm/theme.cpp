// Light and dark ImGui styles in static/css/site.css's palette (the --cb-* variables).
#include "calc.h"
#include "imgui.h"

namespace costbook::calc {

namespace {
// site.css: --cb-bg, ink, muted, grid, rule, accent, accent-2, panel (the figure's background).
struct Scheme { unsigned bg, ink, muted, grid, rule, accent, accent2, panel, warn; };
constexpr Scheme kLight = {0xfdfcf9, 0x1d1d1f, 0x5f6368, 0xe3e1da, 0xd8d5cc, 0xb4451f, 0x1f6f8b, 0xf4f2ec, 0x9c3a17};
constexpr Scheme kDark = {0x141414, 0xecebe8, 0xa3a3a0, 0x2e2e2c, 0x3a3a37, 0xf0875f, 0x6cc0dd, 0x1e1e1d, 0xf4a07f};

ImVec4 rgb(unsigned hex, float alpha = 1.0f) {
    return ImVec4(((hex >> 16) & 0xff) / 255.0f, ((hex >> 8) & 0xff) / 255.0f, (hex & 0xff) / 255.0f, alpha);
}
ImVec4 mix(unsigned a, unsigned b, float t) {
    const ImVec4 x = rgb(a), y = rgb(b);
    return ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, 1.0f);
}

Palette g_palette;
}  // namespace

const Palette& palette() { return g_palette; }

void apply_theme(bool dark, float dpr, bool touch_size) {
    const Scheme& c = dark ? kDark : kLight;
    ImGuiStyle style;
    style.WindowPadding = ImVec2(0, 0);  // the figure has its own padding
    style.WindowBorderSize = 0;
    // Under 600 CSS px (phones), every control is at least 44 px tall (15 px text + 2 x 14.5) and
    // 44 px wide (the narrowest label, "Pin", is 18.5 px: + 2 x 14).
    style.FramePadding = ImVec2(touch_size ? 14 : 8, touch_size ? 14.5f : 6);
    style.ItemSpacing = ImVec2(6, 6);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.FrameRounding = 5;
    style.FrameBorderSize = 1;
    style.GrabMinSize = touch_size ? 28 : 18;
    style.GrabRounding = 4;
    style.PopupRounding = 5;
    style.ScaleAllSizes(dpr);

    ImVec4* k = style.Colors;
    k[ImGuiCol_Text] = rgb(c.ink);
    k[ImGuiCol_TextDisabled] = rgb(c.muted);
    k[ImGuiCol_WindowBg] = rgb(c.panel);
    k[ImGuiCol_PopupBg] = rgb(c.bg);
    k[ImGuiCol_Border] = rgb(c.rule);
    k[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    k[ImGuiCol_FrameBg] = rgb(c.bg);
    k[ImGuiCol_FrameBgHovered] = mix(c.bg, c.accent, 0.08f);
    k[ImGuiCol_FrameBgActive] = mix(c.bg, c.accent, 0.14f);
    k[ImGuiCol_SliderGrab] = rgb(c.accent);
    k[ImGuiCol_SliderGrabActive] = mix(c.accent, c.ink, 0.25f);
    k[ImGuiCol_CheckMark] = rgb(c.accent);
    k[ImGuiCol_Button] = rgb(c.bg);
    k[ImGuiCol_ButtonHovered] = mix(c.bg, c.accent, 0.10f);
    k[ImGuiCol_ButtonActive] = mix(c.bg, c.accent, 0.20f);
    k[ImGuiCol_Header] = mix(c.bg, c.accent, 0.12f);
    k[ImGuiCol_HeaderHovered] = mix(c.bg, c.accent, 0.10f);
    k[ImGuiCol_HeaderActive] = mix(c.bg, c.accent, 0.20f);
    k[ImGuiCol_Separator] = rgb(c.rule);
    k[ImGuiCol_NavHighlight] = rgb(c.accent2);
    k[ImGuiCol_TextSelectedBg] = mix(c.bg, c.accent2, 0.3f);
    ImGui::GetStyle() = style;

    auto u32 = [](unsigned hex, float a = 1.0f) { return ImGui::ColorConvertFloat4ToU32(rgb(hex, a)); };
    g_palette = {u32(c.ink), u32(c.muted), u32(c.accent), u32(c.accent2), u32(c.grid), u32(c.warn), u32(c.bg),
                 u32(c.panel)};
}

}  // namespace costbook::calc
