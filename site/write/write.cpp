#include "write/write.h"

#include "files.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <atomic>
#include <mutex>
#include <optional>
#include <set>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
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
        const std::string_view part = std::string_view(path).substr(start, slash - start);
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
    if (err == ENOSPC || err == EDQUOT) d.help = "free some disk space and build again";
    else if (err == EFBIG) d.help = "a file-size limit (`ulimit -f`) is below this file's size: raise it and build again";
    else if (err == EACCES || err == EROFS || err == EPERM) d.help = "check that the output folder's parent is writable";
    return d;
}

// Sets a file's or folder's modification time (SOURCE_DATE_EPOCH); false with errno set.
bool set_mtime(const fs::path& p, std::int64_t seconds) {
    const struct timespec times[2] = {{static_cast<time_t>(seconds), 0}, {static_cast<time_t>(seconds), 0}};
    return ::utimensat(AT_FDCWD, p.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0;
}

// `p` relative to the folder `dir` (AT_FDCWD: as given). The staging tree's files are written
// relative to its folder: the kernel walks "posts/a/index.html", not the whole absolute path, twice
// a page (its folder, then its file).
bool write_bytes(int dir, const char* p, const std::string& bytes, int& err) {
    const int fd = ::openat(dir, p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
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

// A folder of the staging tree; a file of the old tree standing where it goes is replaced.
// Failures are left to the write into it, which says why.
void make_folder(int at, const std::string& dir) {
    if (::mkdirat(at, dir.c_str(), 0755) == 0 || errno != EEXIST) return;
    struct stat sb {};
    if (::fstatat(at, dir.c_str(), &sb, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(sb.st_mode)) {
        ::unlinkat(at, dir.c_str(), 0);
        ::mkdirat(at, dir.c_str(), 0755);
    }
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

namespace {

// The manifest lists the output's files, each ending in NUL: no path holds a NUL (safe_relative),
// while a newline may be part of a file name. A manifest of costbook 0.1 ends its paths in '\n'
// instead; it is read that way when it holds no NUL. Entries that are not safe relative paths
// are dropped: nothing a build deletes may lie outside its output.
std::set<std::string> read_manifest(const fs::path& p, bool& ok) {
    std::set<std::string> files;
    int err = 0;
    ok = false;
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return files;
    ::close(fd);
    const std::string text = read_file(p.string(), err);
    ok = err == 0;
    const char end = text.find('\0') != std::string::npos ? '\0' : '\n';
    for (size_t start = 0, at; (at = text.find(end, start)) != std::string::npos; start = at + 1) {
        std::string path = text.substr(start, at - start);
        if (safe_relative(path)) files.emplace_hint(files.end(), std::move(path));   // written sorted: each goes last
    }
    return files;
}

bool write_manifest(const fs::path& p, const std::set<std::string>& files) {
    std::string text;
    for (const std::string& f : files) {
        text += f;
        text += '\0';
    }
    int err = 0;
    const fs::path tmp = p.string() + ".tmp";
    return write_bytes(AT_FDCWD, tmp.c_str(), text, err) && ::rename(tmp.c_str(), p.c_str()) == 0;
}

// True when `rel` names a place inside `root` through folders only: no part of the way is a
// symlink (which could lead out of the tree), so unlinking it cannot touch anything outside.
bool inside_tree(const fs::path& root, const std::string& rel) {
    fs::path at = root;
    const fs::path r(rel);
    for (auto it = r.begin(); it != r.end(); ++it) {
        if (std::next(it) == r.end()) break;   // the last part itself is unlinked, never followed
        at /= *it;
        struct stat st {};
        if (::lstat(at.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
    }
    return true;
}

// True when `target` already holds exactly these bytes: an unchanged file is not rewritten,
// so its mtime survives and rsync-style deploys upload only what changed.
bool same_bytes(int dir, const char* target, const std::string& bytes) {
    const int fd = ::openat(dir, target, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return false;
    struct stat st {};
    bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) == bytes.size();
    if (same && !bytes.empty()) {
        std::string buf(bytes.size(), '\0');
        size_t done = 0;
        while (done < buf.size()) {
            const ssize_t n = ::read(fd, buf.data() + done, buf.size() - done);
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        same = done == buf.size() && buf == bytes;
    }
    ::close(fd);
    return same;
}

// Files in the output that costbook did not write (a gh-pages worktree's .git, a CNAME) are kept,
// build after build: before the swap they move from the output into the new tree, unless the new
// output writes that very path (then the site's own file wins). `owned`: what the last build wrote.
void keep_foreign(const fs::path& out, const fs::path& stage, const std::set<std::string>& owned,
                  const std::set<std::string>& new_files, const std::set<std::string>& new_dirs) {
    std::set<std::string> owned_dirs;
    for (const std::string& p : owned)
        for (size_t slash = p.find('/'); slash != std::string::npos; slash = p.find('/', slash + 1)) owned_dirs.insert(p.substr(0, slash));
    std::vector<std::string> foreign;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(out, fs::directory_options::none, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const std::string rel = it->path().lexically_relative(out).generic_string();
        std::error_code q;
        const bool dir = it->is_directory(q) && !it->is_symlink(q);
        if (dir ? owned_dirs.count(rel) != 0 : owned.count(rel) != 0) continue;
        if (dir) it.disable_recursion_pending();
        if (!new_files.count(rel) && !new_dirs.count(rel)) foreign.push_back(rel);
    }
    for (const std::string& rel : foreign) {
        const fs::path to = stage / rel;
        fs::create_directories(to.parent_path(), ec);
        ::rename((out / rel).c_str(), to.c_str());
    }
}

// An exclusive flock on a lock file beside the output, held for one write_output; waits up to
// kLockWaitSeconds for another build to let go. The kernel drops it if the process dies.
constexpr int kLockWaitSeconds = 60;
class OutputLock {
public:
    explicit OutputLock(const fs::path& p) : fd_(::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644)) {
        // No lock file where nothing can be written: the write itself then fails, saying why.
        if (fd_ < 0) return;
        for (int waited = 0; ::flock(fd_, LOCK_EX | LOCK_NB) != 0; waited += 50) {
            if (errno != EWOULDBLOCK || waited >= kLockWaitSeconds * 1000) { busy_ = true; return; }
            ::usleep(50 * 1000);
        }
    }
    ~OutputLock() { if (fd_ >= 0) ::close(fd_); }
    OutputLock(const OutputLock&) = delete;
    OutputLock& operator=(const OutputLock&) = delete;
    bool busy() const { return busy_; }   // another build held it all the while
private:
    int fd_;
    bool busy_ = false;
};

}  // namespace

struct OutputWriter::State {
    std::string out_dir;
    fs::path clean, parent, stage, stage_manifest, out_manifest;
    std::string stage_slash;                    // the staging tree's path and a '/', for joining
    int stage_fd = -1;                          // the staging tree's folder, which put() writes relative to
    std::string name;
    std::optional<OutputLock> lock;
    std::set<std::string> old_files;            // what the staging tree held when the build began
    bool fresh_stage = false;                    // begin() made the staging tree (it held nothing)
    bool finished = false;
    std::mutex m;                                // guards the three below
    std::set<std::string> new_files, dirs;      // written so far, and the folders made for them
    Diagnostics failure;                         // the first file that could not be written
    std::atomic<bool> failed{false};

    // A file of the output as the user would find it once swapped in: "public/css/site.css".
    std::string shown(const std::string& rel) const { return rel.empty() ? out_dir : (fs::path(out_dir) / rel).string(); }
    void fail(Diagnostic d) {
        std::lock_guard<std::mutex> guard(m);
        if (!failed) failure.add(std::move(d));
        failed = true;
    }
    ~State() {
        if (stage_fd >= 0) ::close(stage_fd);
    }
};

OutputWriter::OutputWriter() = default;

// Not finished: a page failed to render, or a file to be written. The output was never touched;
// the staging tree keeps what it holds for the next build, its manifest naming every file that
// may be in it (a staging tree this build made is removed).
OutputWriter::~OutputWriter() {
    if (!s_ || s_->finished) return;
    std::error_code ec;
    if (s_->fresh_stage) {
        fs::remove_all(s_->stage, ec);
        return;
    }
    std::set<std::string> held = std::move(s_->old_files);
    held.insert(s_->new_files.begin(), s_->new_files.end());
    if (!write_manifest(s_->stage_manifest, held)) ::unlink(s_->stage_manifest.c_str());
}

bool output_folder_ok(const std::string& out_dir, Diagnostics& diags) {
    std::error_code ec;
    const fs::path out = fs::absolute(fs::path(out_dir)).lexically_normal();
    const fs::path clean = out.filename().empty() ? out.parent_path() : out;
    if (fs::exists(clean, ec) && (!fs::is_directory(clean, ec) || fs::is_symlink(clean, ec))) {
        diags.error(out_dir, 0, 0, "the output path exists and is not a folder", "remove it, or pass another --out");
        return false;
    }
    // The output is swapped out whole and later recycled as the staging tree, whose files
    // are overwritten or deleted: a folder that no build wrote (`--out content`, `--out ~`)
    // would be lost. Only an empty folder or a previous output (it has a manifest) is replaced.
    const fs::path manifest = clean.parent_path() / ("." + clean.filename().string() + ".costbook-out.manifest");
    if (fs::is_directory(clean, ec) && !fs::is_empty(clean, ec) && !fs::exists(manifest, ec)) {
        Diagnostic d;
        d.path = out_dir;
        d.message = "refusing to replace a folder that costbook did not build: it would be lost";
        d.note = "a build replaces its output folder whole";
        d.help = "pass --out a new or empty folder, or delete this one first if nothing in it is needed";
        diags.add(std::move(d));
        return false;
    }
    return true;
}

bool output_outside_sources(const std::string& site_dir, const std::string& out_dir, Diagnostics& diags) {
    std::error_code ec;
    // Through symlinks where they exist (`--out link-to-static/x`), lexically past them.
    const auto real = [&](const fs::path& p) {
        fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
        if (ec) r = fs::absolute(p).lexically_normal();
        if (r.filename().empty()) r = r.parent_path();
        return r;
    };
    const fs::path out = real(out_dir);
    const fs::path site = real(site_dir.empty() ? "." : site_dir);
    const auto within = [](const fs::path& inner, const fs::path& outer) {
        auto i = inner.begin(), o = outer.begin();
        for (; o != outer.end(); ++i, ++o)
            if (i == inner.end() || *i != *o) return false;
        return true;
    };
    std::string where;
    if (out == site) where = "is the site folder itself";
    else if (within(site, out)) where = "holds the site folder";
    for (const std::string sub : {"content", "data", "templates", "static"}) {
        const fs::path source = real(fs::path(site_dir.empty() ? "." : site_dir) / sub);
        if (where.empty() && within(out, source))
            where = std::string(out == source ? "is" : "is inside") + " the site's " + sub + "/, which the build reads" +
                    (sub == "static" ? " and copies into the output: each build would copy the last one into itself" : "");
    }
    if (where.empty()) return true;
    Diagnostic d;
    d.path = out_dir;
    d.message = "the output folder " + where;
    d.help = "pass --out a folder outside content/, data/, templates/ and static/ (without --out: " +
             (fs::path(site_dir.empty() ? "." : site_dir) / "public").string() + ")";
    diags.add(std::move(d));
    return false;
}

bool OutputWriter::begin(const std::string& out_dir, Diagnostics& diags) {
    reap_cleanups();
    s_ = std::make_unique<State>();
    State& st = *s_;
    std::error_code ec;
    const fs::path out = fs::absolute(fs::path(out_dir)).lexically_normal();
    st.out_dir = out_dir;
    st.clean = out.filename().empty() ? out.parent_path() : out;
    st.parent = st.clean.parent_path();
    st.name = st.clean.filename().string();
    const fs::path& parent = st.parent;
    const std::string& name = st.name;
    st.stage = parent / ("." + name + ".costbook-stage");
    st.stage_slash = st.stage.native() + "/";
    st.stage_manifest = parent / ("." + name + ".costbook-stage.manifest");
    st.out_manifest = parent / ("." + name + ".costbook-out.manifest");
    const fs::path& stage = st.stage;
    st.finished = true;   // until the staging tree is ready, there is nothing to leave behind
    if (!output_folder_ok(out_dir, diags)) return false;
    fs::create_directories(parent, ec);
    // One build at a time per output folder (two `costbook build`s, or `serve --out` beside a
    // build): they would share the staging tree. A second build waits for the first.
    st.lock.emplace(parent / ("." + name + ".costbook-lock"));
    if (st.lock->busy()) {
        diags.error(out_dir, 0, 0, "another costbook build has been writing this output for " +
                                       std::to_string(kLockWaitSeconds) + " s",
                    "wait for it to finish (or stop it), then build again").note = "nothing was written";
        return false;
    }
    // Two trees live side by side: the output, and a staging tree beside it that holds the
    // output before last. A build rewrites the staging tree into the new output (unchanged
    // files are left alone, files no longer produced are removed) and swaps the two. Nothing
    // is deleted wholesale, and the previous output is untouched until the swap.
    bool have_manifest = false;
    st.old_files = read_manifest(st.stage_manifest, have_manifest);
    ::unlink(st.stage_manifest.c_str());  // while we write, the staging tree is in no known state
    if (!have_manifest || !fs::is_directory(stage, ec) || fs::is_symlink(stage, ec)) {
        if (fs::exists(stage, ec) || fs::is_symlink(stage, ec)) {
            static int serial = 0;
            const fs::path trash = parent / ("." + name + ".costbook-trash-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
            if (::rename(stage.c_str(), trash.c_str()) == 0) delete_in_background(trash);
            else fs::remove_all(stage, ec);
        }
        st.old_files.clear();
        if (!fs::create_directory(stage, ec)) {
            diags.add(io_error(stage.string(), "cannot create the build folder", ec.value() ? ec.value() : EACCES));
            return false;
        }
        st.fresh_stage = true;
    }
    st.stage_fd = ::open(stage.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (st.stage_fd < 0) {
        diags.add(io_error(stage.string(), "cannot open the build folder", errno));
        if (st.fresh_stage) fs::remove_all(stage, ec);
        return false;
    }
    st.finished = false;
    return true;
}

bool OutputWriter::put(const std::string& path, const std::string& bytes) {
    State& st = *s_;
    if (st.failed) return false;
    if (!safe_relative(path)) {
        Diagnostic d;
        d.path = path;
        d.message = "refusing to write outside the output folder";
        st.fail(std::move(d));
        return false;
    }
    // Its folders, each made once, outside the lock (two threads waited on each other's mkdir):
    // a folder another thread has claimed but not made yet shows as ENOENT (or ENOTDIR while a
    // file of the old tree still stands there), and then this put makes every folder of its path.
    std::vector<std::string> fresh;
    {
        std::lock_guard<std::mutex> guard(st.m);
        st.new_files.insert(path);
        for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
            std::string d = path.substr(0, slash);
            if (st.dirs.insert(d).second) fresh.push_back(std::move(d));
        }
    }
    // Paths joined as strings: fs::path's operator/ splits both sides into parts on every call.
    for (const std::string& d : fresh) make_folder(st.stage_fd, d);
    int err = 0;
    if (st.old_files.count(path) && same_bytes(st.stage_fd, path.c_str(), bytes)) return true;
    if (!write_bytes(st.stage_fd, path.c_str(), bytes, err) && (err == ENOENT || err == ENOTDIR)) {
        for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
            make_folder(st.stage_fd, path.substr(0, slash));
        err = 0;
        write_bytes(st.stage_fd, path.c_str(), bytes, err);
    }
    if (err == EISDIR) {
        std::error_code ec;
        fs::remove_all(st.stage_slash + path, ec);   // a folder of the old tree where a file goes now
        err = 0;
        write_bytes(st.stage_fd, path.c_str(), bytes, err);
    }
    if (err == 0) return true;
    st.fail(io_error(st.shown(path), "cannot write this file of the new output", err));
    return false;
}

bool OutputWriter::finish(const std::vector<OutFile>& rest, Diagnostics& diags, std::optional<std::int64_t> mtime) {
    State& st = *s_;
    std::atomic<size_t> next{0};
    const auto worker = [&] {
        for (size_t i = next++; i < rest.size() && !st.failed; i = next++) {
            const OutFile& f = rest[i];
            if (f.copy_from.empty()) { put(f.path, f.bytes); continue; }
            int err = 0;
            const std::string copied = read_file(f.copy_from, err);
            if (err == 0) put(f.path, copied);
            else st.fail(io_error(st.shown(f.path), "cannot copy " + f.copy_from, err));
        }
    };
    std::thread helper(worker);
    worker();
    helper.join();
    const fs::path& stage = st.stage;
    // Files of the output before last that this one does no longer has, and the folders they leave empty.
    if (!st.failed)
        for (const std::string& p : st.old_files) {
            if (st.new_files.count(p) || !inside_tree(stage, p)) continue;
            fs::path gone = stage / p;
            ::unlink(gone.c_str());
            for (gone = gone.parent_path(); gone != stage && ::rmdir(gone.c_str()) == 0;) gone = gone.parent_path();
        }
    // SOURCE_DATE_EPOCH: every file and folder of the output gets that time, written or not,
    // so an archive or rsync of two builds of the same input is identical to the byte.
    if (mtime) {
        const auto stamp = [&](const std::string& rel) {
            if (st.failed || set_mtime(rel.empty() ? stage : stage / rel, *mtime)) return;
            const int err = errno;
            st.fail(io_error(st.shown(rel), "cannot set the modification time", err));
        };
        for (const std::string& f : st.new_files) stamp(f);
        for (const std::string& d : st.dirs) stamp(d);
        stamp("");   // the output folder itself
    }
    st.finished = true;
    std::error_code ec;
    if (st.failed) {
        diags.merge(std::move(st.failure));
        // A half-written staging tree is of no use (the next build would start it afresh),
        // and on a full disk it holds space the user needs back: remove it now.
        fs::remove_all(stage, ec);
        return false;
    }
    const fs::path& clean = st.clean;
    const fs::path& parent = st.parent;
    const std::string& name = st.name;
    bool had_out_manifest = false;
    // The output's manifest says what of it costbook wrote, for the files it did not write: read
    // when there is an output (a manifest left beside a deleted output describes nothing).
    const bool have_out = fs::exists(clean, ec);
    const std::set<std::string> owned = have_out ? read_manifest(st.out_manifest, had_out_manifest) : std::set<std::string>();
    if (had_out_manifest) keep_foreign(clean, stage, owned, st.new_files, st.dirs);
    if (have_out) {
        if (::renameat2(AT_FDCWD, stage.c_str(), AT_FDCWD, clean.c_str(), RENAME_EXCHANGE) != 0) {
            // Filesystems without RENAME_EXCHANGE: two renames, a moment without output.
            static int serial = 0;
            const fs::path old = parent / ("." + name + ".costbook-old-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
            if (::rename(clean.c_str(), old.c_str()) != 0 || ::rename(stage.c_str(), clean.c_str()) != 0) {
                diags.add(io_error(st.out_dir, "cannot swap in the new output", errno));
                return false;
            }
            delete_in_background(old);
        } else if (had_out_manifest) {
            // The tree now at `stage` is the previous output, which the out manifest describes.
            ::rename(st.out_manifest.c_str(), st.stage_manifest.c_str());
        }
    } else if (::rename(stage.c_str(), clean.c_str()) != 0) {
        diags.add(io_error(st.out_dir, "cannot move the new output into place", errno));
        return false;
    }
    if (!write_manifest(st.out_manifest, st.new_files)) ::unlink(st.out_manifest.c_str());
    return true;
}

bool write_output(const std::string& out_dir, const std::vector<OutFile>& files, Diagnostics& diags,
                  std::optional<std::int64_t> mtime) {
    for (const OutFile& f : files) {
        if (safe_relative(f.path)) continue;
        diags.error(f.path, 0, 0, "refusing to write outside the output folder");
        return false;
    }
    OutputWriter writer;
    return writer.begin(out_dir, diags) && writer.finish(files, diags, mtime);
}

}  // namespace costbook::site

namespace costbook::site {

bool update_output(const std::string& out_dir, const std::vector<OutFile>& files, Diagnostics& diags,
                   std::vector<std::string>* written) {
    const fs::path out = fs::absolute(fs::path(out_dir)).lexically_normal();
    const fs::path clean = out.filename().empty() ? out.parent_path() : out;
    const std::string name = clean.filename().string();
    const OutputLock lock(clean.parent_path() / ("." + name + ".costbook-lock"));
    if (lock.busy()) {
        diags.error(out_dir, 0, 0, "another costbook build has been writing this output for " +
                                       std::to_string(kLockWaitSeconds) + " s",
                    "wait for it to finish (or stop it), then build again").note = "nothing was written";
        return false;
    }
    for (const OutFile& f : files) {
        if (!safe_relative(f.path) || !inside_tree(clean, f.path)) {
            diags.error(f.path, 0, 0, "refusing to write outside the output folder", "");
            return false;
        }
        const fs::path target = clean / f.path;
        if (same_bytes(AT_FDCWD, target.c_str(), f.bytes)) continue;
        // Beside the target, then renamed over it: a request never reads half a page.
        const fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".costbook-new");
        int err = 0;
        if (!write_bytes(AT_FDCWD, tmp.c_str(), f.bytes, err) || (::rename(tmp.c_str(), target.c_str()) != 0 && (err = errno))) {
            ::unlink(tmp.c_str());
            diags.add(io_error((clean / f.path).string(), "cannot write", err));
            return false;
        }
        if (written) written->push_back(f.path);
    }
    return true;
}

}  // namespace costbook::site
