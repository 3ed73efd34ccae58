// site: every read of the site folder — whole files, and sorted listings that refuse symlinks
// Index: [SECTION] Files  [SECTION] Listings
#pragma once
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diag.h"

namespace costbook::site {

// ---- [SECTION] Files ----
// A regular file's bytes, read whole; never through a symlink as its last part, never a FIFO or a
// device. "" when it cannot be read; `err` is then the errno (ELOOP for a symlink, EINVAL for
// something that is not a regular file).
std::string read_file(const std::string& path);
std::string read_file(const std::string& path, int& err);
// The same, with a diagnostic at `shown` on failure ("content/a.md: cannot read this file: ...").
bool read_site_file(const std::string& path, const std::string& shown, std::string& text, Diagnostics& diags);

// Reads into memory it keeps for the next file: the bytes stay valid until the next read.
class FileBuffer {
public:
    // read_file's rules and errors; a relative `path` from the open folder `dir` (AT_FDCWD: the working one).
    std::string_view read(const std::string& path, int& err, int dir = AT_FDCWD);
private:
    void reserve(size_t n, size_t keep);   // room for n bytes, keeping the first `keep`
    std::unique_ptr<char[]> data_;
    size_t cap_ = 0;
};
bool read_site_file(const std::string& path, const std::string& shown, FileBuffer& buf, std::string_view& text, Diagnostics& diags,
                    int dir = AT_FDCWD);

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
