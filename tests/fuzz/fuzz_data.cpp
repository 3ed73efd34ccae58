// libFuzzer: any bytes as a model file in an otherwise valid data folder give data or
// diagnostics with positions, never a crash. A first byte of 1, 2, 3 or 4 makes the rest a run
// file (data/runs/), data/tasks.toml, a price file or a ladder (data/ladders/, over the two
// DeepSeek models and the fleet copied in) instead; data that loads is then fitted (the
// default-MFU fit, its leave-one-out), priced per task and its ladders computed.
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
        fs::create_directories(d / "ladders");
        fs::create_directories(d / "fleet");
        fs::copy_file(COSTBOOK_SOURCE_DIR "/data/models/deepseek-r1.toml", d / "models/deepseek-r1.toml");
        fs::copy_file(COSTBOOK_SOURCE_DIR "/data/models/deepseek-v3.toml", d / "models/deepseek-v3.toml");
        fs::copy_file(COSTBOOK_SOURCE_DIR "/data/fleet/deepseek.toml", d / "fleet/deepseek.toml");
        return d;
    }();
    static const char* const targets[] = {"models/fuzz.toml", "runs/fuzz.toml", "tasks.toml", "prices/fuzz.toml", "ladders/fuzz.toml"};
    int kind = size > 0 && data[0] >= 1 && data[0] <= 4 ? data[0] : 0;
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
        (void)costbook::site::task_table(*d);
        for (const std::string& date : d->task_dates) (void)costbook::site::task_table(*d, date);
        for (const costbook::site::LadderData& l : d->ladders) {
            costbook::LadderInputs in;
            in.spec = &l.spec;
            in.usd_per_gpu_hour = 2;
            for (size_t i = 0; i < l.rungs.size() && i < in.values.size(); ++i) in.values[i] = l.rungs[i].value.likely;
            (void)costbook::compute_ladder(in, l.spec.all());
        }
    }
    std::ostringstream out;
    diags.print(out);
    return 0;
}
