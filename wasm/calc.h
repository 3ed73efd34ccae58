// costbook calculator: Dear ImGui over the cost core, on Emscripten's GLFW and WebGL2
// Index: [SECTION] Features  [SECTION] State  [SECTION] Compare and export  [SECTION] Page  [SECTION] Renderer
//        [SECTION] Look  [SECTION] UI  [SECTION] Keyboard
//
// One module instance drives one <figure class="cb-calc"> (calc-loader.js starts an instance per
// embed, sharing one compiled module). Every figure is computed by core and formatted by core:
// this front end only lays out what compute(), result_rows(), headline_text(), metric_text(),
// input_value_text() and simulate() return.
//
// ---- [SECTION] Features ----
//  [X] the tabs of core the page names (data-tabs): What is counted, From first principles, Rent or own,
//      RL: GRPO vs PPO, Inference (USD or CNY headline: `currency`), Serving, Cost per task, Over time;
//      the page's data-tab opens first
//  [X] What is counted draws the page's ladder (data-ladder): the author's rungs, labels and keys
//  [X] every control either moves the tab's headline or says beside it why not (core's
//      not_counted_reason()); a headline outside its P10-P90 band says why (band_note())
//  [X] a slider for every input, ranges around the page's value within key_info() limits, log
//      sliders where key_info().log_scale; ranged inputs (low~likely~high) show their range
//  [X] results as core's rows, bars, and the P10-P90 band from simulate() when inputs are ranges
//  [X] what drives the band: each ranged input's share of the variance and the headline at its low and
//      high (core's spread(), the same draws), drawn under it and listed on the page for screen readers
//  [X] live prose: the page's figures bound to this calculator follow it (core's live_text()), marked
//      live, and changed (with the page's value) when they differ; one announcement when a change settles
//  [X] Reset to the page's scenario (data-scenario)
//  [X] #hash: every change writes `#<figure id>:<changed keys>` (history.replaceState); opening it
//      restores; bad keys give a message in the calculator and the good ones still apply
//  [X] the figure's aria-live headline and its static table kept current
//  [X] Pin: the current scenario is kept; pinned against now, the difference and its parts by
//      input (core's compare_scenarios()), also in the aria-live text and the static table; Unpin
//  [X] the #hash is core's share link: versioned (`v=1`), the pinned scenario in `pin=`, so a
//      shared comparison opens pinned
//  [X] Download CSV / JSON (core's export_csv() / export_json(): what `costbook calc --csv` prints),
//      Copy link (the page's URL with this figure's #hash), "Copied" for two seconds; Embed (an <iframe> of
//      the figure's embed page, data-embed, with the same #hash), where the page gives one
//  [X] draws only when something changed; an idle page issues no WebGL calls
//  [X] HiDPI: backing store = CSS size x devicePixelRatio, TTF rasterised at the device scale
//  [X] height follows the content at the container's width (no inner scrolling); the first frame is
//      drawn at its final height, on a canvas made once (calc-loader.js) and clipped by its frame
//  [X] no WebGL state read back in any frame (renderer.cpp, not ImGui's OpenGL3 backend)
//  [X] light and dark, following prefers-color-scheme live
//  [X] mouse; touch (vertical swipes scroll the page, horizontal drags move sliders); keyboard:
//      Tab/Shift+Tab and Up/Down move between controls and leave at the ends, Left/Right/Home/End/
//      PageUp/PageDown change a slider, Space/Enter toggle and press
//  [ ] typing a value  [ ] editing a range's low/high (the slider moves the likely value)
//  [ ] pinch zoom
#pragma once
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "costbook/compare.h"
#include "costbook/outputs.h"
#include "costbook/scenario.h"

struct ImDrawData;
struct ImFont;

