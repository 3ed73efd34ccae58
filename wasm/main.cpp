// The calculator's entry point and frame loop: GLFW + WebGL2 set up, the page's scenario read,
// then frames drawn only when something changed (input, resize, colour scheme, a drag in progress).
//
// Coordinates: with Emscripten 3.1.6's GLFW, window size == framebuffer size == canvas backing
// store, and cursor positions arrive in backing-store pixels. So ImGui works in device pixels:
// fonts are rasterised at devicePixelRatio and the style scaled by it, which keeps glyphs on whole
// device pixels at fractional ratios (1.25, 1.5) where a 1/dpr FontGlobalScale would blur them.
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

#include "calc.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_internal.h"  // FocusWindow(nullptr) on blur

namespace costbook::calc {

namespace {
GLFWwindow* g_window = nullptr;
int g_pending = 0;          // frames still to draw before going idle
bool g_looping = false;     // a requestAnimationFrame loop is running
double g_dpr = 0;           // the devicePixelRatio fonts and style were built for
bool g_dark = false;
bool g_restyle = true;
bool g_narrow = false;      // the frame is under 600 CSS px wide: touch-sized controls
int g_fb_w = 0, g_fb_h = 0; // canvas backing store, device pixels
double g_css_h = 0;         // the frame height last asked of the page (CSS px); the frame clips the canvas
double g_canvas_css_h = 0;  // the canvas's own CSS height: at least the frame's (calc-loader.js reserved it)
ImGuiMouseCursor g_cursor = ImGuiMouseCursor_Arrow;
Fonts g_fonts;
bool g_pointer_inside = false;
int g_frames = 0;           // frames drawn  // the pointer is over the canvas: a move there, or GLFW's mouseenter/mouseleave

EM_BOOL frame(double, void*);

// GLFW callbacks, installed before ImGui's, which chains to them: any input draws a few frames
// (ImGui sees a click as a press in one frame and a release in the next).
void on_cursor_pos(GLFWwindow*, double, double) { g_pointer_inside = true; request_frames(); }
void on_mouse_button(GLFWwindow*, int, int, int) { request_frames(); }
void on_key(GLFWwindow*, int, int, int, int) { request_frames(); }
void on_char(GLFWwindow*, unsigned int) { request_frames(); }
void on_cursor_enter(GLFWwindow*, int entered) { g_pointer_inside = entered != 0; request_frames(); }

// Backing store = the canvas's CSS size x devicePixelRatio; fonts and style follow the ratio and
// the scheme.
void sync_canvas(double css_w, double css_h) {
    const double r = emscripten_get_device_pixel_ratio();
    const int w = std::max(1, static_cast<int>(std::lround(css_w * r)));
    const int h = std::max(1, static_cast<int>(std::lround(css_h * r)));
    if (w != g_fb_w || h != g_fb_h) {
        g_fb_w = w;
        g_fb_h = h;
        // Sets canvas.width/height (before the window: main() makes it at this size), and removes
        // the canvas's CSS height, put back: the frame clips the canvas, taller than the content.
        if (g_window) {
            glfwSetWindowSize(g_window, w, h);
            set_canvas_css_height(css_h);
        }
    }
    if (r != g_dpr) {
        g_dpr = r;
        g_fonts = build_fonts(static_cast<float>(r));
        if (g_window) renderer_upload_fonts();
        g_restyle = true;
    }
    const bool narrow = css_w < 600;
    if (narrow != g_narrow) {
        g_narrow = narrow;
        g_restyle = true;
    }
    if (g_restyle) {
        apply_theme(g_dark, static_cast<float>(g_dpr), g_narrow);
        g_restyle = false;
    }
    g_canvas_css_h = css_h;
}

// One frame's widgets, laid out (not yet rendered): returns the content's height in device pixels.
float lay_out() {
    ImGui_ImplGlfw_NewFrame();
    // 1.86's GLFW backend treats an Emscripten window as always focused and keeps the last cursor
    // position after the pointer has left the canvas: a control stayed hovered, its tooltip shown.
    ImGuiIO& io_in = ImGui::GetIO();
    if (!g_pointer_inside && !io_in.MouseDown[0]) io_in.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    return draw_ui(g_fonts, static_cast<float>(g_dpr));
}

EM_BOOL frame(double, void*) {
    if (g_frames > 0) {  // the first is drawn at the size main() found: reading it back would lay the page out again
        double css_w = 0, css_h = 0;
        canvas_css_size(css_w, css_h);
        sync_canvas(css_w, css_h);
    }
    const float content_h = lay_out();
    ImGui::Render();

    // The frame's height follows the content at this width (no scrolling inside the calculator),
    // set in the same task as the frame is drawn: the first frame shows at its final height. The
    // canvas below the frame's height is clipped, and not drawn; it grows only when the content
    // outgrows it (with room to spare: a resize waits for the GPU process).
    const double want_css_h = std::ceil(content_h / g_dpr);
    if (std::fabs(want_css_h - g_css_h) >= 1) {
        set_css_height(want_css_h);
        g_css_h = want_css_h;
        request_frames();
    }
    if (want_css_h > g_canvas_css_h) {
        set_canvas_css_height(std::ceil(want_css_h * 1.25));
        request_frames();
    }
    const int shown_h = std::min(g_fb_h, static_cast<int>(std::lround(want_css_h * g_dpr)));
    renderer_draw(ImGui::GetDrawData(), g_fb_w, g_fb_h, shown_h, palette().panel);
    // The page's native controls after the draw calls (the same task, so the same paint): making
    // them is DOM work that the first frame need not wait for.
    sync_mirror();
    // A canvas Tab reached before it ran gives the focus to a control once ImGui's window has
    // appeared (its first frames set their own navigation focus).
    if (++g_frames == 3) started();

    const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    if (cursor != g_cursor) set_css_cursor(g_cursor = cursor);

    // While a control is held (a drag), keep drawing; tell the page once it is let go.
    const ImGuiIO& io = ImGui::GetIO();
    const bool held = ImGui::IsAnyItemActive() || io.MouseDown[0];
    // Settling runs simulate(): after the frame is on screen, and drawn again when it is done. The
    // first settle waits for the third frame: the first is drawn in main()'s task and the second in
    // the next animation frame, so both reach the screen before the draws hold the page's thread.
    if (held) request_frames(2);
    else if (g_frames < 3) request_frames(2);
    else if (settle()) request_frames(2);
    if (--g_pending > 0) return EM_TRUE;
    g_looping = false;
    return EM_FALSE;  // stop the requestAnimationFrame loop: no work while idle
}
}  // namespace

void request_frames(int n) {
    if (g_pending < n) g_pending = n;
    if (!g_looping && g_window) {
        g_looping = true;
        emscripten_request_animation_frame_loop(frame, nullptr);
    }
}

}  // namespace costbook::calc

