// ImGui's draw lists on WebGL2, in place of ImGui's OpenGL3 backend. The calculator owns its whole
// WebGL context, so nothing is saved and restored around a frame: that backend's backup asks for
// 18 pieces of GL state a frame (glGetIntegerv -> getParameter), and each is a synchronous round
// trip to the GPU process that waits for everything queued before it (on the first frame: the
// shader compile and link, the atlas upload, the page's own raster). Here no call before the first
// draw reads anything back. The program is calc-loader.js's (drawProgram(): the shaders' source is
// there, compiled as soon as the context exists, while calc.wasm downloads) and first used at the
// first draw.
//
// The transform is a constant vertex attribute (glVertexAttrib4f with its array disabled), not a
// uniform: glGetUniformLocation would make Emscripten ask for the program's uniforms, which waits
// for the link. The atlas is one-channel (R8, a quarter of RGBA32's upload); the sampler is the
// default texture unit 0. ImGuiBackendFlags_RendererHasVtxOffset stays unset (WebGL2 has no
// glDrawElementsBaseVertex), so ImGui keeps every draw list's offsets at 0.
#include <GLES3/gl3.h>

#include <algorithm>

#include "calc.h"
#include "imgui.h"

namespace costbook::calc {

namespace {
GLuint g_program = 0, g_vao = 0, g_vbo = 0, g_ibo = 0, g_font = 0;
bool g_program_used = false;
}  // namespace

void renderer_init(unsigned program) {
    g_program = program;
    glGenVertexArrays(1, &g_vao);
    glBindVertexArray(g_vao);
    glGenBuffers(1, &g_vbo);
    glGenBuffers(1, &g_ibo);
    glBindBuffer(GL_ARRAY_BUFFER, g_vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g_ibo);  // part of the VAO's state
    const GLsizei stride = sizeof(ImDrawVert);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, col)));

    glGenTextures(1, &g_font);
    glBindTexture(GL_TEXTURE_2D, g_font);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);

    // ImGui's blending, set once: nothing else draws in this context.
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}

void renderer_upload_fonts() {
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->GetTexDataAsAlpha8(&pixels, &w, &h);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(g_font)));
    atlas->ClearTexData();  // the pixels live in the texture now
}

void renderer_draw(const ImDrawData* dd, int fb_w, int fb_h, int shown_h, unsigned clear_rgba) {
    glViewport(0, 0, fb_w, fb_h);
    // Only the top shown_h rows are seen (the frame clips the canvas): nothing is filled below.
    glEnable(GL_SCISSOR_TEST);
    glScissor(0, fb_h - shown_h, fb_w, shown_h);
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(clear_rgba);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (!dd || dd->DisplaySize.x <= 0 || dd->DisplaySize.y <= 0) return;
    if (!g_program_used) {  // first used as late as possible: the link may still be running
        glUseProgram(g_program);
        g_program_used = true;
    }
    // Pixels of the display rectangle -> clip space, y down.
    const ImVec2 p = dd->DisplayPos, s = dd->DisplaySize;
    glVertexAttrib4f(3, 2.0f / s.x, -2.0f / s.y, -1.0f - 2.0f * p.x / s.x, 1.0f + 2.0f * p.y / s.y);
    const ImVec2 scale = dd->FramebufferScale;
    for (int n = 0; n < dd->CmdListsCount; n++) {
        const ImDrawList* list = dd->CmdLists[n];
        glBufferData(GL_ARRAY_BUFFER, list->VtxBuffer.Size * static_cast<GLsizeiptr>(sizeof(ImDrawVert)),
                     list->VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, list->IdxBuffer.Size * static_cast<GLsizeiptr>(sizeof(ImDrawIdx)),
                     list->IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) continue;  // the UI adds none
            const float x0 = (cmd.ClipRect.x - p.x) * scale.x, y0 = (cmd.ClipRect.y - p.y) * scale.y;
            const float x1 = (cmd.ClipRect.z - p.x) * scale.x;
            const float y1 = std::min((cmd.ClipRect.w - p.y) * scale.y, static_cast<float>(shown_h));
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(static_cast<int>(x0), static_cast<int>(fb_h - y1), static_cast<int>(x1 - x0), static_cast<int>(y1 - y0));
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount),
                           sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           reinterpret_cast<void*>(static_cast<intptr_t>(cmd.IdxOffset * sizeof(ImDrawIdx))));
        }
    }
}

}  // namespace costbook::calc