namespace costbook::calc {

// ---- [SECTION] State (state.cpp) ----
// The scenario on screen, what it computes to, and what it writes to the page.
struct Band {
    Percentiles p; bool shown = false; bool stale = false; std::string note;  // note: band_note()
    Spread spread;                                                              // what drives it (core's spread())
    // spread holds only the ends (spread_ends(), its band NaN): the draws come after the first frame
    bool drawing() const { return std::isnan(spread.band.p10); }
    bool faded() const { return stale || drawing(); }   // drawn at 45%: not yet, or no longer, the scenario's
};
struct State {
    Scenario page;              // data-scenario with data-tab: what Reset restores, what #hash is relative to
    Scenario s;                 // what the reader set
    Outputs out;                // compute(s)
    Band band;                  // P10-P90 of the tab's headline metric over the ranges that feed it
    std::string message;        // problems with the #hash, shown in the calculator
    bool unsettled = false;     // edited since the page was last told
    bool pinned = false;        // Pin: `pin` is kept to compare the current scenario against
    Scenario pin;
    Comparison comparison;      // compare_scenarios(pin, s, the headline metric), while pinned
    std::vector<std::string> tabs;               // the tab strip: data-tabs, in the page's order
    std::array<std::string, kInputCount> reasons{};   // beside each control shown: why it does not move the headline
    std::array<std::string, kMaxRungs> rung_reasons{}; // ... and each rung's checkbox (What is counted)
};
State& state();
void start(const std::string& page_query, const std::string& tab, const std::string& ladder, const std::string& tabs,
           const std::string& hash_query);        // data-scenario, data-tab, data-ladder, data-tabs, the #hash
void apply_hash(const std::string& hash_query);  // the part after `#<figure id>:`
void reset();
void edited();                                   // s changed: recompute outputs (every drag step);
                                                 // the frame loop settles after the frame is drawn
bool settle();                                   // no drag in progress: band, aria-live, table, #hash;
                                                 // false when there was nothing to tell
std::vector<InputGroup> tab_groups(const std::string& tab);  // a tab's sliders: core's tab_inputs() for the page
Metric headline_metric(const Scenario& s);       // the tab's metric, in the chosen currency
std::string share_link();                        // the #hash payload: core's write_link() with the pin

// ---- [SECTION] Compare and export (compare.cpp) ----
void pin();                                      // keep the current scenario to compare against
void unpin();
void update_comparison();                        // edited() calls it: pinned against now, recomputed
void comparison_panel(float width, float dpr);   // pinned, the difference, its parts (nothing when not pinned)
void export_bar(float width, float dpr);         // Download CSV, Download JSON, Copy link, Embed
void copied(int result);                         // platform.js: 1 link copied, 2 embed copied, -1/-2 failed, 0 idle

// ---- [SECTION] Page (platform.cpp + platform.js) ----
// The browser side: the embed's attributes, the page's #hash and text, input listeners.
std::string page_string(int which);              // 0 data-scenario, 1 data-tab, 2 #hash payload for this figure,
                                                 // 3 data-sources (the inputs' sources, export.h), 4 data-ladder
                                                 // (the rungs, ladder.h), 5 data-tabs (the tabs to show),
                                                 // 6 data-embed (its embed page's URL, "" for none)
void install_listeners();                        // keys on the canvas, pointer events, resize, colour scheme
void started();                                  // after the first frame: focus a canvas Tab reached before it ran
void set_live_text(const std::string& text);     // the figure's aria-live headline
void set_mirror(const std::string& stops);       // the native controls mirroring the stops (keyboard.cpp's lines)
void set_note(const std::string& text);          // a passing message ("Link copied"), in its own live region
void set_table(const std::string& caption, const std::vector<Row>& rows);  // the static table
void write_hash(const std::string& payload);     // "" removes this figure's #hash
void set_css_height(double css_px);              // the frame's height (it clips the canvas, which is taller)
void set_canvas_css_height(double css_px);       // the canvas's own height: grown when the content outgrows it
void canvas_css_size(double& w, double& h);      // the canvas's CSS size: at the start as calc-loader.js
                                                 // made it (no second layout), then read from the page
unsigned page_program();                         // calc-loader.js's WebGL program, as a GL name (0: none)
void set_css_cursor(int imgui_cursor);
bool prefers_dark();
void download_file(const std::string& name, const std::string& type, const std::string& text);  // a Blob, saved
void copy_link(const std::string& payload);      // the page's URL with #<figure id>:payload; calls copied()
void copy_embed(const std::string& payload);     // an <iframe> of data-embed with #<figure id>:payload; calls copied()
void request_frames(int n = 3);                  // main.cpp: draw n frames, then idle
// Live prose (live.cpp + live.js): the page's figures bound to this calculator follow every change
// (core's live_text()), and a settled change is announced once; the spread's lines as a page list.
void live_update();
void live_settled();
void set_spread(const Spread& sp, const Scenario& s);

// ---- [SECTION] Renderer (renderer.cpp) ----
// ImGui's draw data on WebGL2, with no GL state saved or restored (the calculator owns its context).
void renderer_init(unsigned program);            // with calc-loader.js's program (page_program()): buffers, atlas texture
void renderer_upload_fonts();                    // the font atlas as one R8 texture (after build_fonts)
void renderer_draw(const ImDrawData* dd, int fb_w, int fb_h, int shown_h, unsigned clear_rgba);
                                                 // clear, then the lists; only the top shown_h rows (device px)

// ---- [SECTION] Look (font.cpp, theme.cpp) ----
struct Fonts { ImFont* body = nullptr; ImFont* large = nullptr; };
Fonts build_fonts(float dpr);                    // Inter at 15 and 24 CSS px, rasterised at dpr
void apply_theme(bool dark, float dpr, bool touch_size);  // ImGui style matching static/css/site.css;
                                                 // touch_size: controls at least 44 CSS px tall (narrow frames)
struct Palette { unsigned ink, muted, accent, accent2, grid, warn, bg, panel; };
const Palette& palette();                        // ImU32 colours of the current scheme

// ---- [SECTION] UI (ui.cpp, slider.cpp) ----
float draw_ui(const Fonts& fonts, float dpr);    // one frame's widgets; returns the content height (px)
void text_wrapped(const std::string& text, float wrap_x);  // wrapped at spaces only (not inside "$4.731M")
const std::vector<std::string>& wrapped_texts(); // what text_wrapped() drew in the last frame, its lines cut by '\n'
void slider(Key k, float width);                 // an input's slider, with core's text beside the grab
void nudge(Key k, double dt, bool to_end = false); // move a slider by dt of its travel (or to an end)
double slider_t(Key k);                          // where the slider's grab is, 0..1 of its travel
void set_slider_t(Key k, double t);              // move it there (the page's range input)
std::string type_value(Key k, const std::string& text);  // a typed value in scenario syntax (147K, 2.5, 1~3~10):
                                                 // applied, or why not ("" when applied; then nothing changed)
void export_action(const std::string& stop);     // "download:csv", "download:json", "copy-link", "copy-embed" (compare.cpp)

// ---- [SECTION] Keyboard (keyboard.cpp) ----
// ImGui 1.86 tabs only into text fields: Tab order is kept here, in drawing order.
void begin_stops(float dpr);                     // at the start of each frame's drawing
void end_stops();                                // ... and at its end
// The last item is a keyboard stop ("tab:own", "reset"), with what the page's mirror of it says:
// its label, its state (a tab selected, a box ticked: 1/0; -1 none) and a value beside it.
void stop(const std::string& name, const std::string& label = {}, int state = -1, const std::string& value = {});
void slider_stop(Key k, const std::string& value_text);   // ... and the slider of input k ("key:rate")
int handle_key(int dom_key_code, bool shift);    // 1 handled, 2 leave to the browser (Tab out), 0 pass to ImGui
void focus_from_page(bool from_end);             // the canvas got keyboard focus
std::string probe(const std::string& what);      // "x,y,w,h" in CSS px of a stop, for tests; "focus": the focused stop's name
void focus_named(const std::string& name);       // the page's mirror of stop `name` took the focus
void activate(const std::string& name, double t); // ... was operated: pressed, ticked, or a slider moved to t
void sync_mirror();                              // after a frame: the page's native controls follow the stops
std::string type_named(const std::string& name, const std::string& text);  // type_value() on stop `name` ("key:rate")

}  // namespace costbook::calc
