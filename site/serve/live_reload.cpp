#include "serve/live_reload.h"

#include <sstream>

namespace costbook::site {

std::string live_reload_js() {
    // `error` is also the name of EventSource's own connection-error event, which carries no
    // data: only a string `data` is a build error. Reload closes the stream first so the old
    // connection is not left for the server to notice. The overlay is styled through the CSSOM,
    // which a policy without 'unsafe-inline' styles allows too.
    return R"js(// costbook serve: reloads the page when a build succeeds, shows a failed build's errors over it
(function () {
  var s = new EventSource("/__costbook/events");
  s.addEventListener("open", function () {
    document.documentElement.setAttribute("data-costbook-live", "open");
  });
  s.addEventListener("reload", function () { s.close(); location.reload(); });
  s.addEventListener("error", function (e) {
    if (typeof e.data != "string") return;
    var d = document.getElementById("costbook-error");
    if (!d) {
      d = document.createElement("pre");
      d.id = "costbook-error";
      d.setAttribute("role", "alert");
      d.title = "click to dismiss";
      d.onclick = function () { d.remove(); };
      var st = d.style;
      st.position = "fixed"; st.inset = "0"; st.zIndex = "2147483647"; st.margin = "0";
      st.padding = "1.5em"; st.overflow = "auto"; st.whiteSpace = "pre-wrap";
      st.background = "rgba(40,0,0,.94)"; st.color = "#fdd";
      st.font = "14px/1.45 ui-monospace,monospace";
      document.body.appendChild(d);
    }
    d.textContent = e.data;
  });
})();
)js";
}

std::string live_reload_tag() { return std::string("<script src=\"") + kScriptPath + "\"></script>"; }

std::string sse_event(const std::string& name, const std::string& text) {
    std::string out = "event: " + name + "\n";
    std::string line;
    std::istringstream in(text);
    bool any = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out += "data: " + line + "\n";
        any = true;
    }
    if (!any) out += "data: \n";
    return out + "\n";
}

std::string with_live_reload(std::string html) {
    if (html.find(live_reload_tag()) != std::string::npos) return html;
    size_t at = html.rfind("</body>");
    if (at == std::string::npos) at = html.rfind("</BODY>");
    html.insert(at == std::string::npos ? html.size() : at, live_reload_tag());
    return html;
}

}  // namespace costbook::site
