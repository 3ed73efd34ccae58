// tests: a copy of the default site or of a fixture site in a temporary folder, and running costbook on it
// Index: [SECTION] Files  [SECTION] Running  [SECTION] Sites  [SECTION] Trees  [SECTION] Text
#pragma once
#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"

namespace fixture {

namespace fs = std::filesystem;

// ---- [SECTION] Files ----
inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

inline std::string read(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

inline void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

// ---- [SECTION] Running ----
struct Run { int code; std::string out, err; };

// Runs a shell script (sh) in `cwd` with $COSTBOOK set to the binary: for wrappers such as
// `prlimit` or `unshare`, and environment variables.
inline Run sh(const std::string& script, const std::string& cwd = COSTBOOK_SOURCE_DIR) {
    static int n = 0;
    const std::string err_file = "/tmp/costbook-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".err";
    const std::string cmd = "cd '" + cwd + "' && export COSTBOOK='" COSTBOOK_BIN "' && {\n" + script + "\n} 2>" + err_file;
    Run r{0, {}, {}};
    FILE* p = ::popen(cmd.c_str(), "r");
    std::array<char, 4096> buf;
    size_t k;
    while ((k = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), k);
    const int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = read(err_file);
    std::remove(err_file.c_str());
    return r;
}

inline Run run(const std::string& args, const std::string& cwd = COSTBOOK_SOURCE_DIR) { return sh("\"$COSTBOOK\" " + args, cwd); }

// ---- [SECTION] Sites ----
// The fixture sites: tests/site/ok/<name>/ builds; tests/site/bad/<case>/ holds the files that
// differ from ok/minimal/ and the whole stderr `costbook build` prints for them (expected.txt).
inline const fs::path kFixtures = fs::path(COSTBOOK_SOURCE_DIR) / "tests/site";
inline const fs::path kMinimal = kFixtures / "ok/minimal";

// Every case folder under tests/site/bad/ whose name starts with `prefix`, sorted.
inline std::vector<std::string> bad_cases(const std::string& prefix = "") {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(kFixtures / "bad"))
        if (e.is_directory() && e.path().filename().string().rfind(prefix, 0) == 0) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// A site copied to a fresh folder: the default site (site.toml, content, templates, static,
// data), or a fixture folder with a bad case's files copied over it.
struct SiteCopy {
    fs::path dir;
    SiteCopy() : dir(fresh()) {
        for (const char* part : {"site.toml", "content", "templates", "static", "data"})
            fs::copy(fs::path(COSTBOOK_SOURCE_DIR) / part, dir / part, fs::copy_options::recursive);
    }
    explicit SiteCopy(const fs::path& fixture, const fs::path& overlay = {}) : dir(fresh()) {
        fs::copy(fixture, dir, fs::copy_options::recursive);
        if (!overlay.empty()) add(overlay);
    }
    ~SiteCopy() { fs::remove_all(dir); }
    SiteCopy(const SiteCopy&) = delete;
    SiteCopy& operator=(const SiteCopy&) = delete;
    std::string path() const { return dir.string(); }
    // Copies a bad case's files over the site, except its expected.txt.
    void add(const fs::path& overlay) const {
        for (const auto& e : fs::recursive_directory_iterator(overlay)) {
            const fs::path rel = fs::relative(e.path(), overlay);
            if (!e.is_regular_file() || rel == "expected.txt") continue;
            fs::create_directories((dir / rel).parent_path());
            fs::copy_file(e.path(), dir / rel, fs::copy_options::overwrite_existing);
        }
    }
    // Replaces the first `find` in `file` (which must contain it) with `replace`.
    bool edit(const std::string& file, const std::string& find, const std::string& replace) const {
        if (find.empty()) { write(dir / file, replace); return true; }  // a new file
        std::string text = read(dir / file);
        const size_t at = text.find(find);
        if (at == std::string::npos) return false;
        text.replace(at, find.size(), replace);
        write(dir / file, text);
        return true;
    }

private:
    static fs::path fresh() {
        static int n = 0;
        const fs::path d = fs::temp_directory_path() / ("costbook-site-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(d);
        fs::create_directories(d);
        return d;
    }
};

// ---- [SECTION] Trees ----
// Every file under a folder with its bytes, for "left exactly as it was".
inline std::string tree(const fs::path& root) {
    std::string all;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) all += fs::relative(f, root).generic_string() + "\n" + read(f) + "\n";
    return all;
}

// Every entry under `root` but those under `root/except`: path, type, size and modification
// time to the nanosecond, for "nothing was written outside the output folder".
inline std::string entries(const fs::path& root, const std::string& except = "public") {
    std::vector<std::string> lines;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        const std::string rel = fs::relative(it->path(), root).generic_string();
        if (rel == except) { it.disable_recursion_pending(); continue; }
        struct stat st {};
        ::lstat(it->path().c_str(), &st);
        lines.push_back(rel + " " + std::to_string(st.st_mode) + " " + std::to_string(st.st_size) + " " +
                        std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec));
    }
    std::sort(lines.begin(), lines.end());
    std::string all;
    for (const std::string& l : lines) all += l + "\n";
    return all;
}

// Every entry under `root` (itself included, as ".") with its modification time in seconds.
inline std::string mtimes(const fs::path& root) {
    std::vector<std::string> lines;
    struct stat st {};
    ::lstat(root.c_str(), &st);
    lines.push_back(". " + std::to_string(st.st_mtim.tv_sec));
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        ::lstat(e.path().c_str(), &st);
        lines.push_back(fs::relative(e.path(), root).generic_string() + " " + std::to_string(st.st_mtim.tv_sec));
    }
    std::sort(lines.begin(), lines.end());
    std::string all;
    for (const std::string& l : lines) all += l + "\n";
    return all;
}

// ---- [SECTION] Text ----
inline std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }
inline std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}
// Diagnostics as a verb prints them (no colour): each one, then the count line.
inline std::string printed(const costbook::site::Diagnostics& d) {
    std::ostringstream out;
    d.print(out);
    return out.str();
}

}  // namespace fixture
