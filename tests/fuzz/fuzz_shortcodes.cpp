// libFuzzer: the shortcode pass, then Markdown, never crash; markers always map back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "render/markdown.h"
#include "render/shortcodes.h"

using namespace costbook::site;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<Shortcode> scs;
    Diagnostics diags;
    const std::string md = extract_shortcodes(text, "content/fuzz.md", 1, scs, diags);
    MarkdownHooks hooks;
    hooks.shortcode_html = [&](int k) { return k >= 0 && static_cast<size_t>(k) < scs.size() ? std::string("<b>x</b>") : std::string(); };
    hooks.shortcode_text = [&](int k) { return k >= 0 && static_cast<size_t>(k) < scs.size() ? scs[static_cast<size_t>(k)].text : std::string(); };
    hooks.rewrite_url = [](const std::string& u) { return u; };
    (void)render_markdown(md, hooks);
    return 0;
}
