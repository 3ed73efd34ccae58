// site: the calculator (calc.js, calc.wasm, calc-loader.js) this binary carries
// Index: [SECTION] Files
#pragma once
#include "starter.h"

namespace costbook::site {

// ---- [SECTION] Files ----
// Embedded at build time from the wasm preset's output (cmake/embed-calc.cmake); ends with
// {nullptr, nullptr, 0}, and holds only that when costbook was built without Emscripten.
extern const EmbeddedFile kCalcFiles[];

}  // namespace costbook::site
