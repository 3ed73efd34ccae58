#include "costbook/scenario.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace costbook {

namespace {
// Ranges are wide on purpose: they stop nonsense (a negative rate, an MFU of 7), not
// unusual but possible inputs.
const KeyInfo kKeys[kKeyCount] = {
    {"rate", "Rental rate", "USD/GPU-hour", 0.1, 20, true, false},
    {"params", "Active parameters", "parameters", 1e6, 1e14, true, false},
    {"tokens", "Training tokens", "tokens", 1e6, 1e16, true, false},
    {"peak", "GPU peak", "FLOP/s", 1e12, 1e17, true, false},
    {"mfu", "MFU", "fraction", 0.01, 1, false, false},
    {"gpus", "GPUs", "GPUs", 0, 1e7, true, true},   // 0: not known (no wall-clock)
    {"gpu_price", "GPU price", "USD", 100, 1e7, true, false},
    {"server_overhead", "Server and network overhead", "fraction of GPU price", 0, 5, false, false},
    {"years", "Amortisation", "years", 0.25, 15, false, false},
    {"util", "Utilisation", "fraction", 0.01, 1, false, false},
    {"watts", "GPU power", "W", 1, 5000, false, false},
    {"host_overhead", "Host power overhead", "fraction of GPU power", 0, 3, false, false},
    {"pue", "PUE", "ratio", 1, 3, false, false},
    {"kwh", "Electricity", "USD/kWh", 0, 2, false, false},
    {"rl_params", "Policy active parameters", "parameters", 1e6, 1e14, true, false},
    {"rl_prompts", "RL prompts", "prompts", 1, 1e10, true, true},
    {"rl_group", "Samples per prompt", "samples", 1, 1024, true, true},
    {"rl_sample_tokens", "Tokens per sample", "tokens", 1, 1e7, true, false},
    {"gen_mfu", "Generation MFU", "fraction", 0.001, 1, false, false},
    {"value_ratio", "PPO value model size", "x policy", 0, 4, false, false},
    {"in_mtok", "Input tokens", "million tokens", 0, 1e9, true, false},
    {"out_mtok", "Output tokens", "million tokens", 0, 1e9, true, false},
    {"hit", "Cache-hit share", "fraction", 0, 1, false, false},
    {"price_hit", "Price, cache hit", "USD/M tokens", 0, 1000, false, false},
    {"price_miss", "Price, cache miss", "USD/M tokens", 0, 1000, false, false},
    {"price_out", "Price, output", "USD/M tokens", 0, 1000, false, false},
    {"cny_per_usd", "Exchange rate", "CNY/USD", 0.01, 1000, false, false},
    {"kv_layers", "Layers", "layers", 1, 1000, false, true},
    {"kv_heads", "Attention heads", "heads", 1, 1024, false, true},
    {"kv_head_dim", "Head dimension", "elements", 1, 1024, false, true},
    {"kv_latent", "MLA latent dimension", "elements", 1, 16384, false, true},
    {"kv_rope", "Decoupled RoPE dimension", "elements", 0, 1024, false, true},
    {"kv_bytes", "Bytes per element", "bytes", 0.125, 8, false, false},
    {"serve_nodes", "Nodes, daily average", "nodes", 1, 1e6, true, false},
    {"node_gpus", "GPUs per node", "GPUs", 1, 64, false, true},
    {"serve_in_btok", "Input tokens a day", "billion tokens", 0, 1e6, true, false},
    {"serve_out_btok", "Output tokens a day", "billion tokens", 0, 1e6, true, false},
    {"billed", "Share of tokens billed", "fraction", 0, 1, false, false},
    {"prefill_tps", "Prefill per node", "tokens/s", 1, 1e8, true, false},
    {"decode_tps", "Decode per node", "tokens/s", 1, 1e8, true, false},
    {"task_in", "Input tokens", "tokens", 0, 1e8, true, true},
    {"task_think", "Reasoning tokens", "tokens", 0, 1e8, true, true},
    {"task_out", "Answer tokens", "tokens", 0, 1e8, true, true},
    {"decline", "Annual cost decline", "fraction", 0, 0.99, false, false},
    {"decline_years", "Years from now", "years", 0, 30, false, false},
};

const char* const kWordKeys[] = {"model", "count", "tab", "currency"};

// A rung's value by its kind: the unit and limits of its slider and its clamps.
const KeyInfo kRungInfo[kRungKindCount] = {
    {"", "", "GPU-hours", 0, 1e9, true, false},              // gpu_hours
    {"", "", "x earlier rungs", 0, 100, false, false},       // multiple
    {"", "", "USD", 0, 1e12, true, false},                   // fixed
    {"", "", "USD", 0, 1e12, true, false},                   // stands_in
};
const KeyInfo kNoInput = {"", "", "", 0, 0, false, false};

bool is_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

bool is_id(std::string_view v) {
    if (v.empty() || v.size() > 64) return false;
    for (char c : v) if (!is_id_char(c)) return false;
    return true;
}

// Percent-decoding of the characters a browser may escape in a hash; anything else stays.
std::string url_decode(std::string_view in) {
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '%' && i + 2 < in.size()) {
            const std::string hex(in.substr(i + 1, 2));
            char* end = nullptr;
            const long v = std::strtol(hex.c_str(), &end, 16);
            if (end == hex.c_str() + 2) { out.push_back(static_cast<char>(v)); i += 2; continue; }
        }
        out.push_back(in[i] == '+' ? ' ' : in[i]);
    }
    return out;
}

