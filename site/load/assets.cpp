#include "load/assets.h"

#include <cstdlib>
#include <filesystem>

#include "files.h"
#include "load/embedded.h"

namespace fs = std::filesystem;

namespace costbook::site {

std::vector<Asset> load_static(const std::string& site_dir, Diagnostics& diags) {
    const fs::path dir = fs::path(site_dir) / "static";
    Listing how;
    how.recursive = true;
    how.symlink_message = "symlinks are not copied from static/";
    how.symlink_help = "copy the file into static/ instead";
    std::vector<Asset> out;
    for (const fs::path& p : list_files(dir, "static", how, diags)) {
        const std::string rel = p.lexically_relative(dir).generic_string();
        out.push_back({rel, "static/" + rel, {}, p.string()});
    }
    return out;
}

std::vector<Asset> load_calculator(const std::string& calc_dir, Diagnostics& diags) {
    static const char* const kNames[] = {"calc.js", "calc.wasm", "calc-loader.js"};
    std::vector<Asset> out;
    std::string dir = calc_dir;
    const char* env = std::getenv("COSTBOOK_CALC_DIR");
    if (dir.empty() && env && *env) dir = env;
    if (dir.empty()) {
        for (const EmbeddedFile* f = kCalcFiles; f->path; ++f)
            out.push_back({f->path, "(embedded)", std::string(reinterpret_cast<const char*>(f->data), f->size), {}});
        return out;
    }
    std::error_code ec;
    for (const char* n : kNames) {
        const std::string p = dir + "/" + n;
        if (!fs::is_regular_file(p, ec)) {
            diags.error(p, 0, 0, std::string("the calculator folder has no ") + n,
                        std::string(calc_dir.empty() ? "COSTBOOK_CALC_DIR" : "--calc-dir") +
                            " names a folder holding calc.js, calc.wasm and calc-loader.js (the wasm preset's build/wasm/wasm/); "
                            "leave it unset to use the calculator this binary carries");
            return {};
        }
        out.push_back({n, p, {}, p});
    }
    return out;
}

}  // namespace costbook::site
