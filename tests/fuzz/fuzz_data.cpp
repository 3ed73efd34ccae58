// libFuzzer: any bytes as a model file in an otherwise valid data folder give data or
// diagnostics with positions, never a crash.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "data.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const fs::path dir = [] {
        const fs::path d = fs::temp_directory_path() / ("costbook-fuzz-data-" + std::to_string(::getpid()));
        fs::remove_all(d);
        fs::create_directories(d / "models");
        fs::copy_file(COSTBOOK_SOURCE_DIR "/data/sources.toml", d / "sources.toml");
        fs::create_directories(d / "gpus");
        fs::copy_file(COSTBOOK_SOURCE_DIR "/data/gpus/h800.toml", d / "gpus/h800.toml");
        return d;
    }();
    {
        std::ofstream f(dir / "models/fuzz.toml", std::ios::binary | std::ios::trunc);
        f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    costbook::site::Diagnostics diags;
    (void)costbook::site::load_data(dir.string(), "data/", diags);
    std::ostringstream out;
    diags.print(out);
    return 0;
}
