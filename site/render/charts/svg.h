// site: the SVG every chart is drawn in: the frame and its <style>, primitives, escaping, ids
// Index: [SECTION] Contract  [SECTION] Geometry  [SECTION] Text and ids  [SECTION] Frame  [SECTION] Primitives
//
// [X] role="img" + <title>/<desc>   [X] ids from a hash   [X] light/dark via CSS vars   [ ] animation
//
// Internal to render/charts/: the charts (bars.h, waterfall.h, lines.h) are drawn with it.
//
// ---- [SECTION] Contract ----
// Every chart keeps it:
// - Every string passed in is escaped (& < > " ' and XML-illegal control characters); a label
//   "<script>" reaches the page as text. Figures arrive already formatted (value_text etc.,
//   made by format.h); axis ticks are formatted by the TickFormat passed, a format.h function.
// - Output is byte-identical for equal input: coordinates are written with one decimal by
//   hand (no locale), NaN/inf never appear. On a log axis a value <= 0 is clamped to the
//   axis start, drawn hollow with class "cb-clamped", and its <title> says so (axis.h).
// - <svg viewBox="0 0 480 H" role="img" aria-labelledby="ID-title ID-desc" class="cb-chart">,
//   no width/height: the page sets width: 100%. ID = "cb-" + 8 hex digits of a hash of the
//   chart kind, title and desc, so a page may hold a log and a linear ladder under one title.
//   <desc> is desc followed by every row's figure, as role="img" hides the inner text from
//   screen readers; the title is not drawn (the page's <figcaption> shows it).
// - Text is 15 viewBox units (notes and ticks 13) in a 480-wide viewBox: 11 px on a 390 px
//   phone, 16 px at the 520 px max-width. Labels wrap to two lines, then end in "…"; the full
//   text is in the row's <title> (text.h).
// - Colours: classes (cb-bar, cb-grid, ...) styled by an embedded zero-specificity <style>
//   that reads page variables with fallbacks: --cb-ink, --cb-muted, --cb-grid, --cb-accent,
//   --cb-accent-2, --cb-down, --cb-bar-muted, --cb-bg (the page background, for halos), --cb-font;
//   the fallbacks follow prefers-color-scheme. Fallback size: width 100%, max-width 520px.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

namespace costbook::site::charts {

// ---- [SECTION] Geometry ----
// viewBox units
constexpr double kWidth = 480;             // 390 px phone: ×0.75; 600 px column: ×1.25
constexpr double kFont = 15;               // labels and values
constexpr double kSmall = 13;              // notes, ticks, tags
constexpr double kLine = kFont * 1.2;      // line advance of labels
constexpr double kSmallLine = kSmall * 1.3;
constexpr double kPad = 1;                 // outer margin: text may nearly touch the edge

// Keeps a centred label of width w inside the viewBox.
inline double centre_inside(double x, double w) { return std::clamp(x, w / 2 + kPad, kWidth - kPad - w / 2); }
// A column as wide as its widest text, but at most `share` (0–1) of the viewBox.
inline double column_width(double natural, double share) { return std::min(natural, kWidth * share); }

// ---- [SECTION] Text and ids ----
std::string num(double v);              // a coordinate: one decimal, no locale, never nan/inf ("12.5", "-3", "0")
std::string esc(const std::string& s);  // XML text and attribute values: well-formed whatever the input, then escaped
// "cb-" + 8 hex digits of an FNV-1a hash of the three, unique per chart kind, title and desc.
std::string make_id(const char* kind, const std::string& title, const std::string& desc);
bool safe_href(const std::string& href);  // false for "" and javascript:/data:/vbscript:, even with tabs inside

// ---- [SECTION] Frame ----
// The <svg> root with its <title>, <desc>, the shared <style> and `defs` (when not empty), then body.
std::string frame(const std::string& id, const char* kind, double height, const std::string& title,
                  const std::string& desc, const std::string& defs, const std::string& body);
// desc, then " a. b. c." from the items: role="img" hides the chart's own text from screen readers.
std::string describe(const std::string& desc, const std::vector<std::string>& items);

// ---- [SECTION] Primitives ----
// Every string is escaped; anchor is text-anchor ("end", "middle"), none when nullptr.
std::string text(double x, double y, double font, const std::string& cls, const std::string& content,
                 const char* anchor = nullptr);
// Lines of one paragraph as <tspan>s of one <text>, so it is read as one string; "" for no lines.
std::string lines_text(double x, double y, double font, double advance, const std::string& cls,
                       const std::vector<std::string>& lines);
std::string line(double x1, double y1, double x2, double y2, const char* cls);
// Negative sizes are drawn as 0; extra is raw attributes (" fill=\"url(#...)\"").
std::string rect(double x, double y, double w, double h, const std::string& cls, const std::string& extra = {});
std::string circle(double cx, double cy, double r, const char* cls);

}  // namespace costbook::site::charts
