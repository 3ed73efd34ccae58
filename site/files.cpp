#include "files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace costbook::site {

std::string read_file(const std::string& path, int& err) {
    // Not through a symlink, and never a FIFO or a device (/dev/zero would never end): regular files only.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) { err = errno == ELOOP ? ELOOP : errno; return {}; }
    std::string out;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        ::close(fd);
        return {};
    }
    // The size fstat gave, read straight into the string: no read that only finds the end
    // (a thousand pages, a thousand system calls). A file that says it is empty is read to its end.
    const size_t size = static_cast<size_t>(st.st_size);
    out.resize(size);
    size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, out.data() + done, size - done);
        if (n < 0) { if (errno == EINTR) continue; err = errno; break; }
        if (n == 0) break;   // it shrank meanwhile
        done += static_cast<size_t>(n);
    }
    out.resize(done);
    if (size == 0) {
        char buf[65536];
        for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) != 0;) {
            if (n < 0) { if (errno == EINTR) continue; err = errno; break; }
            out.append(buf, static_cast<size_t>(n));
        }
    }
    ::close(fd);
    return out;
}

std::string read_file(const std::string& path) {
    int err = 0;
    return read_file(path, err);
}

bool read_site_file(const std::string& path, const std::string& shown, std::string& text, Diagnostics& diags) {
    int err = 0;
    text = read_file(path, err);
    if (err == 0) return true;
    const char* why = err == ELOOP ? "it is a symlink, which costbook does not follow"
                      : err == EINVAL ? "it is not a regular file (a FIFO, a device, ...)"
                                      : std::strerror(err);
    diags.error(shown, 0, 0, std::string("cannot read this file: ") + why,
                err == ELOOP || err == EINVAL ? "put a regular file here" : "check that it exists and is readable");
    return false;
}

std::vector<fs::path> list_files(const fs::path& dir, const std::string& shown, const Listing& how, Diagnostics& diags) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    const auto shown_path = [&](const fs::path& p) { return shown + "/" + p.lexically_relative(dir).generic_string(); };
    const auto cannot_read = [&](const fs::path& p, const std::error_code& e) {
        diags.error(p == dir ? shown : shown_path(p), 0, 0, "cannot read this folder: " + e.message(),
                    "check its permissions");
    };
    // One entry: a symlink is refused (and not walked into), a regular file with the extension kept.
    const auto visit = [&](const fs::directory_entry& e) {
        std::error_code q;
        if (e.is_symlink(q)) {
            diags.error(shown_path(e.path()), 0, 0, how.symlink_message, how.symlink_help);
            return false;
        }
        const std::string name = e.path().filename().string();
        if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
            // A newline or other control character in a name is never meant, and no URL holds it.
            diags.error(shown_path(e.path()), 0, 0, "this name holds a control character (a newline, a tab, ...)",
                        "rename it to plain characters");
            return false;
        }
        if (e.is_regular_file(q) && (how.ext.empty() || e.path().extension() == how.ext)) out.push_back(e.path());
        return true;
    };
    if (how.recursive) {
        fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
        if (ec) cannot_read(dir, ec);
        for (; !ec && it != end; it.increment(ec))
            if (!visit(*it)) it.disable_recursion_pending();
        if (ec) cannot_read(it == end ? dir : it->path(), ec);
    } else {
        fs::directory_iterator it(dir, ec), end;
        if (ec) cannot_read(dir, ec);
        for (; !ec && it != end; it.increment(ec)) visit(*it);
        if (ec) cannot_read(dir, ec);
    }
    // In fs::path's order (part by part) without its cost: a '/' sorts before every other byte.
    // Every path starts with `dir` as the iterators wrote it, so the comparison starts after it.
    const size_t common = dir.native().size();
    std::sort(out.begin(), out.end(), [common](const fs::path& a, const fs::path& b) {
        const std::string &x = a.native(), &y = b.native();
        const size_t n = std::min(x.size(), y.size());
        size_t i = std::min(common, n);
        while (i < n && x[i] == y[i]) ++i;
        if (i == n) return x.size() < y.size();
        const auto key = [](char c) { return c == '/' ? 0 : static_cast<unsigned char>(c) + 1; };
        return key(x[i]) < key(y[i]);
    });
    return out;
}

}  // namespace costbook::site
