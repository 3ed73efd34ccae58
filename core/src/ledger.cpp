#include "costbook/ledger.h"

#include <cmath>
#include <set>

namespace costbook {

double total_gpu_hours(const Ledger& l) {
    double sum = 0;
    for (const Stage& s : l.stages) sum += s.gpu_hours;
    return sum;
}

double stage_cost_usd(const Stage& s, double usd_per_gpu_hour) { return s.gpu_hours * usd_per_gpu_hour; }

double total_cost_usd(const Ledger& l, double usd_per_gpu_hour) {
    double sum = 0;
    for (const Stage& s : l.stages) sum += stage_cost_usd(s, usd_per_gpu_hour);
    return sum;
}

double wall_gpu_hours(const Stage& s) {
    return (s.gpus > 0 && s.wall_hours > 0) ? s.gpus * s.wall_hours : 0;
}

Result<Ledger> check_ledger(const Ledger& l) {
    std::set<std::string> seen;
    for (const Stage& s : l.stages) {
        const std::string at = "stages." + s.id;
        if (!seen.insert(s.id).second)
            return Result<Ledger>::fail("stage `" + s.id + "` appears twice", "give each stage its own id", at);
        const struct { const char* name; double v; } fields[] = {
            {"gpu_hours", s.gpu_hours}, {"gpus", s.gpus}, {"wall_hours", s.wall_hours}};
        for (const auto& f : fields)
            if (!std::isfinite(f.v) || f.v < 0)
                return Result<Ledger>::fail(std::string("`") + f.name + "` must be a finite number, 0 or more",
                                            {}, at + "." + f.name);
    }
    if (!std::isfinite(l.usd_per_gpu_hour) || l.usd_per_gpu_hour < 0)
        return Result<Ledger>::fail("the rental rate must be a finite number, 0 or more", {}, "rate");
    return Result<Ledger>::ok(l);
}

}  // namespace costbook
