// The page side of calc.h: thin EM_JS calls into platform.js, and the exports it calls back.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "calc.h"

namespace {
EM_JS(char*, js_page_string, (int which), { return cbCString(cbPageString(which)); });
EM_JS(void, js_install_listeners, (), { cbInstallListeners(); });
EM_JS(void, js_started, (), { cbStarted(); });
EM_JS(void, js_set_live, (const char* text), { cbSetLive(UTF8ToString(text)); });
EM_JS(void, js_set_mirror, (const char* text), { cbSetMirror(UTF8ToString(text)); });
EM_JS(void, js_set_note, (const char* text), { cbSetNote(UTF8ToString(text)); });
EM_JS(void, js_set_table, (const char* caption, const char* rows), {
    cbSetTable(UTF8ToString(caption), UTF8ToString(rows));
});
EM_JS(void, js_write_hash, (const char* payload), { cbWriteHash(UTF8ToString(payload)); });
EM_JS(void, js_set_height, (double px), { cbSetHeight(px); });
EM_JS(void, js_set_canvas_height, (double px), { Module['canvas'].style.height = px + 'px'; });
EM_JS(unsigned, js_program, (), { return cbProgram(); });
EM_JS(void, js_css_size, (double* w, double* h), {
    var s = cbCssSize();
    HEAPF64[w >> 3] = s[0];
    HEAPF64[h >> 3] = s[1];
});
EM_JS(void, js_set_cursor, (int c), { cbSetCursor(c); });
EM_JS(int, js_prefers_dark, (), { return cbPrefersDark() ? 1 : 0; });
EM_JS(void, js_download, (const char* name, const char* type, const char* text), {
    cbDownload(UTF8ToString(name), UTF8ToString(type), UTF8ToString(text));
});
EM_JS(void, js_copy_link, (const char* payload), { cbCopyLink(UTF8ToString(payload)); });
EM_JS(void, js_copy_embed, (const char* payload), { cbCopyEmbed(UTF8ToString(payload)); });
}  // namespace

namespace costbook::calc {

std::string page_string(int which) {
    char* p = js_page_string(which);
    std::string s = p;
    std::free(p);
    return s;
}

void install_listeners() { js_install_listeners(); }
void started() { js_started(); }
void set_live_text(const std::string& text) { js_set_live(text.c_str()); }
void set_mirror(const std::string& stops) { js_set_mirror(stops.c_str()); }
void set_note(const std::string& text) { js_set_note(text.c_str()); }

void set_table(const std::string& caption, const std::vector<Row>& rows) {
    std::string text;
    for (const Row& r : rows) text += (text.empty() ? "" : "\n") + r.label + "\t" + r.value;
    js_set_table(caption.c_str(), text.c_str());
}

void write_hash(const std::string& payload) { js_write_hash(payload.c_str()); }
void set_css_height(double css_px) { js_set_height(css_px); }
void set_canvas_css_height(double css_px) { js_set_canvas_height(css_px); }
void canvas_css_size(double& w, double& h) { js_css_size(&w, &h); }
unsigned page_program() { return js_program(); }
void set_css_cursor(int imgui_cursor) { js_set_cursor(imgui_cursor); }
bool prefers_dark() { return js_prefers_dark() != 0; }
void download_file(const std::string& name, const std::string& type, const std::string& text) {
    js_download(name.c_str(), type.c_str(), text.c_str());
}
void copy_link(const std::string& payload) { js_copy_link(payload.c_str()); }
void copy_embed(const std::string& payload) { js_copy_embed(payload.c_str()); }

}  // namespace costbook::calc

// ---- Called by platform.js and tests ----
using namespace costbook::calc;

extern "C" {
EMSCRIPTEN_KEEPALIVE void calc_request_frames() { request_frames(); }
EMSCRIPTEN_KEEPALIVE int calc_key(int dom_key_code, int shift) {
    const int r = handle_key(dom_key_code, shift != 0);
    request_frames();
    return r;
}
EMSCRIPTEN_KEEPALIVE void calc_focus(int from_end) { focus_from_page(from_end != 0); request_frames(); }
EMSCRIPTEN_KEEPALIVE void calc_apply_hash(const char* query) { apply_hash(query); request_frames(); }
EMSCRIPTEN_KEEPALIVE void calc_copied(int result) { copied(result); }
EMSCRIPTEN_KEEPALIVE void calc_focus_named(const char* name) { focus_named(name); request_frames(); }
EMSCRIPTEN_KEEPALIVE void calc_activate(const char* name, double t) { activate(name, t); request_frames(); }
EMSCRIPTEN_KEEPALIVE const char* calc_type(const char* name, const char* text) {
    static std::string out;
    out = type_named(name, text);
    request_frames();
    return out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* calc_probe(const char* what) {
    static std::string out;
    out = probe(what);
    return out.c_str();
}
}
