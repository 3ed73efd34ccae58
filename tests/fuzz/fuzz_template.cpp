// libFuzzer: any bytes as a page template are checked, then rendered, never a crash.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "load/templates.h"

namespace fs = std::filesystem;
using namespace costbook::site;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / ("costbook-fuzz-tpl-" + std::to_string(::getpid()));
        fs::remove_all(d);
        fs::create_directories(d / "templates/partials");
        std::ofstream(d / "templates/partials/head.mustache") << "<title>{{page.title}}</title>";
        return d;
    }();
    // The bytes up to the first NUL are the page template; what follows each further NUL is the
    // partial a, b or c: partials that include each other (cycles, fan-out) get fuzzed too.
    const std::string input(reinterpret_cast<const char*>(data), size);
    const char* const names[] = {"page.mustache", "partials/a.mustache", "partials/b.mustache", "partials/c.mustache"};
    size_t start = 0;
    for (int i = 0; i < 4; ++i) {
        const size_t end = std::min(input.find('\0', start), input.size());
        std::ofstream f(dir / "templates" / names[i], std::ios::binary | std::ios::trunc);
        if (start <= input.size()) f << input.substr(start, end - start);
        start = end == input.size() ? input.size() + 1 : end + 1;
    }
    Diagnostics diags;
    const auto t = load_templates(dir.string(), diags);
    if (!t) return 0;
    using mustache::Value;
    const Value ctx = Value::map({{"page", Value::map({{"title", "<x>"}, {"content", "<p>hi</p>"}})},
                                  {"nav", Value::list({Value::map({{"title", "a"}})})}});
    std::string out;
    (void)t->layouts.at("page").render_to(out, ctx, costbook::site::mustache::lookup_in(t->partials));
    if (out.size() > mustache::max_render_bytes + (1u << 20)) __builtin_trap();   // the bound holds
    return 0;
}