std::string quoted(std::string_view v) {
    std::string s(v.substr(0, 40));
    for (char& c : s) if (static_cast<unsigned char>(c) < 0x20 || c == '`') c = '?';
    return "`" + s + (v.size() > 40 ? "…`" : "`");
}

// `count=`'s rungs as bits of base's ladder; `unknown` gets the words that are not its rungs. Nullopt
// when a word is empty or unknown.
std::optional<unsigned> parse_rungs(const LadderSpec& ladder, std::string_view v, std::vector<std::string>& unknown) {
    if (v == "none") return 0u;
    if (v == "all") return ladder.all();
    unsigned rungs = 0;
    bool empty_word = false;
    size_t start = 0;
    while (start <= v.size()) {
        size_t comma = v.find(',', start);
        if (comma == std::string_view::npos) comma = v.size();
        const std::string_view word = v.substr(start, comma - start);
        const int found = ladder.find(word);
        if (word.empty()) empty_word = true;
        else if (found < 0) unknown.emplace_back(word);
        else rungs |= 1u << found;
        start = comma + 1;
    }
    if (empty_word) unknown.clear();   // not a list of rungs at all: say so, not which are unknown
    if (empty_word || !unknown.empty()) return std::nullopt;
    return rungs;
}

// "`run405`", "`run405` and `family`", "`a`, `b` and `c`"
std::string quoted_list(const std::vector<std::string>& words) {
    std::string out;
    for (size_t i = 0; i < words.size(); ++i)
        out += (i == 0 ? "" : i + 1 == words.size() ? " and " : ", ") + quoted(words[i]);
    return out;
}
}  // namespace

const char* const kTabs[kTabCount] = {"counted", "estimate", "own", "rl", "inference", "serve", "task", "time"};

std::string tab_ids() {
    std::string out;
    for (const char* t : kTabs) out += std::string(out.empty() ? "" : ", ") + t;
    return out;
}

const KeyInfo& key_info(Key k) {
    const int i = static_cast<int>(k);
    return i >= 0 && i < kKeyCount ? kKeys[i] : kNoInput;
}

bool has_input(const Scenario& s, Key k) {
    const int i = static_cast<int>(k);
    return (i >= 0 && i < kKeyCount) || (key_rung(k) >= 0 && key_rung(k) < s.ladder.size());
}

KeyInfo input_info(const Scenario& s, Key k) {
    const int r = key_rung(k);
    if (r < 0) return key_info(k);
    if (r >= s.ladder.size()) return kNoInput;
    const RungSpec& rung = s.ladder.rungs[static_cast<size_t>(r)];
    KeyInfo info = kRungInfo[static_cast<int>(rung.kind)];
    info.name = rung.key.c_str();
    info.label = rung.label.c_str();
    return info;
}

std::optional<Key> find_input(const Scenario& s, std::string_view name) {
    if (const auto k = find_key(name)) return k;
    const int r = s.ladder.find_key(name);
    if (r >= 0) return rung_key(r);
    return std::nullopt;
}

std::vector<Key> input_keys(const Scenario& s) {
    std::vector<Key> out;
    out.reserve(static_cast<size_t>(kKeyCount + s.ladder.size()));
    out.push_back(Key::rate);
    for (int r = 0; r < s.ladder.size() && r < kMaxRungs; ++r) out.push_back(rung_key(r));
    for (int i = 1; i < kKeyCount; ++i) out.push_back(static_cast<Key>(i));
    return out;
}

