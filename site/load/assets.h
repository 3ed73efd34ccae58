// site: the files a build copies as they are — static/ and the calculator
// Index: [SECTION] Assets
#pragma once
#include <string>
#include <vector>

#include "diag.h"

namespace costbook::site {

// ---- [SECTION] Assets ----
struct Asset {
    std::string path;        // in the output: "css/site.css", "calc.wasm"
    std::string src;         // as errors show it: "static/css/site.css"
    std::string bytes;       // the content, or
    std::string copy_from;   // a file to copy as it is
};

// Every regular file under static/, sorted; symlinks are errors.
std::vector<Asset> load_static(const std::string& site_dir, Diagnostics& diags);

// calc.js, calc.wasm and calc-loader.js: from `calc_dir` (--calc-dir) or COSTBOOK_CALC_DIR when
// one is given (a folder that lacks one of them is an error), else the ones this binary carries
// (none when it was built without Emscripten).
std::vector<Asset> load_calculator(const std::string& calc_dir, Diagnostics& diags);

}  // namespace costbook::site
