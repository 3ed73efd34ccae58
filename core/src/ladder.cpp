#include "costbook/ladder.h"

#include <cstdlib>

namespace costbook {

std::string percent_encode(std::string_view s, std::string_view reserved) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : s) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (c == '%' || reserved.find(c) != std::string_view::npos || u < 0x20 || u == 0x7F) {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    return out;
}

namespace {
const char* const kKindIds[kRungKindCount] = {"gpu_hours", "multiple", "fixed", "stands_in"};

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}
bool is_name(std::string_view v) {
    if (v.empty() || v.size() > 64) return false;
    for (char c : v) if (!is_name_char(c)) return false;
    return true;
}

std::string encode_label(std::string_view s) { return percent_encode(s, ";:"); }

std::string decode_label(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            const std::string hex(s.substr(i + 1, 2));
            char* end = nullptr;
            const long v = std::strtol(hex.c_str(), &end, 16);
            if (end == hex.c_str() + 2) { out.push_back(static_cast<char>(v)); i += 2; continue; }
        }
        out.push_back(s[i]);
    }
    return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        const size_t at = s.find(sep, start);
        out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) break;
        start = at + 1;
    }
    return out;
}
}  // namespace

const char* rung_kind_id(RungKind k) {
    const int i = static_cast<int>(k);
    return i >= 0 && i < kRungKindCount ? kKindIds[i] : "";
}

std::optional<RungKind> find_rung_kind(std::string_view id) {
    for (int i = 0; i < kRungKindCount; ++i)
        if (id == kKindIds[i]) return static_cast<RungKind>(i);
    return std::nullopt;
}

std::string rung_kind_ids() {
    std::string out;
    for (int i = 0; i < kRungKindCount; ++i) out += std::string(i ? ", " : "") + kKindIds[i];
    return out;
}

bool RungSpec::operator==(const RungSpec& o) const {
    return id == o.id && label == o.label && key == o.key && aliases == o.aliases && kind == o.kind && refs == o.refs && starts_on == o.starts_on;
}

unsigned LadderSpec::starting() const {
    unsigned on = 0;
    for (int i = 0; i < size(); ++i)
        if (rungs[static_cast<size_t>(i)].starts_on) on |= 1u << i;
    return on;
}

int LadderSpec::find(std::string_view rung_id) const {
    for (int i = 0; i < size(); ++i)
        if (rungs[static_cast<size_t>(i)].id == rung_id) return i;
    return -1;
}

int LadderSpec::find_key(std::string_view key) const {
    for (int i = 0; i < size(); ++i)
        if (rungs[static_cast<size_t>(i)].key == key) return i;
    for (int i = 0; i < size(); ++i)
        for (const std::string& a : rungs[static_cast<size_t>(i)].aliases)
            if (a == key) return i;
    return -1;
}

std::string LadderSpec::ids() const {
    std::string out;
    for (const RungSpec& r : rungs) out += (out.empty() ? "" : ", ") + r.id;
    return out;
}