using namespace costbook::calc;

extern "C" {
EMSCRIPTEN_KEEPALIVE void calc_blur() {
    ImGui::FocusWindow(nullptr);
    ImGui::GetIO().AddFocusEvent(false);
    request_frames();
}
EMSCRIPTEN_KEEPALIVE void calc_set_dark(int dark) {
    g_dark = dark != 0;
    g_restyle = true;
    request_frames();
}
}

int main() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard | ImGuiConfigFlags_NoMouseCursorChange;
    io.BackendRendererName = "costbook_webgl2";    // renderer.cpp
    g_dark = prefers_dark();
    start(page_string(0), page_string(1), page_string(4), page_string(5), page_string(2));

    // The canvas as calc-loader.js sized it (its backing store included) before making its context.
    double css_w = 0, css_h = 0;
    canvas_css_size(css_w, css_h);
    sync_canvas(css_w, css_h);  // fonts and style at this devicePixelRatio and width

    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);    // ImGui draws flat, in order: no depth or stencil buffer
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    // At the canvas's size: getContext() gives back the loader's context, made at that size.
    g_window = glfwCreateWindow(g_fb_w, g_fb_h, "costbook", nullptr, nullptr);
    const unsigned program = page_program();
    if (!g_window || !program) return 1;  // no WebGL 2: calc-loader.js keeps the static table
    set_canvas_css_height(g_canvas_css_h);  // Emscripten's GLFW removed it
    glfwMakeContextCurrent(g_window);
    renderer_init(program);
    renderer_upload_fonts();
    install_listeners();
    glfwSetCursorPosCallback(g_window, on_cursor_pos);
    glfwSetMouseButtonCallback(g_window, on_mouse_button);
    glfwSetKeyCallback(g_window, on_key);
    glfwSetCharCallback(g_window, on_char);
    glfwSetCursorEnterCallback(g_window, on_cursor_enter);
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);  // chains to the callbacks above

    request_frames();
    frame(0, nullptr);  // the first frame now, not one animation frame later
    return 0;  // the runtime stays alive; frames come from requestAnimationFrame
}
