// site: every read of the site folder — whole files, and sorted listings that refuse symlinks
// Index: [SECTION] Files  [SECTION] Listings
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "diag.h"

namespace costbook::site {

// ---- [SECTION] Files ----
std::string read_file(const std::string& path);              // whole file, one read; "" when unreadable
std::string read_file(const std::string& path, int& err);   // the same; `err` set to errno on failure

// ---- [SECTION] Listings ----
struct Listing {
    bool recursive = false;        // walk subfolders too
    std::string ext;               // ".md", ".toml"; "" = every regular file
    std::string symlink_message;   // a symlink is never followed: this error at its path
    std::string symlink_help;
};
// The regular files under `dir`, sorted. `shown` is `dir` as errors show it ("content",
// "data/models"). A missing folder lists nothing; a folder that cannot be read, and every
// symlink, is an error in `diags`.
std::vector<std::filesystem::path> list_files(const std::filesystem::path& dir, const std::string& shown,
                                              const Listing& how, Diagnostics& diags);

}  // namespace costbook::site
