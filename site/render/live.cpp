#include "render/live.h"

#include <algorithm>

#include "costbook/format.h"
#include "costbook/outputs.h"
#include "diag.h"
#include "render/html.h"

namespace costbook::site {

bool is_live(const Shortcode& sc) {
    if (sc.name != "figure") return false;
    const auto it = sc.named.find("live");
    return it != sc.named.end() && it->second != "false";
}

namespace {
std::string ids(const PageState& state) {
    std::string out;
    for (const PageCalc& c : state.calcs) out += (out.empty() ? "" : ", ") + c.id;
    return out;
}
std::string list(const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}
}  // namespace

LiveBinding bind_live(const PageState& state, const std::string& key, const std::string& live, bool bare) {
    LiveBinding b;
    if (state.calcs.empty()) {
        b.error = "figure `" + key + "` is live, but this page has no calculator to follow";
        b.help = "add {{< calc >}} to the page, or drop live=" + (live == "true" ? std::string("true") : "\"" + live + "\"");
        return b;
    }
    if (live == "true") {
        if (state.calcs.size() > 1) {
            b.error = "this page has " + std::to_string(state.calcs.size()) + " calculators: say which one figure `" + key + "` follows";
            b.help = "write live=\"<id>\"; this page's calculators: " + ids(state);
            return b;
        }
        b.calc = &state.calcs.front();
    } else {
        for (const PageCalc& c : state.calcs)
            if (c.id == live) b.calc = &c;
        if (!b.calc) {
            b.error = "no calculator `" + live + "` on this page";
            b.help = "live=true, or the id of one of this page's calculators: " + ids(state);
            return b;
        }
    }
    const Scenario& s = b.calc->scenario;
    const std::vector<std::string> keys = live_keys(s, b.calc->tabs);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        const std::string near = closest_name(keys, key);
        b.error = "calculator `" + b.calc->id + "` cannot compute figure `" + key + "`";
        b.help = (near.empty() ? std::string() : "did you mean `" + near + "`? ") + "live figures it follows: " + list(keys);
        b.calc = nullptr;
        return b;
    }
    b.text = live_text(s, compute(s), key);
    if (bare) b.text = format_without_unit(b.text);
    return b;
}

std::string live_html(const LiveBinding& b, const std::string& key, bool bare, const std::string& figure_html) {
    return "<span class=\"cb-live\" data-live=\"" + escape(key) + "\" data-calc=\"" + escape(b.calc->id) + "\" data-page=\"" +
           escape(b.text) + "\"" + (bare ? " data-bare=\"1\"" : "") + ">" + figure_html + "</span>";
}

}  // namespace costbook::site
