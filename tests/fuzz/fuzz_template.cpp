// libFuzzer: any bytes as a page template are checked, then rendered, never a crash.
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
    {
        std::ofstream f(dir / "templates/page.mustache", std::ios::binary | std::ios::trunc);
        f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    Diagnostics diags;
    const auto t = load_templates(dir.string(), diags);
    if (!t) return 0;
    using mustache::Value;
    const Value ctx = Value::map({{"page", Value::map({{"title", "<x>"}, {"content", "<p>hi</p>"}})},
                                  {"nav", Value::list({Value::map({{"title", "a"}})})}});
    (void)t->layouts.at("page").render(ctx, costbook::site::mustache::lookup_in(t->partials));
    return 0;
}