std::string valid_keys(const Scenario& s) {
    std::string out;
    for (Key k : input_keys(s)) out += std::string(out.empty() ? "" : ", ") + input_info(s, k).name;
    for (const char* w : kWordKeys) out += std::string(", ") + w + (w == std::string_view("model") ? ", ladder" : "");
    return out;
}

std::optional<Key> find_key(std::string_view name) {
    for (int i = 0; i < kKeyCount; ++i)
        if (name == kKeys[i].name) return static_cast<Key>(i);
    return std::nullopt;
}

std::string valid_keys() {
    std::string out;
    for (int i = 0; i < kKeyCount; ++i) out += std::string(i ? ", " : "") + kKeys[i].name;
    for (const char* w : kWordKeys) out += std::string(", ") + w;
    return out;
}

bool Scenario::has_ranges() const {
    for (int i = 0; i < kKeyCount + ladder.size() && i < kInputCount; ++i)
        if (inputs[static_cast<size_t>(i)].is_range()) return true;
    return false;
}

bool Scenario::operator==(const Scenario& o) const {
    return inputs == o.inputs && ((rungs ^ o.rungs) & ladder.all()) == 0 && ladder == o.ladder && model == o.model &&
           tab == o.tab && currency == o.currency;
}

std::optional<double> parse_number(std::string_view text) {
    if (text.empty() || text.size() > 64) return std::nullopt;
    double scale = 1;
    switch (text.back()) {
        case 'K': scale = 1e3; break;
        case 'M': scale = 1e6; break;
        case 'B': scale = 1e9; break;
        case 'T': scale = 1e12; break;
        default: break;
    }
    if (scale != 1) text.remove_suffix(1);
    const std::string s(text);
    if (s.empty()) return std::nullopt;
    // strtod would accept "inf", "nan", hex floats and leading spaces: allow digits only.
    for (char c : s)
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return std::nullopt;
    const double scaled = v * scale;
    if (!std::isfinite(scaled)) return std::nullopt;
    return scaled;
}

namespace {
// The fewest %g digits, from 6 up, that read back as `v`.
void shortest_g(char (&buf)[40], double v) {
#if defined(__GLIBCXX__) && defined(__cpp_lib_to_chars)
    // libstdc++'s to_chars: the shortest digits that read back (k of them) say where the search
    // would stop, since fewer than k never read back; %.{max(6,k)}g is written by to_chars as printf
    // would write it, and checked as the search would. So one step in place of up to twelve
    // snprintf and strtod calls. (libc++, under Emscripten, keeps the search: same digits.)
    if (std::isfinite(v)) {
        char shortest[40];
        const auto r = std::to_chars(shortest, shortest + sizeof shortest, v, std::chars_format::scientific);
        int k = 0;   // significant digits before the exponent
        for (const char* c = shortest; c < r.ptr && *c != 'e'; ++c) k += *c >= '0' && *c <= '9';
        const int precision = k < 6 ? 6 : k;
        const auto w = std::to_chars(buf, buf + sizeof buf - 1, v, std::chars_format::general, precision);
        double back = 0;
        if (r.ec == std::errc() && w.ec == std::errc() && std::from_chars(buf, w.ptr, back).ptr == w.ptr && back == v) {
            *w.ptr = '\0';
            return;
        }
    }
#endif
    for (int precision = 6; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
}
}  // namespace

std::string write_number(double v) {
    char buf[40];
    shortest_g(buf, v);
    std::string s = buf;
    if (s.find('e') != std::string::npos) {
        // "2.788e+06" → "2.788e6": shorter in a URL, and '+' would read as a space.
        const size_t e = s.find('e');
        std::string exp = s.substr(e + 1);
        bool neg = exp[0] == '-';
        size_t i = (exp[0] == '-' || exp[0] == '+') ? 1 : 0;
        while (i + 1 < exp.size() && exp[i] == '0') ++i;
        s = s.substr(0, e) + "e" + (neg ? "-" : "") + exp.substr(i);
    }
    return s;
}

std::string rungs_to_text(const LadderSpec& ladder, unsigned rungs) {
    std::string out;
    for (int i = 0; i < ladder.size(); ++i)
        if (rungs & (1u << i)) out += std::string(out.empty() ? "" : ",") + ladder.rungs[static_cast<size_t>(i)].id;
    return out.empty() ? "none" : out;
}

std::vector<std::string_view> split_query(std::string_view query) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start < query.size()) {
        size_t amp = query.find('&', start);
        if (amp == std::string_view::npos) amp = query.size();
        out.push_back(query.substr(start, amp - start));
        start = amp + 1;
    }
    return out;
}