Result<LadderSpec> check_ladder(LadderSpec spec) {
    using R = Result<LadderSpec>;
    if (!is_name(spec.id)) return R::fail("a ladder needs an id of lower-case letters, digits, `-`, `_` or `.`", {}, "id");
    if (spec.size() > kMaxRungs)
        return R::fail("ladder `" + spec.id + "` has " + std::to_string(spec.size()) + " rungs, more than " +
                           std::to_string(kMaxRungs),
                       "merge some rungs", "rungs");
    for (int i = 0; i < spec.size(); ++i) {
        const RungSpec& r = spec.rungs[static_cast<size_t>(i)];
        const std::string field = "rungs." + std::to_string(i);
        if (!is_name(r.id)) return R::fail("rung " + std::to_string(i + 1) + " needs an id", {}, field + ".id");
        if (!is_name(r.key)) return R::fail("rung `" + r.id + "` needs a scenario key", {}, field + ".key");
        if (r.label.empty()) return R::fail("rung `" + r.id + "` needs a label", {}, field + ".label");
        if (static_cast<int>(r.kind) < 0 || static_cast<int>(r.kind) >= kRungKindCount)
            return R::fail("rung `" + r.id + "` has an unknown kind", "rung kinds: " + rung_kind_ids(), field + ".kind");
        for (int j = 0; j < i; ++j) {
            if (spec.rungs[static_cast<size_t>(j)].id == r.id)
                return R::fail("rung id `" + r.id + "` appears twice", "give each rung its own id", field + ".id");
            if (spec.rungs[static_cast<size_t>(j)].key == r.key)
                return R::fail("scenario key `" + r.key + "` belongs to two rungs", "give each rung its own key", field + ".key");
        }
        for (const std::string& a : r.aliases) {
            if (!is_name(a)) return R::fail("rung `" + r.id + "` has an alias that is not a scenario key", {}, field + ".aliases");
            int owners = 0;
            for (const RungSpec& o : spec.rungs) {
                owners += o.key == a;
                for (const std::string& b : o.aliases) owners += b == a;
            }
            if (owners != 1)
                return R::fail("scenario key `" + a + "` is an alias of rung `" + r.id + "` and also another key or alias",
                               "an old key reads as one rung only", field + ".aliases");
        }
        const unsigned earlier = i == 0 ? 0u : (~0u >> (32 - i));
        const bool needs_refs = r.kind == RungKind::multiple || r.kind == RungKind::stands_in;
        if (needs_refs && r.refs == 0)
            return R::fail("rung `" + r.id + "` names no earlier rung", "a multiple or a stand-in needs earlier rungs", field + ".refs");
        if (!needs_refs && r.refs != 0)
            return R::fail("rung `" + r.id + "` of kind `" + rung_kind_id(r.kind) + "` takes no earlier rungs", {}, field + ".refs");
        if ((r.refs & ~earlier) != 0)
            return R::fail("rung `" + r.id + "` names a rung that is not before it", {}, field + ".refs");
    }
    return R::ok(std::move(spec));
}

namespace {
// What compute_ladder() reports, rung by rung, in flat arrays of which only the first `n` are
// written: ladder_total_usd() (100,000 times for a band) reads the total and pays for nothing else.
struct Tally {
    int n = 0;
    unsigned on = 0;                           // bit i: rung i is counted
    double total_usd = 0;
    double gpu_hours[kMaxRungs], cost_usd[kMaxRungs], add_usd[kMaxRungs], total_after[kMaxRungs];
    signed char stood_in_by[kMaxRungs];
};

void tally(const LadderInputs& in, unsigned rungs, Tally& t) {
    if (!in.spec) return;
    const int n = in.spec->size() < kMaxRungs ? in.spec->size() : kMaxRungs;
    t.n = n;
    t.on = rungs & ((1u << n) - 1u);   // n <= kMaxRungs (8)
    // A rung's own cost is GPU-hours at the rate plus an amount: a multiple of a rented rung is
    // more rented compute, priced at the same rate (and its arithmetic is hours × rate, as published).
    double usd_part[kMaxRungs];
    double total = 0;
    for (int i = 0; i < n; ++i) {
        const RungSpec& r = in.spec->rungs[static_cast<size_t>(i)];
        const double v = in.values[static_cast<size_t>(i)];
        double hours = 0, usd = 0;
        switch (r.kind) {
            case RungKind::gpu_hours: hours = v; break;
            case RungKind::multiple: {
                double of_hours = 0, of_usd = 0;
                for (int j = 0; j < i; ++j)
                    if ((r.refs >> j) & 1u) { of_hours += t.gpu_hours[j]; of_usd += usd_part[j]; }
                hours = v * of_hours;
                usd = v * of_usd;
                break;
            }
            case RungKind::fixed:
            case RungKind::stands_in:
            case RungKind::count_: usd = v; break;
        }
        t.gpu_hours[i] = hours;
        usd_part[i] = usd;
        t.stood_in_by[i] = -1;
        const double cost = hours * in.usd_per_gpu_hour + usd;
        t.cost_usd[i] = cost;
        double add = 0;
        if ((t.on >> i) & 1u) {
            add = cost;
            if (r.kind == RungKind::stands_in) {
                // It covers what the counted rungs it names cost: replace them, do not add to them.
                double replaced = 0;
                for (int j = 0; j < i; ++j)
                    if (((r.refs >> j) & 1u) && ((t.on >> j) & 1u) && t.stood_in_by[j] < 0) {
                        replaced += t.add_usd[j];
                        t.stood_in_by[j] = static_cast<signed char>(i);
                    }
                add = cost - replaced;
            }
            total += add;
        }
        t.add_usd[i] = add;
        t.total_after[i] = total;
    }
    t.total_usd = total;
}
}  // namespace

