#include "serve/live_reload.h"

#include <sstream>

namespace costbook::site {

std::string live_reload_script() {
    // `error` is also the name of EventSource's own connection-error event, which carries no
    // data: only a string `data` is a build error. Reload closes the stream first so the old
    // connection is not left for the server to notice.
    return "<script>(function(){var s=new EventSource(\"/__costbook/events\");"
           "s.addEventListener(\"reload\",function(){s.close();location.reload()});"
           "s.addEventListener(\"error\",function(e){if(typeof e.data!=\"string\")return;"
           "var d=document.getElementById(\"costbook-error\");"
           "if(!d){d=document.createElement(\"pre\");d.id=\"costbook-error\";d.setAttribute(\"role\",\"alert\");"
           "d.title=\"click to dismiss\";d.onclick=function(){d.remove()};"
           "d.style.cssText=\"position:fixed;inset:0;z-index:2147483647;margin:0;padding:1.5em;overflow:auto;"
           "white-space:pre-wrap;background:rgba(40,0,0,.94);color:#fdd;font:14px/1.45 ui-monospace,monospace\";"
           "document.body.appendChild(d)}d.textContent=e.data})})();</script>";
}

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
    if (html.find(kEventsPath) != std::string::npos) return html;
    size_t at = html.rfind("</body>");
    if (at == std::string::npos) at = html.rfind("</BODY>");
    html.insert(at == std::string::npos ? html.size() : at, live_reload_script());
    return html;
}

}  // namespace costbook::site
