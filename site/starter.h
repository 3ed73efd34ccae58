// site: the starter site `costbook new` writes, embedded in the binary at build time
// Index: [SECTION] Files
#pragma once
#include <cstddef>

namespace costbook::site {

// ---- [SECTION] Files ----
struct EmbeddedFile {
    const char* path;            // relative path in the new site, "templates/page.mustache"
    const unsigned char* data;   // bytes (NUL-terminated for convenience; size excludes it)
    std::size_t size;
};
extern const EmbeddedFile kStarterFiles[];   // ends with {nullptr, nullptr, 0}

}  // namespace costbook::site
