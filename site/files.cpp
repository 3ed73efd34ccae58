#include "files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <system_error>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace costbook::site {

namespace {

// A regular file opened for reading, its size as fstat gave it; -1 (and `err`) if it is not one.
// Not through a symlink, and never a FIFO or a device (/dev/zero would never end).
int open_regular(int dir, const std::string& path, size_t& size, int& err) {
    const int fd = ::openat(dir, path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) { err = errno == ELOOP ? ELOOP : errno; return -1; }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        ::close(fd);
        return -1;
    }
    size = static_cast<size_t>(st.st_size);
    return fd;
}

// Up to `size` bytes into `p`: fewer if the file shrank meanwhile, or on an error (in `err`).
size_t read_upto(int fd, char* p, size_t size, int& err) {
    size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, p + done, size - done);
        if (n < 0) { if (errno == EINTR) continue; err = errno; break; }
        if (n == 0) break;
        done += static_cast<size_t>(n);
    }
    return done;
}

}  // namespace

// The size fstat gave, read straight into the string: no read that only finds the end (a thousand
// pages, a thousand system calls). A file that says it is empty is read to its end.
std::string read_file(const std::string& path, int& err) {
    size_t size = 0;
    const int fd = open_regular(AT_FDCWD, path, size, err);
    if (fd < 0) return {};
    std::string out;
    out.resize(size);
    out.resize(read_upto(fd, out.data(), size, err));
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

// The same reads into a buffer that is neither zeroed first nor freed after: a std::string
// fills itself with zeros before read() overwrites them (2% of a 1,000-page build's instructions).
std::string_view FileBuffer::read(const std::string& path, int& err, int dir) {
    size_t size = 0;
    const int fd = open_regular(dir, path, size, err);
    if (fd < 0) return {};
    reserve(size, 0);
    size_t done = read_upto(fd, data_.get(), size, err);
    if (size == 0 && err == 0)
        while (true) {
            reserve(done + 65536, done);
            const ssize_t n = ::read(fd, data_.get() + done, cap_ - done);
            if (n < 0) { if (errno == EINTR) continue; err = errno; break; }
            if (n == 0) break;
            done += static_cast<size_t>(n);
        }
    ::close(fd);
    return {data_.get(), done};
}

void FileBuffer::reserve(size_t n, size_t keep) {
    if (n <= cap_ && data_) return;
    const size_t cap = std::max({n, cap_ * 2, size_t{4096}});
    std::unique_ptr<char[]> bigger(new char[cap]);
    if (keep) std::memcpy(bigger.get(), data_.get(), keep);
    data_ = std::move(bigger);
    cap_ = cap;
}

std::string read_file(const std::string& path) {
    int err = 0;
    return read_file(path, err);
}

namespace {
void cannot_read_file(int err, const std::string& shown, Diagnostics& diags) {
    const char* why = err == ELOOP ? "it is a symlink, which costbook does not follow"
                      : err == EINVAL ? "it is not a regular file (a FIFO, a device, ...)"
                                      : std::strerror(err);
    diags.error(shown, 0, 0, std::string("cannot read this file: ") + why,
                err == ELOOP || err == EINVAL ? "put a regular file here" : "check that it exists and is readable");
}
}  // namespace

bool read_site_file(const std::string& path, const std::string& shown, std::string& text, Diagnostics& diags) {
    int err = 0;
    text = read_file(path, err);
    if (err == 0) return true;
    cannot_read_file(err, shown, diags);
    return false;
}

bool read_site_file(const std::string& path, const std::string& shown, FileBuffer& buf, std::string_view& text, Diagnostics& diags, int dir) {
    int err = 0;
    text = buf.read(path, err, dir);
    if (err == 0) return true;
    cannot_read_file(err, shown, diags);
    return false;
}

namespace {

// One folder's entries, by readdir and the type it gives: std::filesystem's iterators and its
// path parts cost about 5,000 instructions an entry, this a few hundred (1% of a 1,000-page build).
// `rel` is the folder under the listing's root, "" or ending in '/'.
struct Walk {
    const std::string& prefix;   // the listing's folder as given, ending in '/'
    const std::string& shown;
    const Listing& how;
    Diagnostics& diags;
    std::vector<fs::path>& out;

    void cannot_read(const std::string& rel, int err) {
        diags.error(rel.empty() ? shown : shown + "/" + rel.substr(0, rel.size() - 1), 0, 0,
                    "cannot read this folder: " + std::error_code(err, std::system_category()).message(), "check its permissions");
    }

    void folder(const std::string& rel) {
        const std::string path = prefix + rel;
        DIR* d = ::opendir(path.c_str());
        if (!d) { cannot_read(rel, errno); return; }
        std::vector<std::string> subfolders;
        for (const dirent* e; errno = 0, (e = ::readdir(d)) != nullptr;) {
            const std::string_view name = e->d_name;
            if (name == "." || name == "..") continue;
            unsigned char type = e->d_type;
            if (type == DT_UNKNOWN) {   // a file system that does not say: ask, without following a symlink
                struct stat st {};
                type = ::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ? DT_UNKNOWN
                       : S_ISLNK(st.st_mode)                                           ? DT_LNK
                       : S_ISDIR(st.st_mode)                                           ? DT_DIR
                       : S_ISREG(st.st_mode)                                           ? DT_REG
                                                                                       : DT_UNKNOWN;
            }
            const std::string inner = rel + std::string(name);
            if (type == DT_LNK) {   // refused, and never walked into
                diags.error(shown + "/" + inner, 0, 0, how.symlink_message, how.symlink_help);
            } else if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
                // A newline or other control character in a name is never meant, and no URL holds it.
                diags.error(shown + "/" + inner, 0, 0, "this name holds a control character (a newline, a tab, ...)",
                            "rename it to plain characters");
            } else if (type == DT_DIR) {
                if (how.recursive) subfolders.push_back(inner + "/");
            } else if (type == DT_REG) {
                // fs::path::extension()'s rule: from the last '.', unless the name starts with it.
                const size_t dot = name.rfind('.');
                if (how.ext.empty() || (dot != std::string_view::npos && dot > 0 && name.substr(dot) == how.ext))
                    out.emplace_back(prefix + inner);
            }
        }
        const int err = errno;
        ::closedir(d);
        if (err) cannot_read(rel, err);
        for (const std::string& sub : subfolders) folder(sub);
    }
};

}  // namespace

std::vector<fs::path> list_files(const fs::path& dir, const std::string& shown, const Listing& how, Diagnostics& diags) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    std::string prefix = dir.native();
    if (prefix.back() != '/') prefix += '/';   // dir / name, as fs::path joins them
    Walk{prefix, shown, how, diags, out}.folder("");
    // In fs::path's order (part by part) without its cost: a '/' sorts before every other byte.
    // Every path starts with the same prefix, so the comparison starts after it.
    const size_t common = prefix.size();
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
