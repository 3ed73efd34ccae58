// site: writing the output — all or nothing
// Index: [SECTION] Types  [SECTION] Write
//
// Files go into a temporary folder beside the output (a build's pages as they are rendered,
// through OutputWriter), which is then swapped in with one renameat2(RENAME_EXCHANGE); the old
// tree is deleted by a background `rm`, off the critical path. A failure leaves the previous
// output exactly as it was.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag.h"

namespace costbook::site {

// ---- [SECTION] Types ----
struct OutFile {
    std::string path;        // relative to the output folder, '/'-separated, checked by safe_relative
    std::string bytes;       // content, or
    std::string copy_from;   // a file to copy as it is
};

// ---- [SECTION] Write ----
bool safe_relative(const std::string& path);   // no "..", no absolute path, no empty or "." parts, no NUL
// `mtime` set (SOURCE_DATE_EPOCH): every file and folder of the output gets that modification
// time; unset: files whose bytes did not change keep theirs.
bool write_output(const std::string& out_dir, const std::vector<OutFile>& files, Diagnostics& diags,
                  std::optional<std::int64_t> mtime = std::nullopt);
// Serve's incremental write: into the output folder in place, each file whose bytes differ from
// what is there written beside it and renamed over it (never half a file to a reader); files with
// the same bytes are not touched. The set of files must be the last full write's (paths are not
// added to its manifest). `written` gets the paths actually written.
bool update_output(const std::string& out_dir, const std::vector<OutFile>& files, Diagnostics& diags,
                   std::vector<std::string>* written = nullptr);
// write_output in steps, for a build that hands its pages over as they are rendered (so a large
// site's HTML is never all in memory): begin() takes the lock and readies the staging tree, put()
// writes one file into it (from any thread), finish() writes the rest and swaps the new output in.
// A writer destroyed without finish() (a page failed to render) swaps nothing: the previous output
// stays exactly as it was. write_output is begin, put for each file, finish.
// The checks begin() makes before it takes anything over: `out_dir` is not a file, and is new, empty
// or a previous output (its manifest beside it), since a build replaces it whole. False, with an
// error naming it, otherwise.
bool output_folder_ok(const std::string& out_dir, Diagnostics& diags);
// `out_dir` is not the site folder (or above it), nor inside its content/, data/, templates/ or static/
// (through symlinks): a build there would read, or copy, its own output. False, with an error, otherwise.
bool output_outside_sources(const std::string& site_dir, const std::string& out_dir, Diagnostics& diags);
class OutputWriter {
public:
    OutputWriter();
    ~OutputWriter();
    OutputWriter(const OutputWriter&) = delete;
    OutputWriter& operator=(const OutputWriter&) = delete;
    bool begin(const std::string& out_dir, Diagnostics& diags);
    bool put(const std::string& path, const std::string& bytes);   // thread-safe; false once a put failed (finish says why)
    // The remaining files (in two threads), then the swap. False, with the first failure in
    // `diags`, when any file could not be written; the previous output is then untouched.
    bool finish(const std::vector<OutFile>& rest, Diagnostics& diags, std::optional<std::int64_t> mtime = std::nullopt);
private:
    struct State;
    std::unique_ptr<State> s_;
};
void reap_cleanups();                          // collects finished background deletions (serve calls it)

}  // namespace costbook::site
