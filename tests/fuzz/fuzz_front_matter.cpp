// libFuzzer: any bytes as a content file give a page or diagnostics, never a crash.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "load/content.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    costbook::site::Diagnostics diags;
    const auto page = costbook::site::parse_page(text, "fuzz.md", true, diags);
    std::ostringstream out;
    diags.print(out);   // rendering a diagnostic (source line, carets) must be safe too
    (void)page;
    return 0;
}