ParsedScenario parse_scenario(std::string_view query, const Scenario& base) {
    ParsedScenario out{base, {}, {}, {}};
    if (!query.empty() && (query[0] == '?' || query[0] == '#')) query.remove_prefix(1);
    for (const std::string_view part : split_query(query)) {
        const std::string pair = url_decode(part);
        if (pair.empty()) continue;
        const size_t eq = pair.find('=');
        const std::string key = pair.substr(0, eq);
        const std::string value = eq == std::string::npos ? "" : pair.substr(eq + 1);

        if (key == "model") {
            if (value.empty() || is_id(value)) out.scenario.model = value;
            else out.errors.push_back({"`model` must be an id (a-z, 0-9, `-`, `_`, `.`), not " + quoted(value), {}, key});
            continue;
        }
        if (key == "ladder") {
            // Read whatever it names (the site seeds that ladder first); base must be on it.
            if (!is_id(value)) {
                out.errors.push_back({"`ladder` must be an id (a-z, 0-9, `-`, `_`, `.`), not " + quoted(value), {}, key});
                continue;
            }
            out.ladder = value;
            if (value != base.ladder.id)
                out.errors.push_back({base.ladder.id.empty() ? "`ladder` names ladder " + quoted(value) + ", but this scenario has no ladder"
                                                             : "`ladder` names ladder " + quoted(value) + ", but this scenario is on ladder " +
                                                                   quoted(base.ladder.id),
                                      "a scenario's rung keys and `count=` rungs are its ladder's: read it on ladder " + quoted(value),
                                      key});
            continue;
        }
        if (key == "count") {
            std::vector<std::string> unknown;
            const std::string rungs_help =
                "valid rungs: " + (base.ladder.rungs.empty() ? std::string() : base.ladder.ids() + ", ") + "all, none";
            if (auto r = parse_rungs(base.ladder, value, unknown)) out.scenario.rungs = *r;
            else if (unknown.empty())
                out.errors.push_back({"`count` takes rungs separated by commas, not " + quoted(value), rungs_help, key});
            else
                out.errors.push_back({"`count` names " + std::string(unknown.size() == 1 ? "rung " : "rungs ") + quoted_list(unknown) +
                                          (base.ladder.id.empty() ? ", but this scenario has no ladder"
                                                                  : ", which ladder " + quoted(base.ladder.id) + " does not have"),
                                      rungs_help, key});
            continue;
        }
        if (key == "tab") {
            bool ok = value.empty();
            for (const char* t : kTabs) ok = ok || value == t;
            if (ok) out.scenario.tab = value;
            else out.errors.push_back({"unknown tab " + quoted(value), "valid tabs: " + tab_ids(), key});
            continue;
        }
        if (key == "currency") {
            if (value == "usd" || value == "cny") out.scenario.currency = value;
            else out.errors.push_back({"`currency` is `usd` or `cny`, not " + quoted(value), {}, key});
            continue;
        }
        const std::optional<Key> k = find_input(base, key);
        if (!k) {
            out.errors.push_back({"unknown scenario key " + quoted(key), "valid keys: " + valid_keys(base), key});
            continue;
        }
        const KeyInfo info = input_info(base, *k);
        // low~likely~high, low~high, or a single value
        double parts[3];
        int n = 0;
        bool bad = false;
        size_t p = 0;
        while (!bad) {
            size_t tilde = value.find('~', p);
            const std::string piece = value.substr(p, tilde == std::string::npos ? std::string::npos : tilde - p);
            const auto v = parse_number(piece);
            if (!v || n == 3) { bad = true; break; }
            parts[n++] = *v;
            if (tilde == std::string::npos) break;
            p = tilde + 1;
        }
        if (bad) {
            out.errors.push_back({"`" + key + "` is not a number: " + quoted(value),
                                  "write a number (2.5, 147K, 1e6) or a range low~likely~high", key});
            continue;
        }
        Range r = n == 1 ? Range::point(parts[0])
                : n == 2 ? Range{parts[0], (parts[0] + parts[1]) / 2, parts[1]}
                         : Range{parts[0], parts[1], parts[2]};
        if (!(r.low <= r.likely && r.likely <= r.high)) {
            out.errors.push_back({"`" + key + "` range must run low~likely~high, got " + quoted(value), {}, key});
            continue;
        }
        double* fields[3] = {&r.low, &r.likely, &r.high};
        bool clamped = false;
        for (double* f : fields) {
            double v = *f;
            if (info.integer) v = std::round(v);
            if (v < info.min) { v = info.min; clamped = true; }
            if (v > info.max) { v = info.max; clamped = true; }
            *f = v;
        }
        if (clamped)
            out.notes.push_back("`" + key + "` " + value + " is outside " + write_number(info.min) + "–" +
                                write_number(info.max) + "; clamped to " +
                                (r.is_range() ? write_number(r.low) + "~" + write_number(r.likely) + "~" + write_number(r.high)
                                              : write_number(r.likely)));
        out.scenario.inputs[static_cast<int>(*k)] = r;
    }
    return out;
}

