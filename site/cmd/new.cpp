// costbook new PATH: a working starter site from the files embedded in the binary.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cmd/cli.h"
#include "cmd/report.h"
#include "load/embedded.h"

namespace fs = std::filesystem;

namespace costbook::site {

namespace {
// What a build leaves in the site folder, kept out of the site's repository (README: Publishing):
// the output, and beside it its staging copy (the output before last), lock and file lists.
constexpr char kGitignore[] =
    "# costbook build's output, and what it keeps beside it: the output before last (a full copy),\n"
    "# its lock and its lists of files. A build into --out DIR keeps the same beside DIR.\n"
    "/public/\n"
    "/.public.costbook-*\n";
}  // namespace

int cmd_new(const std::string& path) {
    // An unset variable (`costbook new "$DIR"`) must not write the starter over the current folder.
    if (path.find_first_not_of(" \t\r\n") == std::string::npos) {
        print_error("costbook new needs the name of a folder to create", "costbook new my-site");
        return kExitUsage;
    }
    std::error_code ec;
    const fs::path root(path);
    if (fs::exists(root, ec) && !(fs::is_directory(root, ec) && fs::is_empty(root, ec))) {
        print_error(path + " already exists and is not empty", "pick a new folder name; costbook never overwrites a site");
        return kExitUsage;
    }
    int n = 0;
    for (const EmbeddedFile* f = kStarterFiles; f->path; ++f, ++n) {
        const fs::path target = root / f->path;
        fs::create_directories(target.parent_path(), ec);
        std::ofstream out(target, std::ios::binary);
        out.write(reinterpret_cast<const char*>(f->data), static_cast<std::streamsize>(f->size));
        if (!out) {
            print_error("cannot write " + target.string());
            return kExitBadInput;
        }
    }
    {
        const fs::path target = root / ".gitignore";
        std::ofstream out(target, std::ios::binary);
        out << kGitignore;
        if (!out) {
            print_error("cannot write " + target.string());
            return kExitBadInput;
        }
        ++n;
    }
    std::cout << "created " << path << " (" << n << " files)\n"
              << "  costbook build --site " << path << "    renders it into " << (root / "public").string() << "\n"
              << "  costbook serve --site " << path << "    serves it and reloads on save\n"
              << "  costbook check --site " << path << "    checks every link, anchor and figure\n"
              << "  costbook help figures --site " << path << "    the figure keys, with examples from its data (also: help data, help tabs)\n";
    return kExitOk;
}

}  // namespace costbook::site