Ladder compute_ladder(const LadderInputs& in, unsigned rungs) {
    Tally t;
    tally(in, rungs, t);
    Ladder l;
    l.size = t.n;
    l.total_usd = t.total_usd;
    for (int i = 0; i < t.n; ++i) {
        LadderStep& step = l.steps[static_cast<size_t>(i)];
        step.on = (t.on >> i) & 1u;
        step.gpu_hours = t.gpu_hours[i];
        step.cost_usd = t.cost_usd[i];
        step.add_usd = t.add_usd[i];
        step.total_usd = t.total_after[i];
        step.stood_in_by = t.stood_in_by[i];
    }
    return l;
}
double ladder_total_usd(const LadderInputs& in, unsigned rungs) {
    Tally t;
    tally(in, rungs, t);
    return t.total_usd;
}

std::string write_ladder(const LadderSpec& spec) {
    std::string out = spec.id;
    for (const RungSpec& r : spec.rungs) {
        std::string refs;
        for (int j = 0; j < spec.size(); ++j)
            if ((r.refs >> j) & 1u) refs += (refs.empty() ? "" : ",") + spec.rungs[static_cast<size_t>(j)].id;
        std::string keys = r.key;
        for (const std::string& a : r.aliases) keys += "," + a;
        out += ";" + r.id + ":" + rung_kind_id(r.kind) + ":" + keys + ":" + refs + ":" + (r.starts_on ? "on" : "off") + ":" +
               encode_label(r.label);
    }
    return out;
}

Result<LadderSpec> parse_ladder(std::string_view text) {
    using R = Result<LadderSpec>;
    const std::vector<std::string_view> parts = split(text, ';');
    LadderSpec spec;
    spec.id = std::string(parts[0]);
    for (size_t p = 1; p < parts.size(); ++p) {
        const std::vector<std::string_view> f = split(parts[p], ':');
        if (f.size() != 6) return R::fail("ladder rung " + std::to_string(p) + " is not `id:kind:key:refs:on:label`", {}, "ladder");
        RungSpec r;
        r.id = std::string(f[0]);
        const auto kind = find_rung_kind(f[1]);
        if (!kind) return R::fail("unknown rung kind `" + std::string(f[1].substr(0, 40)) + "`", "rung kinds: " + rung_kind_ids(), "ladder");
        r.kind = *kind;
        const std::vector<std::string_view> keys = split(f[2], ',');
        r.key = std::string(keys[0]);
        for (size_t a = 1; a < keys.size(); ++a) r.aliases.emplace_back(keys[a]);
        if (!f[3].empty())
            for (std::string_view ref : split(f[3], ',')) {
                const int j = spec.find(ref);
                if (j < 0) return R::fail("rung `" + r.id + "` names `" + std::string(ref.substr(0, 40)) + "`, not an earlier rung", {}, "ladder");
                r.refs |= 1u << j;
            }
        if (f[4] != "on" && f[4] != "off") return R::fail("rung `" + r.id + "` starts `on` or `off`", {}, "ladder");
        r.starts_on = f[4] == "on";
        r.label = decode_label(f[5]);
        spec.rungs.push_back(std::move(r));
        if (spec.size() > kMaxRungs) break;
    }
    if (spec.id.empty() && spec.rungs.empty()) return R::ok(LadderSpec{});   // no ladder: a page without one
    return check_ladder(std::move(spec));
}

}  // namespace costbook