std::string write_scenario(const Scenario& s, const Scenario* base) {
    std::string out;
    const auto add = [&](const std::string& key, const std::string& value) {
        out += (out.empty() ? "" : "&") + key + "=" + value;
    };
    // Words are written when they differ from the base; without a base, when set.
    const unsigned all = s.ladder.all();
    if (base ? s.model != base->model : !s.model.empty()) add("model", s.model);
    if (base ? s.ladder.id != base->ladder.id : !s.ladder.id.empty()) add("ladder", s.ladder.id);
    if (base ? s.tab != base->tab : !s.tab.empty()) add("tab", s.tab);
    if (base ? ((s.rungs ^ base->rungs) & all) != 0 : !s.ladder.rungs.empty()) add("count", rungs_to_text(s.ladder, s.rungs));
    if (!base || s.currency != base->currency) add("currency", s.currency);
    for (Key k : input_keys(s)) {
        const Range& r = s.range(k);
        if (base && r == base->range(k)) continue;
        add(input_info(s, k).name, r.is_range() || r.likely != r.low
                               ? write_number(r.low) + "~" + write_number(r.likely) + "~" + write_number(r.high)
                               : write_number(r.likely));
    }
    return out;
}

ParsedLink parse_link(std::string_view payload, const Scenario& base) {
    ParsedLink out;
    if (!payload.empty() && payload[0] == '#') payload.remove_prefix(1);
    std::string rest, pin;
    bool has_pin = false;
    std::vector<Error> errors;
    for (const std::string_view pair : split_query(payload)) {
        if (pair.rfind("v=", 0) == 0) {
            const auto v = parse_number(pair.substr(2));
            if (v && *v >= 1 && *v == std::floor(*v) && *v < 1e6) out.version = static_cast<int>(*v);
            else errors.push_back({"the link's version `v` is a whole number from 1, not " + quoted(pair.substr(2)), {}, "v"});
            continue;
        }
        if (pair.rfind("pin=", 0) == 0) {
            has_pin = true;
            pin = url_decode(pair.substr(4));
            continue;
        }
        rest += (rest.empty() ? "" : "&") + std::string(pair);
    }
    out.now = parse_scenario(rest, base);
    out.now.errors.insert(out.now.errors.begin(), errors.begin(), errors.end());
    if (out.version > kLinkVersion)
        out.now.notes.insert(out.now.notes.begin(), "this link is from a newer calculator (link version " +
                                                        std::to_string(out.version) + "); what this one knows is applied");
    if (has_pin) {
        out.pinned = true;
        out.pin = parse_scenario(pin, base);
        for (Error& e : out.pin.errors) e.message = "pinned: " + e.message;
        for (std::string& n : out.pin.notes) n = "pinned: " + n;
    }
    return out;
}

std::string write_link(const Scenario& s, const Scenario* pin, const Scenario& base) {
    const std::string now = write_scenario(s, &base);
    if (!pin && now.empty()) return "";
    std::string out = "v=" + std::to_string(kLinkVersion);
    if (!now.empty()) out += "&" + now;
    if (pin) out += "&pin=" + percent_encode(write_scenario(*pin, &base), "&=#+ ");  // a query inside a value
    return out;
}

}  // namespace costbook
