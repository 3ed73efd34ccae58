// libFuzzer: any bytes as a model file in an otherwise valid data folder give data or
// diagnostics with positions, never a crash. A first byte of 1, 2 or 3 makes the rest a run
// file (data/runs/), data/tasks.toml or a price file instead; data that loads is then fitted
// (the default-MFU fit, its leave-one-out) and priced per task.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "compute/fit.h"
#include "compute/prices.h"
#include "load/data.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / ("costbook-fuzz-data-" + std::to_string(::getpid()));
        fs::remove_all(d);
        fs::create_directories(d / "models");
        fs::create_directories(d / "runs");
        fs::create_directories(d / "prices");
        fs::copy_file(COSTBOOK_SOURCE_DIR "/data/sources.toml", d / "sources.toml");
        fs::copy_file(COSTBOOK_SOURCE_DIR "/data/developers.toml", d / "developers.toml");
        fs::create_directories(d / "gpus");
        fs::copy_file(COSTBOOK_SOURCE_DIR "/data/gpus/h800.toml", d / "gpus/h800.toml");
        return d;
    }();
    static const char* const targets[] = {"models/fuzz.toml", "runs/fuzz.toml", "tasks.toml", "prices/fuzz.toml"};
    int kind = size > 0 && data[0] >= 1 && data[0] <= 3 ? data[0] : 0;
    if (kind) { ++data; --size; }
    for (const char* t : targets) fs::remove(dir / t);
    {
        std::ofstream f(dir / targets[kind], std::ios::binary | std::ios::trunc);
        f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    costbook::site::Diagnostics diags;
    if (const auto d = costbook::site::load_data(dir.string(), "data/", diags)) {
        (void)costbook::leave_one_out(costbook::site::run_points(*d));
        (void)costbook::leave_one_group_out(costbook::site::run_points(*d));
        (void)costbook::site::mfu_fit(*d);
        (void)costbook::site::task_table(*d, d->cny_per_usd > 0 ? d->cny_per_usd : 7);
    }
    std::ostringstream out;
    diags.print(out);
    return 0;
}
