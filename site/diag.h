// site: diagnostics in the rustc shape, led by path:line:col
// Index: [SECTION] Types  [SECTION] Output
//
//   data/models/deepseek-r1.toml:14:1: error: stage `rl` has no `source`
//      |
//   14 | [[stages]]
//      | ^^^^^^^^^^ its GPU-hours would reach the page unsourced
//      |
//      = note: source ids are defined in data/sources.toml
//      = help: add `source = "<id>"`, or `assumption = true` to label it on the page
#pragma once
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace costbook::site {

// ---- [SECTION] Types ----
struct Diagnostic {
    std::string path;      // as the user would type it, relative to the site where possible
    int line = 0, col = 0; // 1-based; 0 = unknown (printed as 1:1, never omitted)
    int len = 1;           // caret width
    std::string message;   // lower case, no closing period
    std::string label;     // beside the carets, or empty
    std::string note;      // context, or empty
    std::string help;      // the fix, or empty
};

inline constexpr size_t kMaxShownDiagnostics = 100;   // print() shows these, then says how many more

class Diagnostics {
public:
    void add(Diagnostic d) { list_.push_back(std::move(d)); }
    // Adds an error at path:line:col (0 = unknown) and returns it, for a label, note or caret width.
    Diagnostic& error(std::string path, int line, int col, std::string message, std::string help = {});
    void remember(const std::string& path, std::string text) { texts_[path] = std::move(text); }
    // Files not remembered are read from here when printed (content pages: a site's whole
    // content is not worth holding twice in memory for the rare error).
    void set_root(std::string dir) { root_ = std::move(dir); }
    bool empty() const { return list_.empty(); }
    size_t size() const { return list_.size(); }
    const std::vector<Diagnostic>& list() const { return list_; }
    void print(std::ostream& out, bool color = false) const;  // the first kMaxShownDiagnostics, then a count line
    void merge(Diagnostics&& other);        // moves the other's diagnostics and file texts in

private:
    std::vector<Diagnostic> list_;
    std::map<std::string, std::string> texts_;  // file contents, for the source line
    std::string root_;
};

// The name in `names` nearest a mistyped one (edit distance), for "did you mean"; "" when none is
// within `max_distance` (0: 3, or a third of the typo's length when longer).
std::string closest_name(const std::vector<std::string>& names, const std::string& typo, size_t max_distance = 0);

// ---- [SECTION] Output ----
std::string render(const Diagnostic& d, const std::string* file_text, bool color = false);

}  // namespace costbook::site
