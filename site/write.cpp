#include "write.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <set>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;

namespace costbook::site {

bool safe_relative(const std::string& path) {
    if (path.empty() || path.front() == '/' || path.find('\0') != std::string::npos || path.find('\\') != std::string::npos)
        return false;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        const std::string part = path.substr(start, slash - start);
        if (part.empty() || part == "." || part == "..") return false;
        start = slash + 1;
    }
    return true;
}

namespace {

Diagnostic io_error(const std::string& path, const std::string& what, int err) {
    Diagnostic d;
    d.path = path;
    d.message = what + ": " + std::strerror(err);
    d.note = "the previous output is untouched";
    if (err == ENOSPC) d.help = "free some disk space and build again";
    else if (err == EACCES || err == EROFS || err == EPERM) d.help = "check that the output folder's parent is writable";
    return d;
}

bool write_bytes(const fs::path& p, const std::string& bytes, int& err) {
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) { err = errno; return false; }
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            err = errno;
            ::close(fd);
            return false;
        }
        done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0) { err = errno; return false; }
    return true;
}

std::vector<pid_t>& cleanups() {
    static std::vector<pid_t> pids;
    return pids;
}

void delete_in_background(const fs::path& p) {
    pid_t pid = 0;
    const std::string path = p.string();
    char* argv[] = {const_cast<char*>("rm"), const_cast<char*>("-rf"), const_cast<char*>("--"), const_cast<char*>(path.c_str()), nullptr};
    if (::posix_spawnp(&pid, "rm", nullptr, nullptr, argv, environ) == 0) cleanups().push_back(pid);
    else { std::error_code ec; fs::remove_all(p, ec); }
}

}  // namespace

void reap_cleanups() {
    auto& pids = cleanups();
    for (auto it = pids.begin(); it != pids.end();) {
        int status = 0;
        if (::waitpid(*it, &status, WNOHANG) != 0) it = pids.erase(it);
        else ++it;
    }
}

bool write_output(const std::string& out_dir, const std::vector<OutFile>& files, Diagnostics& diags) {
    reap_cleanups();
    std::error_code ec;
    const fs::path out = fs::absolute(fs::path(out_dir)).lexically_normal();
    const fs::path clean = out.filename().empty() ? out.parent_path() : out;
    const fs::path parent = clean.parent_path();
    const std::string name = clean.filename().string();
    if (fs::exists(clean, ec) && (!fs::is_directory(clean, ec) || fs::is_symlink(clean, ec))) {
        Diagnostic d;
        d.path = out_dir;
        d.message = "the output path exists and is not a folder";
        d.help = "remove it, or pass another --out";
        diags.add(std::move(d));
        return false;
    }
    fs::create_directories(parent, ec);
    // Unique per build: a background `rm` of an earlier build's tree may still be running.
    static int serial = 0;
    const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(serial++);
    const fs::path tmp = parent / ("." + name + ".costbook-new-" + tag);
    fs::remove_all(tmp, ec);
    if (!fs::create_directory(tmp, ec)) {
        diags.add(io_error(tmp.string(), "cannot create the build folder", ec.value() ? ec.value() : EACCES));
        return false;
    }
    const auto fail = [&](Diagnostic d) {
        diags.add(std::move(d));
        std::error_code ignored;
        fs::remove_all(tmp, ignored);
        return false;
    };
    std::set<std::string> dirs;
    for (const OutFile& f : files) {
        if (!safe_relative(f.path)) {
            Diagnostic d;
            d.path = f.path;
            d.message = "refusing to write outside the output folder";
            return fail(d);
        }
        const fs::path target = tmp / f.path;
        const std::string dir = target.parent_path().string();
        if (dirs.insert(dir).second) {
            fs::create_directories(target.parent_path(), ec);
            if (ec) return fail(io_error(f.path, "cannot create a folder", ec.value()));
        }
        int err = 0;
        if (!f.copy_from.empty()) {
            fs::copy_file(f.copy_from, target, fs::copy_options::overwrite_existing, ec);
            if (ec) return fail(io_error(f.path, "cannot copy " + f.copy_from, ec.value()));
        } else if (!write_bytes(target, f.bytes, err)) {
            return fail(io_error(f.path, "cannot write", err));
        }
    }
    if (fs::exists(clean, ec)) {
        if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, clean.c_str(), RENAME_EXCHANGE) != 0) {
            // Filesystems without RENAME_EXCHANGE: two renames, a moment without output.
            const fs::path old = parent / ("." + name + ".costbook-old-" + tag);
            if (::rename(clean.c_str(), old.c_str()) != 0 || ::rename(tmp.c_str(), clean.c_str()) != 0)
                return fail(io_error(out_dir, "cannot swap in the new output", errno));
            delete_in_background(old);
            return true;
        }
        delete_in_background(tmp);  // now holds the previous output
    } else if (::rename(tmp.c_str(), clean.c_str()) != 0) {
        return fail(io_error(out_dir, "cannot move the new output into place", errno));
    }
    return true;
}

}  // namespace costbook::site
