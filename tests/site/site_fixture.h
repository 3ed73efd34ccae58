// tests: a copy of the default site in a temporary folder, and running costbook on it
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

namespace fixture {

namespace fs = std::filesystem;

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

// The default site (site.toml, content, templates, static, data) copied to a fresh folder.
struct SiteCopy {
    fs::path dir;
    SiteCopy() {
        static int n = 0;
        dir = fs::temp_directory_path() / ("costbook-site-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(dir);
        fs::create_directories(dir);
        for (const char* part : {"site.toml", "content", "templates", "static", "data"})
            fs::copy(fs::path(COSTBOOK_SOURCE_DIR) / part, dir / part, fs::copy_options::recursive);
    }
    ~SiteCopy() { fs::remove_all(dir); }
    std::string path() const { return dir.string(); }
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
};

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

inline std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace fixture
