// site: live prose — a figure in a sentence bound to a calculator on the page
// Index: [SECTION] Binding
//
// {{< figure "calc.ladder_total_usd" live=true >}} prints the figure at its calculator's starting
// scenario (the static page: no JavaScript, print, search) and marks it for the calculator, which
// rewrites it through core's live_text() as the reader moves it (wasm/live.cpp). A binding the
// calculator could not follow is a build error at the shortcode, with the valid choices.
#pragma once
#include <string>

#include "render/context.h"
#include "render/shortcodes.h"

namespace costbook::site {

// ---- [SECTION] Binding ----
bool is_live(const Shortcode& sc);   // a figure with live= (not false): rendered after the page's calculators
struct LiveBinding {
    const PageCalc* calc = nullptr;  // null: not bound, and error says why
    std::string text;                // core's live_text() at the calculator's starting scenario (unit=false applied)
    std::string error, help;
};
// `live`: the shortcode's live= value, "true" (the page's one calculator) or a calculator's id.
LiveBinding bind_live(const PageState& state, const std::string& key, const std::string& live, bool bare);
// The figure's HTML (the widget) inside the span the calculator finds: data-live (key), data-calc
// (its id), data-page (the static text), data-bare (unit=false).
std::string live_html(const LiveBinding& b, const std::string& key, bool bare, const std::string& figure_html);

}  // namespace costbook::site
