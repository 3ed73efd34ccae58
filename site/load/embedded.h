// site: files embedded in the binary at build time — the starter site and the calculator
// Index: [SECTION] Files
#pragma once
#include <cstddef>

namespace costbook::site {

// ---- [SECTION] Files ----
struct EmbeddedFile {
    const char* path;            // relative path: "templates/page.mustache", "calc.wasm"
    const unsigned char* data;   // bytes (NUL-terminated for convenience; size excludes it)
    std::size_t size;
};
// Both end with {nullptr, nullptr, 0}.
extern const EmbeddedFile kStarterFiles[];   // what `costbook new` writes (cmake/embed.cmake)
// The published runs the default MFU is fitted on, with what they cite: the repository's data/runs/,
// developers.toml, sources.toml, gpus/ and models/, paths relative to data/ ("runs/meta.toml").
extern const EmbeddedFile kShippedRunFiles[];
// calc.js, calc.wasm and calc-loader.js from the wasm preset's output (cmake/embed-calc.cmake);
// only the terminator when costbook was built without Emscripten.
extern const EmbeddedFile kCalcFiles[];

}  // namespace costbook::site
