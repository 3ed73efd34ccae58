// Loads data/**/*.toml into site::Data. Every problem is reported, then nothing is returned.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

#include "costbook/format.h"
#include "load/data.h"

#include "load/embedded.h"
#include "load/toml_reader.h"
#include "costbook/estimate.h"
#include "files.h"

namespace fs = std::filesystem;

namespace costbook::site {

double Figure::value_usd() const {
    if (gpus > 0 && usd_per_gpu > 0) return gpus * usd_per_gpu;
    if (cost_usd > 0) return cost_usd;
    if (cost_usd_high > 0) return (cost_usd_low + cost_usd_high) / 2;
    return 0;
}

bool is_price_date(const std::string& date) {
    if (date.size() != 7 && date.size() != 10) return false;
    for (size_t i = 0; i < date.size(); ++i)
        if ((i == 4 || i == 7) ? date[i] != '-' : !(date[i] >= '0' && date[i] <= '9')) return false;
    return true;
}

// Dates compare as strings (YYYY-MM-DD); a month covers its first to its last day.
bool Price::in_effect(const std::string& date) const {
    if (!is_price_date(date) || from.empty()) return false;
    const bool month = date.size() == 7;
    const std::string first = month ? date + "-01" : date, last = month ? date + "-31" : date;
    if (from > last) return false;
    if (!until.empty()) return until > first;
    return !as_of.empty() && as_of >= first;
}

std::string Price::period_text() const {
    if (!until.empty()) return (from.empty() ? "until " : from + " to ") + until;
    if (!as_of.empty()) return (from.empty() ? "" : "from " + from + ", ") + "as of " + as_of;
    return from.empty() ? "undated" : "from " + from + ", undated since";
}

// Every table of data/ and the keys costbook reads in it: the loader accepts exactly these (only()),
// and `costbook help data` prints them, so the two cannot differ. Required: the loader asks for it.
const std::vector<DataTable> kDataSchema = {
    {"data/sources.toml", "", "the sources every figure cites", {{"source", false, ""}}},
    {"data/sources.toml", "[[source]]", "one source: what a figure links to", {{"id", true, ""}, {"title", true, ""}, {"publisher", false, ""}, {"date", false, "date"}, {"url", false, "URL"}, {"kind", true, ""}, {"covers", true, ""}, {"read_via", false, ""}}},
    {"data/gpus/<id>.toml", "", "one GPU: its peaks, power, purchase and rental ranges", {{"id", true, ""}, {"name", true, ""}, {"generation", true, ""}, {"bf16_dense_flop_per_s", true, "FLOP/s"}, {"fp8_dense_flop_per_s", false, "FLOP/s"}, {"memory_gb", false, "GB"}, {"watts", true, "W"}, {"nvlink_gb_per_s", false, "GB/s; a record only, shown nowhere: cite NVLink in prose with a [[fact]] and its own source"}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}, {"purchase_usd", false, ""}, {"rental_usd_per_gpu_hour", false, ""}}},
    {"data/gpus/<id>.toml", "[purchase_usd]", "purchase price range, USD", {{"low", false, ""}, {"likely", true, ""}, {"high", false, ""}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/gpus/<id>.toml", "[rental_usd_per_gpu_hour]", "rental rate range, USD per GPU-hour", {{"low", false, ""}, {"likely", true, ""}, {"high", false, ""}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/models/<id>.toml", "", "one model, as its developer reported it", {{"id", true, ""}, {"name", true, ""}, {"developer", true, ""}, {"released", false, "date"}, {"architecture", false, ""}, {"base_model", false, ""}, {"params_total", false, "parameters"}, {"params_active", false, "parameters"}, {"tokens", false, "tokens"}, {"precision", false, ""}, {"gpu", false, ""}, {"gpus", false, "GPUs"}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}, {"counts", true, ""}, {"excludes", true, ""}, {"rate", false, ""}, {"stages", false, ""}, {"figures", false, ""}, {"attention", false, ""}}},
    {"data/models/<id>.toml", "[rate]", "the rate its GPU-hours are priced at: as published (`source`), or `assumption = true` with a `reason`", {{"usd_per_gpu_hour", true, "USD per GPU-hour"}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/models/<id>.toml", "[[stages]]", "one stage: `gpu_hours`, or `gpus` and `wall_hours`", {{"id", true, ""}, {"name", true, ""}, {"gpu", false, ""}, {"gpu_hours", false, "GPU-hours"}, {"gpus", false, "GPUs"}, {"wall_hours", false, "hours"}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/models/<id>.toml", "[[figures]]", "a reported cost", {{"label", true, ""}, {"counts", true, ""}, {"bound", false, ""}, {"cost_usd", false, "USD"}, {"cost_usd_low", false, "USD"}, {"cost_usd_high", false, "USD"}, {"gpus", false, "GPUs"}, {"usd_per_gpu", false, "USD"}, {"reading", false, ""}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/models/<id>.toml", "[attention]", "its attention shape, for the KV cache", {{"layers", true, ""}, {"heads", true, ""}, {"head_dim", true, "dims"}, {"kv_latent_dim", false, "dims"}, {"rope_dim", false, "dims"}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/developers.toml", "", "who trained the runs", {{"developer", false, ""}}},
    {"data/developers.toml", "[[developer]]", "one developer", {{"id", true, ""}, {"name", true, ""}}},
    {"data/runs/<file>.toml", "", "your own published runs for the default MFU (costbook ships 34)", {{"run", false, ""}}},
    {"data/runs/<file>.toml", "[[run]]", "one run: `model` = a data/models/ id; else id, name, developer, reported, gpu, precision, architecture, params_active, tokens and its hours", {{"id", false, ""}, {"model", false, ""}, {"name", false, ""}, {"developer", false, ""}, {"reported", false, ""}, {"gpu", false, ""}, {"precision", false, ""}, {"architecture", false, ""}, {"params_active", false, "parameters"}, {"params_total", false, "parameters"}, {"tokens", false, "tokens"}, {"gpu_hours", false, "GPU-hours"}, {"gpus", false, "GPUs"}, {"days", false, "days"}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/tasks.toml", "", "typical tasks and the prices compared on them", {{"compare", false, ""}, {"dates", false, ""}, {"task", false, ""}}},
    {"data/tasks.toml", "[[task]]", "one task", {{"id", true, ""}, {"name", true, ""}, {"input_tokens", true, "tokens"}, {"reasoning_tokens", true, "tokens"}, {"output_tokens", true, "tokens"}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/prices/<file>.toml", "", "API prices and exchange rates", {{"price", false, ""}, {"exchange", false, ""}, {"rate", false, ""}}},
    {"data/prices/<file>.toml", "[[rate]]", "a month's average exchange rate", {{"month", true, "YYYY-MM"}, {"cny_per_usd", true, "CNY per USD"}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/prices/<file>.toml", "[[price]]", "one API price and the dates it applied: `from`, then `until` or `as_of`", {{"id", true, ""}, {"name", true, ""}, {"model", false, ""}, {"from", true, "YYYY-MM-DD"}, {"until", false, "YYYY-MM-DD"}, {"as_of", false, "YYYY-MM-DD"}, {"usd", false, ""}, {"cny", false, ""}, {"reasoning", false, "true/false"}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}, {"note", false, ""}}},
    {"data/prices/<file>.toml", "[[price]] usd / cny", "prices per million tokens", {{"hit", true, "per million tokens"}, {"miss", true, "per million tokens"}, {"output", true, "per million tokens"}}},
    {"data/prices/<file>.toml", "[exchange]", "the calculator's exchange rate", {{"cny_per_usd", true, "CNY per USD"}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/fleet/<id>.toml", "", "a fleet's cost of ownership", {{"id", true, ""}, {"name", true, ""}, {"gpus", true, "GPUs"}, {"years", true, "years"}, {"total_usd", true, "USD"}, {"opex_usd", false, "USD"}, {"capex_usd", false, "USD"}, {"total_via", false, ""}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/ladders/<id>.toml", "", "what is counted: rungs in order, at most 8", {{"id", true, ""}, {"to", false, ""}, {"description", false, ""}, {"note", false, ""}, {"rung", false, ""}}},
    {"data/ladders/<id>.toml", "[[rung]]", "one rung: kind gpu_hours, multiple, fixed or stands_in; low/likely/high in its kind's unit (GPU-hours, a multiple, USD); `aliases` lists keys it had before, which old links still use", {{"id", true, ""}, {"label", true, ""}, {"kind", true, ""}, {"key", true, ""}, {"aliases", false, ""}, {"starts_on", false, "true/false"}, {"model", false, ""}, {"stages", false, ""}, {"fleet", false, ""}, {"of", false, ""}, {"for", false, ""}, {"low", false, ""}, {"likely", false, ""}, {"high", false, ""}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/scenario.toml", "[defaults]", "the site's defaults", {{"model", true, ""}, {"rl_model", false, ""}, {"price", false, ""}, {"ladder", false, ""}, {"runs", false, ""}}},
    {"data/scenario.toml", "[<input>]", "a calculator input, in its unit (`costbook help figures`: input.<key>); low/likely/high make a range", {{"low", false, ""}, {"likely", false, ""}, {"high", false, ""}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
    {"data/facts.toml", "", "other sourced figures prose cites as fact.<id>", {{"fact", false, ""}}},
    {"data/facts.toml", "[[fact]]", "one fact: `value`, or `low` and `high`", {{"id", true, ""}, {"value", false, ""}, {"low", false, ""}, {"high", false, ""}, {"unit", true, ""}, {"note", false, ""}, {"source", false, ""}, {"assumption", false, "true/false"}, {"reason", false, ""}}},
};

// The keys whose value is one of a set: what the loader accepts (one_of() below) and `help data` prints.
const std::vector<DataValues> kDataValues = {
    {"data/sources.toml", "[[source]]", "kind", {{"primary", "the figures' own publisher: a paper, report or datasheet"}, {"secondary", "a report of others' figures"}, {"derived", "computed from other sources; needs no url"}}},
    {"data/gpus/<id>.toml", "", "generation", {{"ampere", ""}, {"hopper", ""}}},
    {"data/models/<id>.toml", "", "architecture", {{"dense", ""}, {"moe", "mixture of experts"}, {"undisclosed", "not published; the fit reads it as dense"}}},
    {"data/models/<id>.toml", "", "precision", {{"bf16", ""}, {"fp8", ""}}},
    {"data/models/<id>.toml", "[[figures]]", "bound", {{"above", ""}, {"below", ""}}},
    {"data/runs/<file>.toml", "[[run]]", "reported", {{"gpu-hours", ""}, {"gpu-hours per trillion tokens", ""}, {"gpus x days", ""}}},
    {"data/runs/<file>.toml", "[[run]]", "precision", {{"bf16", ""}, {"fp8", ""}}},
    {"data/runs/<file>.toml", "[[run]]", "architecture", {{"dense", ""}, {"moe", "mixture of experts"}}},
    {"data/ladders/<id>.toml", "[[rung]]", "kind", [] {
         std::vector<DataValue> v;
         for (int i = 0; i < kRungKindCount; ++i) v.push_back({rung_kind_id(static_cast<RungKind>(i)), ""});
         return v;
     }()},
    {"data/scenario.toml", "[defaults]", "runs", {{"add", "costbook's shipped runs and data/runs/"}, {"replace", "data/runs/ alone"}}},
    {"data/facts.toml", "[[fact]]", "unit", {{"usd", ""}, {"cny", ""}, {"gpu_hours", ""}, {"percent", ""}, {"multiple", ""}, {"count", ""}, {"flop", ""}, {"tokens", ""}, {"params", ""}, {"bytes", ""}, {"hours", ""}, {"flop_per_s", ""}, {"number", ""}}},
};

const DataValues* data_values(std::string_view file, std::string_view table, std::string_view key) {
    for (const DataValues& v : kDataValues)
        if (file == v.file && table == v.table && key == v.key) return &v;
    return nullptr;
}

std::string values_text(const DataValues& v) {
    std::string out;
    for (const DataValue& x : v.values) out += (out.empty() ? "" : ", ") + x.value + (x.means.empty() ? "" : " (" + x.means + ")");
    return out;
}

std::string nearest_value(const DataValues& v, const std::string& typo) {
    // Letters and digits only, lower-case: "Mixture-of-Experts" and "mixture of experts" are one spelling.
    const auto folded = [](const std::string& s) {
        std::string out;
        for (char c : s)
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
            else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        return out;
    };
    std::vector<std::string> names;
    for (const DataValue& x : v.values) {
        if (folded(typo) == folded(x.value) || (!x.means.empty() && folded(typo) == folded(x.means))) return x.value;
        names.push_back(x.value);
    }
    return closest_name(names, typo);
}

std::string scenario_input_ids() {
    std::string out;
    for (int i = 0; i < kKeyCount; ++i) out += (out.empty() ? "" : ", ") + std::string(key_info(static_cast<Key>(i)).name);
    return out;
}

std::vector<std::string_view> data_keys(std::string_view file, std::string_view table) {
    std::vector<std::string_view> out;
    for (const DataTable& t : kDataSchema)
        if (file == t.file && table == t.table)
            for (const DataKey& k : t.keys) out.push_back(k.name);
    return out;
}

namespace {

// "known models: a, b", or, with none, what to add: an error's help never ends in an empty list.
template <class T>
std::string known(const char* what, const std::vector<T>& v, const std::string& add) {
    std::string list;
    for (const T& x : v) list += (list.empty() ? "" : ", ") + x.id;
    return list.empty() ? std::string("there are no ") + what + " yet: " + add : std::string("known ") + what + ": " + list;
}

bool one_of_set(const DataValues& v, const std::string& value) {
    for (const DataValue& x : v.values) if (x.value == value) return true;
    return false;
}

template <class T>
const T* find_by_id(const std::vector<T>& v, const std::string& id) {
    for (const T& x : v) if (x.id == id) return &x;
    return nullptr;
}

template <class T>
std::string ids_of(const std::vector<T>& v) {
    std::string out;
    for (const T& x : v) out += (out.empty() ? "" : ", ") + x.id;
    return out;
}

// A data file's TOML, parsed once per process for each text: the shipped runs' files are the
// default site's own (its build parsed them twice), and serve's rebuilds parse again only the
// files that changed. The most recently used texts are kept, a few hundred at most.
std::shared_ptr<const toml::table> parse_toml(const std::string& text, const std::string& display) {
    static std::mutex m;
    static std::list<std::pair<std::string, std::shared_ptr<const toml::table>>> parsed;   // most recent first
    {
        std::lock_guard<std::mutex> lock(m);
        for (auto it = parsed.begin(); it != parsed.end(); ++it)
            if (it->first == text) {
                parsed.splice(parsed.begin(), parsed, it);
                return it->second;
            }
    }
    auto t = std::make_shared<const toml::table>(toml::parse(text, display));   // a parse_error goes to the caller
    std::lock_guard<std::mutex> lock(m);
    parsed.emplace_front(text, t);
    if (parsed.size() > 256) parsed.pop_back();
    return t;
}

struct Loader {
    Diagnostics& diags;
    std::string data_dir, prefix;
    Data data;
    // Source references are checked once every source is known.
    struct Ref { std::string id; std::string path; toml::source_region where; std::string kind; };
    std::vector<Ref> source_refs, gpu_refs;
    std::map<std::string, Ref> default_refs;   // [defaults] keys, for errors at their values
    std::map<std::string, std::string> first_definition;   // "model:deepseek-v3" → "path:line"
    std::vector<std::shared_ptr<const toml::table>> keep;
    const std::map<std::string, std::string>* memory = nullptr;   // files by path when loading embedded data (the shipped runs)
    Where runs_where;                          // [defaults] runs, for the error about too few runs
    std::set<std::string> rejected_ladders;    // ids and file stems of ladders that had errors
    // Files that did not load at all (a TOML error, an empty file, no `id`), by folder: a reference to
    // what one of them held is not reported again as unknown. Ids of data/<folder>/<id>.toml are their
    // stems; a file of prices, of sources or of developers holds many, so any reference to one goes unsaid.
    std::map<std::string, std::set<std::string>> failed;   // "gpus" -> {"h100-sxm"}
    bool sources_failed = false, prices_failed = false, developers_failed = false;
    bool failed_ref(const char* folder, const std::string& id) const {
        const auto it = failed.find(folder);
        return it != failed.end() && it->second.count(id) > 0;
    }

    std::string shown(const fs::path& p) const {
        return prefix + p.lexically_relative(data_dir).generic_string();
    }

    // `holds`: what a file of this folder describes ("one GPU"), for a file with nothing in it.
    const toml::table* parse(const fs::path& p, std::string& display, const char* holds = nullptr) {
        display = shown(p);
        std::string text;
        if (memory) {
            const auto it = memory->find(p.generic_string());
            if (it == memory->end()) return nullptr;
            text = it->second;
        } else if (!read_site_file(p.string(), display, text, diags)) return nullptr;
        if (!toml_shape_ok(text, display, diags)) return nullptr;
        diags.remember(display, text);
        try {
            keep.push_back(parse_toml(text, display));
            if (holds && keep.back()->empty()) {
                diags.error(display, 0, 0, "this file is empty", std::string("each file here describes ") + holds + ": fill it in, or delete it");
                return nullptr;
            }
            return keep.back().get();
        } catch (const toml::parse_error& e) {
            diags.add(toml_syntax_error(display, e));
            return nullptr;
        }
    }

    // A key whose value is one of kDataValues' set: an error at the value naming the allowed ones
    // (and the one it most likely meant) otherwise. `what` names it in the message: "architecture".
    bool one_of(TableReader& r, const char* file, const char* table, const char* key, const std::string& value, const std::string& what) {
        const DataValues* v = data_values(file, table, key);
        if (!v || value.empty()) return true;
        if (one_of_set(*v, value)) return true;
        const std::string near = nearest_value(*v, value);
        r.error_at_key(key, "unknown " + what + " `" + value + "`",
                       (near.empty() ? "" : "did you mean `" + near + "`? ") + what + " is one of: " + values_text(*v));
        return false;
    }

    Cite cite(TableReader& r, bool required = true) {
        Cite c;
        c.source = r.str("source", false);
        c.assumption = r.flag("assumption");
        c.reason = r.str("reason", false);
        const toml::node* at = c.source.empty() ? nullptr : r.raw().get("source");
        const toml::source_region& region = at ? at->source() : r.raw().source();
        c.where = {r.path(), static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
        if (at) source_refs.push_back({c.source, r.path(), at->source(), ""});
        if (required && c.source.empty() && !c.assumption) {
            r.error(r.raw().source(), "figures here have no `source`",
                    "add `source = \"<id>\"` from data/sources.toml, or `assumption = true` with a `reason`",
                    "its numbers would reach the page unsourced", 0);
        }
        if (c.assumption && c.reason.empty())
            r.error_at_key("assumption", "an assumption needs a one-line `reason`",
                           "add `reason = \"...\"`: the page shows it beside the figure");
        data.cites.push_back(c);
        return c;
    }

    void gpu_ref(TableReader& r, std::string_view key, const std::string& id) {
        if (id.empty()) return;
        gpu_refs.push_back({id, r.path(), r.raw().get(key)->source(), ""});
    }

    bool unique(const std::string& kind, const std::string& id, TableReader& r) {
        const std::string key = kind + ":" + id;
        const toml::node* n = r.raw().get("id");
        const std::string here = r.path() + ":" + (n ? std::to_string(n->source().begin.line) : "1");
        auto [it, inserted] = first_definition.emplace(key, here);
        if (!inserted) {
            r.error(n ? n->source() : r.raw().source(), kind + " id `" + id + "` is defined twice",
                    "rename one of them; ids must be unique", "first defined at " + it->second);
        }
        return inserted;
    }

    void load_sources(const fs::path& p) {
        std::string path;
        const toml::table* t = parse(p, path);
        if (!t) { sources_failed = true; return; }
        TableReader top(*t, path, "", diags);
        top.only(data_keys("data/sources.toml", ""));
        const toml::array* arr = top.array("source");
        if (!arr) {
            top.error(t->source(), "no [[source]] entries", "add one [[source]] table per source", {}, 0);
            sources_failed = true;
            return;
        }
        for (const toml::node& n : *arr) {
            const toml::table* st = n.as_table();
            if (!st) { top.error(n.source(), "each source must be a [[source]] table", "write each source as a [[source]] table: id, title, kind, covers"); continue; }
            TableReader r(*st, path, "[[source]]", diags);
            r.only(data_keys("data/sources.toml", "[[source]]"));
            Source s;
            s.id = r.str("id");
            s.title = r.str("title");
            s.publisher = r.str("publisher", false);
            s.date = r.date("date");
            s.url = r.str("url", false);
            s.kind = r.str("kind");
            s.covers = r.str("covers");
            s.read_via = r.str("read_via", false);
            one_of(r, "data/sources.toml", "[[source]]", "kind", s.kind, "source kind");
            s.where = {path, static_cast<int>(st->source().begin.line), 1};
            if (!s.id.empty() && unique("source", s.id, r)) data.sources.push_back(std::move(s));
        }
    }

    void load_gpu(const fs::path& p) {
        std::string path;
        const toml::table* t = parse(p, path, "one GPU");
        if (!t) { failed["gpus"].insert(p.stem().string()); return; }
        TableReader r(*t, path, "", diags);
        r.only(data_keys("data/gpus/<id>.toml", ""));
        Gpu g;
        g.id = r.str("id");
        g.name = r.str("name");
        g.generation = r.str("generation");
        if (const DataValues* gens = data_values("data/gpus/<id>.toml", "", "generation");
            !g.generation.empty() && !one_of_set(*gens, g.generation))
            r.error_at_key("generation", "GPU generation `" + g.generation + "` is not one of " + values_text(*gens),
                           "the default-MFU fit has runs on these two only");
        g.bf16_flop_per_s = r.num("bf16_dense_flop_per_s", true, true);
        g.fp8_flop_per_s = r.num("fp8_dense_flop_per_s", false, true);
        g.memory_gb = r.num("memory_gb", false);
        g.watts = r.num("watts", true, true);
        g.nvlink_gb_per_s = r.num("nvlink_gb_per_s", false);
        g.spec = cite(r);
        if (const toml::table* pt = r.table("purchase_usd", true)) {
            TableReader pr(*pt, path, "[purchase_usd]", diags);
            pr.only(data_keys("data/gpus/<id>.toml", "[purchase_usd]"));
            g.purchase_usd = pr.range(true);
            g.purchase = cite(pr);
        }
        if (const toml::table* rt = r.table("rental_usd_per_gpu_hour", true)) {
            TableReader rr(*rt, path, "[rental_usd_per_gpu_hour]", diags);
            rr.only(data_keys("data/gpus/<id>.toml", "[rental_usd_per_gpu_hour]"));
            g.rental_usd_per_gpu_hour = rr.range(true);
            g.rental = cite(rr);
        }
        g.where = {path, 1, 1};
        if (g.id.empty()) failed["gpus"].insert(p.stem().string());
        if (!g.id.empty() && unique("gpu", g.id, r)) data.gpus.push_back(std::move(g));
    }

    void load_model(const fs::path& p) {
        std::string path;
        const toml::table* t = parse(p, path, "one model");
        if (!t) { failed["models"].insert(p.stem().string()); return; }
        TableReader r(*t, path, "", diags);
        r.only(data_keys("data/models/<id>.toml", ""));
        Model m;
        m.id = r.str("id");
        m.name = r.str("name");
        m.developer = r.str("developer");
        m.released = r.date("released");
        m.architecture = r.str("architecture", false);
        one_of(r, "data/models/<id>.toml", "", "architecture", m.architecture, "architecture");
        m.base_model = r.str("base_model", false);
        m.params_total = r.num("params_total", false);
        m.params_active = r.num("params_active", false);
        m.tokens = r.num("tokens", false);
        m.precision = r.str("precision", false);
        if (m.precision.empty()) m.precision = "bf16";
        one_of(r, "data/models/<id>.toml", "", "precision", m.precision, "precision");
        m.gpu = r.str("gpu", false);
        gpu_ref(r, "gpu", m.gpu);
        m.gpus = r.num("gpus", false);
        m.counts = r.str("counts");
        m.excludes = r.str("excludes");
        m.cite = cite(r);
        m.ledger.model = m.id;
        if (const toml::table* rt = r.table("rate")) {
            TableReader rr(*rt, path, "[rate]", diags);
            rr.only(data_keys("data/models/<id>.toml", "[rate]"));
            m.ledger.usd_per_gpu_hour = rr.num("usd_per_gpu_hour", true, true);
            m.rate = cite(rr);
            m.ledger.rate_source = m.rate.source;
        }
        if (const toml::array* stages = r.array("stages")) {
            std::set<std::string> stage_ids;
            for (const toml::node& n : *stages) {
                const toml::table* st = n.as_table();
                if (!st) { r.error(n.source(), "each stage must be a [[stages]] table", "write each stage as a [[stages]] table: id, name and its GPU-hours"); continue; }
                TableReader sr(*st, path, "[[stages]]", diags);
                sr.only(data_keys("data/models/<id>.toml", "[[stages]]"));
                Stage s;
                s.id = sr.str("id");
                s.name = sr.str("name");
                s.gpu = sr.str("gpu", false);
                gpu_ref(sr, "gpu", s.gpu);
                s.gpus = sr.num("gpus", false);
                s.wall_hours = sr.num("wall_hours", false);
                // Published GPU-hours win; a paper that gives only GPUs × hours gets their product.
                // Above 0: a stage of no GPU time reports nothing, and would divide the implied MFU by 0.
                s.gpu_hours = sr.num("gpu_hours", !(s.gpus > 0 && s.wall_hours > 0), true);
                if (!st->contains("gpu_hours")) s.gpu_hours = wall_gpu_hours(s);
                const Cite c = cite(sr);
                s.source = c.source.empty() ? "assumption" : c.source;
                if (!s.id.empty() && !stage_ids.insert(s.id).second)
                    sr.error_at_key("id", "stage `" + s.id + "` appears twice in `" + m.id + "`", "give each stage its own id");
                m.ledger.stages.push_back(std::move(s));
            }
        }
        if (const toml::array* figures = r.array("figures")) {
            for (const toml::node& n : *figures) {
                const toml::table* ft = n.as_table();
                if (!ft) { r.error(n.source(), "each figure must be a [[figures]] table", "write each reported cost as a [[figures]] table: label, counts and its cost"); continue; }
                TableReader fr(*ft, path, "[[figures]]", diags);
                fr.only(data_keys("data/models/<id>.toml", "[[figures]]"));
                Figure f;
                f.label = fr.str("label");
                f.counts = fr.str("counts");
                f.bound = fr.str("bound", false);
                f.reading = fr.str("reading", false);
                one_of(fr, "data/models/<id>.toml", "[[figures]]", "bound", f.bound, "bound");
                f.cost_usd = fr.num("cost_usd", false);
                f.cost_usd_low = fr.num("cost_usd_low", false);
                f.cost_usd_high = fr.num("cost_usd_high", false);
                f.gpus = fr.num("gpus", false);
                f.usd_per_gpu = fr.num("usd_per_gpu", false);
                if (f.value_usd() <= 0)
                    fr.error(ft->source(), "a figure needs `cost_usd`, `cost_usd_low` and `cost_usd_high`, or `gpus` and `usd_per_gpu`",
                             "add `cost_usd = ...` as the source gives it (a range: `cost_usd_low` and `cost_usd_high`), or `gpus` and `usd_per_gpu` for a cluster's value", {}, 0);
                f.cite = cite(fr);
                m.figures.push_back(std::move(f));
            }
        }
        if (const toml::table* at = r.table("attention")) {
            TableReader ar(*at, path, "[attention]", diags);
            ar.only(data_keys("data/models/<id>.toml", "[attention]"));
            Attention a;
            a.layers = ar.num("layers", true, true);
            a.heads = ar.num("heads", true, true);
            a.head_dim = ar.num("head_dim", true, true);
            a.kv_latent_dim = ar.num("kv_latent_dim", false);
            a.rope_dim = ar.num("rope_dim", false);
            a.cite = cite(ar);
            m.attention = a;
        }
        if (m.ledger.stages.empty() && m.figures.empty() && m.gpus == 0)
            r.error(t->source(), "model `" + m.id + "` reports nothing",
                    "add [[stages]] with GPU-hours, or [[figures]] with a cost", {}, 0);
        m.where = {path, 1, 1};
        if (m.id.empty()) failed["models"].insert(p.stem().string());
        if (!m.id.empty() && unique("model", m.id, r)) data.models.push_back(std::move(m));
    }

    // Calls f(reader, table) for each [[key]] table in `top`; anything else in the array is an error.
    template <class F>
    void each_table(TableReader& top, const char* key, F&& f) {
        const toml::array* arr = top.array(key);
        if (!arr) return;
        const std::string context = std::string("[[") + key + "]]";
        for (const toml::node& n : *arr) {
            const toml::table* t = n.as_table();
            if (!t) { top.error(n.source(), std::string("each ") + key + " must be a " + context + " table", "write each one as a " + context + " table"); continue; }
            TableReader r(*t, top.path(), context, diags);
            f(r, *t);
        }
    }

    void load_developers(const fs::path& p) {
        std::string path;
        const toml::table* t = parse(p, path);
        if (!t) { developers_failed = true; return; }
        TableReader top(*t, path, "", diags);
        top.only(data_keys("data/developers.toml", ""));
        each_table(top, "developer", [&](TableReader& r, const toml::table& table) {
            r.only(data_keys("data/developers.toml", "[[developer]]"));
            Developer dev;
            dev.id = r.str("id");
            dev.name = r.str("name");
            dev.where = {path, static_cast<int>(table.source().begin.line), 1};
            if (!dev.id.empty() && unique("developer", dev.id, r)) data.developers.push_back(std::move(dev));
        });
    }

    std::string developer_ids() const {
        std::string s;
        for (const Developer& d : data.developers) s += (s.empty() ? "" : ", ") + d.id;
        return s.empty() ? "none: add data/developers.toml with [[developer]] id and name" : s;
    }

    // A phase list: `key = 512` or `key = [512, 1024]`, each a positive number.
    std::vector<double> numbers(TableReader& r, const char* key) {
        const toml::node* n = r.raw().get(key);
        if (!n) return {};
        if (const toml::array* a = n->as_array()) {
            std::vector<double> out;
            for (const toml::node& e : *a) {
                const std::optional<double> v = e.is_integer() ? std::optional<double>(static_cast<double>(e.as_integer()->get()))
                                                               : e.value<double>();
                if (!v || !std::isfinite(*v) || *v <= 0 || *v > 1e30) {
                    r.error(e.source(), std::string("`") + key + "` lists positive numbers", std::string("write e.g. ") + key + " = [512, 1024]");
                    return {};
                }
                out.push_back(*v);
            }
            if (out.empty()) r.error_at_key(key, std::string("`") + key + "` is empty", "give one number per phase");
            return out;
        }
        return {r.num(key, true, true)};
    }

    void load_runs(const fs::path& p) {
        std::string path;
        const toml::table* t = parse(p, path);
        if (!t) return;
        TableReader top(*t, path, "", diags);
        top.only(data_keys("data/runs/<file>.toml", ""));
        each_table(top, "run", [&](TableReader& r, const toml::table& table) {
            const toml::table* rt = &table;
            r.only(data_keys("data/runs/<file>.toml", "[[run]]"));
            Run run;
            run.model = r.str("model", false);
            const Model* m = nullptr;
            if (!run.model.empty()) {
                m = find_by_id(data.models, run.model);
                if (!m) {
                    if (!failed_ref("models", run.model))
                        r.error_at_key("model", "unknown model `" + run.model + "`", known("models", data.models, "add data/models/" + run.model + ".toml"));
                    return;
                }
                if (m->ledger.stages.empty() || m->params_active <= 0 || m->tokens <= 0) {
                    r.error_at_key("model", "model `" + run.model + "` has no pre-training stage, active parameters and tokens",
                                   "give the run's figures here instead of `model`");
                    return;
                }
                for (const char* k : {"id", "name", "developer", "gpu", "architecture", "params_active", "params_total", "tokens",
                                      "gpu_hours", "gpus", "days"})
                    if (rt->contains(k))
                        r.error_at_key(k, std::string("`") + k + "` comes from data/models/" + run.model + ".toml",
                                       "remove it here: one number, one place");
            }
            run.id = m ? m->id : r.str("id");
            run.name = m ? m->name : r.str("name");
            // Who trained it: an id from data/developers.toml (a model file's developer may give its name).
            if (m) {
                for (const Developer& d : data.developers)
                    if (d.id == m->developer || d.name == m->developer) run.developer = d.id;
                if (run.developer.empty() && !developers_failed)
                    r.error_at_key("model", "model `" + run.model + "` names developer `" + m->developer +
                                                "`, which is not in data/developers.toml",
                                   "add it there (id and name), or give this run's figures here with `developer`");
            } else {
                run.developer = r.str("developer");
                if (!run.developer.empty() && !find_by_id(data.developers, run.developer) && !developers_failed)
                    r.error_at_key("developer", "unknown developer `" + run.developer + "`", "known developers: " + developer_ids());
            }
            run.gpu = m ? m->ledger.stages[0].gpu.empty() ? m->gpu : m->ledger.stages[0].gpu : r.str("gpu");
            if (!m) gpu_ref(r, "gpu", run.gpu);
            run.precision = rt->contains("precision") || !m ? r.str("precision") : m->precision;
            if (!m || rt->contains("precision")) one_of(r, "data/runs/<file>.toml", "[[run]]", "precision", run.precision, "precision");
            run.architecture = m ? m->architecture : r.str("architecture");
            if (!m) one_of(r, "data/runs/<file>.toml", "[[run]]", "architecture", run.architecture, "architecture");
            run.params_active = m ? m->params_active : r.num("params_active", true, true);
            run.params_total = m ? m->params_total : r.num("params_total", false);
            run.tokens = m ? m->tokens : r.num("tokens", true, true);
            // How the hours were published: GPU-hours (as a total or per trillion tokens), or GPUs × days per phase.
            run.reported = m && !rt->contains("reported") ? "gpu-hours" : r.str("reported");
            if (run.reported == "gpu-hours" || run.reported == "gpu-hours per trillion tokens") {
                for (const char* k : {"gpus", "days"})
                    if (rt->contains(k))
                        r.error_at_key(k, std::string("`") + k + "` is for reported = \"gpus x days\"",
                                       "give `gpu_hours` as published, or set reported = \"gpus x days\"");
                run.gpu_hours = m ? m->ledger.stages[0].gpu_hours : r.num("gpu_hours", true, true);
            } else if (run.reported == "gpus x days") {
                if (rt->contains("gpu_hours"))
                    r.error_at_key("gpu_hours", "`gpu_hours` is computed from `gpus` and `days` here",
                                   "remove it: one number, one place");
                run.gpus = numbers(r, "gpus");
                run.days = numbers(r, "days");
                if (!rt->contains("gpus") || !rt->contains("days"))
                    r.error(rt->source(), "reported = \"gpus x days\" needs `gpus` and `days`" + std::string(" in [[run]]"),
                            "add e.g. gpus = 512 and days = 21 (lists for phases: gpus = [512, 1024], days = [9.5, 35])", {}, 0);
                else if (run.gpus.size() != run.days.size())
                    r.error_at_key("days", "`gpus` lists " + std::to_string(run.gpus.size()) + " phases, `days` " +
                                               std::to_string(run.days.size()),
                                   "give one number of days for each phase's GPUs");
                else run.gpu_hours = gpu_hours_of_phases(run.gpus, run.days);
            } else if (!run.reported.empty()) {
                const DataValues& ways = *data_values("data/runs/<file>.toml", "[[run]]", "reported");
                std::string use;
                for (size_t i = 0; i < ways.values.size(); ++i)
                    use += std::string(i == 0 ? "" : i + 1 == ways.values.size() ? " or " : ", ") + "\"" + ways.values[i].value + "\"";
                r.error_at_key("reported", "unknown way of reporting `" + run.reported + "`", "use " + use);
            }
            run.cite = m && !rt->contains("source") ? m->cite : cite(r);
            run.where = {path, static_cast<int>(rt->source().begin.line), 1};
            if (!run.id.empty() && unique("run", run.id, r)) data.runs.push_back(std::move(run));
        });
    }

    void load_tasks(const fs::path& p) {
        std::string path;
        const toml::table* t = parse(p, path);
        if (!t) return;
        TableReader top(*t, path, "", diags);
        top.only(data_keys("data/tasks.toml", ""));
        if (const toml::array* dates = top.array("dates")) {
            for (const toml::node& n : *dates) {
                const auto dt = n.value<toml::date>();
                if (!dt) { top.error(n.source(), "`dates` lists dates", "write them without quotes: dates = [2025-02-15, 2025-09-05]"); continue; }
                char buf[16];
                std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
                data.task_dates.push_back(buf);
            }
        }
        if (const toml::array* ids = top.array("compare")) {
            for (const toml::node& n : *ids) {
                const auto id = n.value<std::string>();
                if (!id) { top.error(n.source(), "`compare` lists price ids as strings", "write compare = [\"<price id>\", ...] with ids from data/prices/"); continue; }
                if (!find_by_id(data.prices, *id)) {
                    if (!prices_failed)
                        top.error(n.source(), "unknown price `" + *id + "` in `compare`", known("prices", data.prices, "add a [[price]] to data/prices/"));
                    continue;
                }
                data.task_prices.push_back(*id);
            }
        }
        each_table(top, "task", [&](TableReader& r, const toml::table& table) {
            const toml::table* tt = &table;
            r.only(data_keys("data/tasks.toml", "[[task]]"));
            Task task;
            task.id = r.str("id");
            task.name = r.str("name");
            task.input_tokens = r.num("input_tokens", true, true);
            task.reasoning_tokens = r.num("reasoning_tokens", true);
            task.output_tokens = r.num("output_tokens", true, true);
            task.cite = cite(r);
            task.where = {path, static_cast<int>(tt->source().begin.line), 1};
            if (!task.id.empty() && unique("task", task.id, r)) data.tasks.push_back(std::move(task));
        });
    }

    void load_prices(const fs::path& p) {
        std::string path;
        const toml::table* t = parse(p, path);
        if (!t) { prices_failed = true; return; }
        TableReader top(*t, path, "", diags);
        top.only(data_keys("data/prices/<file>.toml", ""));
        each_table(top, "rate", [&](TableReader& r, const toml::table& table) {
            r.only(data_keys("data/prices/<file>.toml", "[[rate]]"));
            MonthRate m;
            m.month = r.str("month");
            if (!m.month.empty() && !(m.month.size() == 7 && m.month[4] == '-' &&
                                      std::all_of(m.month.begin(), m.month.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); })))
                r.error_at_key("month", "`month` is written YYYY-MM, not `" + m.month + "`", "write month = \"2025-01\" for January 2025");
            m.cny_per_usd = r.num("cny_per_usd", true, true);
            m.cite = cite(r);
            m.where = {path, static_cast<int>(table.source().begin.line), 1};
            if (!m.month.empty() && unique("exchange rate for", m.month, r)) data.monthly_rates.push_back(std::move(m));
        });
        if (const toml::array* arr = top.array("price")) {
            for (const toml::node& n : *arr) {
                const toml::table* pt = n.as_table();
                if (!pt) { top.error(n.source(), "each price must be a [[price]] table", "write each price as a [[price]] table: id, name, from, and usd or cny"); continue; }
                TableReader r(*pt, path, "[[price]]", diags);
                r.only(data_keys("data/prices/<file>.toml", "[[price]]"));
                Price pr;
                pr.id = r.str("id");
                pr.name = r.str("name");
                pr.model = r.str("model", false);
                pr.from = r.date("from");
                pr.until = r.date("until");
                pr.as_of = r.date("as_of");
                if (!pr.from.empty() && !pr.until.empty() && pr.until <= pr.from)
                    r.error_at_key("until", "price `" + pr.id + "` ends on or before it starts", "`until` is the first day the price no longer applied");
                pr.note = r.str("note", false);
                pr.reasoning = r.flag("reasoning");
                for (const char* cur : {"usd", "cny"}) {
                    if (const toml::table* ct = r.table(cur)) {
                        TableReader cr(*ct, path, std::string(cur) + " prices", diags);
                        cr.only(data_keys("data/prices/<file>.toml", "[[price]] usd / cny"));
                        ApiPrice a{cr.num("hit"), cr.num("miss"), cr.num("output")};
                        (std::string(cur) == "usd" ? pr.usd : pr.cny) = a;
                    }
                }
                if (!pr.usd && !pr.cny) r.error(pt->source(), "price `" + pr.id + "` has neither `usd` nor `cny`",
                                                "add usd = { hit = ..., miss = ..., output = ... }", {}, 0);
                pr.cite = cite(r);
                pr.where = {path, static_cast<int>(pt->source().begin.line), 1};
                if (!pr.id.empty() && unique("price", pr.id, r)) data.prices.push_back(std::move(pr));
            }
        }
        if (const toml::table* et = top.table("exchange")) {
            TableReader er(*et, path, "[exchange]", diags);
            er.only(data_keys("data/prices/<file>.toml", "[exchange]"));
            data.cny_per_usd = er.num("cny_per_usd", true, true);
            data.exchange = cite(er);
        }
    }

    void load_fleet(const fs::path& p) {
        std::string path;
        const toml::table* t = parse(p, path, "one fleet");
        if (!t) { failed["fleet"].insert(p.stem().string()); return; }
        TableReader r(*t, path, "", diags);
        r.only(data_keys("data/fleet/<id>.toml", ""));
        Fleet f;
        f.id = r.str("id");
        f.name = r.str("name");
        f.gpus = r.num("gpus", true, true);
        f.years = r.num("years", true, true);
        f.total_usd = r.num("total_usd", true, true);
        f.opex_usd = r.num("opex_usd", false);
        f.capex_usd = r.num("capex_usd", false);
        f.total_via = r.str("total_via", false);
        if (f.opex_usd > f.total_usd) r.error_at_key("opex_usd", "`opex_usd` is larger than `total_usd`", "`total_usd` is capex and opex together: check the two figures against the source");
        f.cite = cite(r);
        f.where = {path, 1, 1};
        if (f.id.empty()) failed["fleet"].insert(p.stem().string());
        if (!f.id.empty() && unique("fleet", f.id, r)) data.fleets.push_back(std::move(f));
    }

    // `key = "id"` or `key = ["id", ...]`: ids as strings, each at its node for errors.
    std::vector<std::pair<std::string, const toml::node*>> ids(TableReader& r, const char* key) {
        std::vector<std::pair<std::string, const toml::node*>> out;
        const toml::node* n = r.raw().get(key);
        if (!n) return out;
        if (auto v = n->value<std::string>()) return {{*v, n}};
        if (const toml::array* a = n->as_array()) {
            for (const toml::node& e : *a) {
                const auto v = e.value<std::string>();
                if (!v) { r.error(e.source(), std::string("`") + key + "` lists ids as strings", std::string("write ") + key + " = [\"a\", \"b\"]"); continue; }
                out.push_back({*v, &e});
            }
            if (out.empty() && a->empty()) r.error_at_key(key, std::string("`") + key + "` is empty", std::string("name at least one id, or remove `") + key + "`");
            return out;
        }
        r.error(n->source(), std::string("`") + key + "` is an id or a list of ids", std::string("write ") + key + " = [\"a\", \"b\"]");
        return out;
    }

    void load_ladder(const fs::path& p) {
        std::string path;
        const toml::table* t = parse(p, path, "one ladder");
        // A ladder with errors is reported where they are, not again as unknown to [defaults].
        rejected_ladders.insert(p.stem().string());
        if (!t) return;
        const size_t before = diags.size();
        TableReader top(*t, path, "", diags);
        top.only(data_keys("data/ladders/<id>.toml", ""));
        LadderData l;
        l.id = top.str("id");
        l.to = top.str("to", false);
        l.description = top.str("description", false);
        l.note = top.str("note", false);
        l.where = {path, 1, 1};
        const toml::array* rungs = top.array("rung");
        if (!rungs || rungs->empty())
            top.error(t->source(), "ladder `" + l.id + "` has no rungs", "add one [[rung]] table per rung, in order", {}, 0);
        each_table(top, "rung", [&](TableReader& r, const toml::table& rt) {
            r.only(data_keys("data/ladders/<id>.toml", "[[rung]]"));
            LadderRung g;
            g.where = {path, static_cast<int>(rt.source().begin.line), 1};
            RungSpec& spec = g.spec;
            spec.id = r.str("id");
            spec.label = r.str("label");
            spec.key = r.str("key");
            const std::string kind = r.str("kind");
            const std::optional<RungKind> k = find_rung_kind(kind);
            if (!k && !kind.empty())
                r.error_at_key("kind", "unknown rung kind `" + kind + "`", "rung kinds: " + rung_kind_ids() +
                               " (GPU-hours at the rental rate, a multiple of earlier rungs, an amount, an amount that replaces earlier rungs)");
            spec.kind = k.value_or(RungKind::fixed);
            spec.starts_on = rt.contains("starts_on") ? r.flag("starts_on") : true;
            const int index = static_cast<int>(l.rungs.size());
            // Its key: the scenario key a page's link and the calculator use for its value.
            bool key_ok = !spec.key.empty() && spec.key.size() <= 64;
            for (char c : spec.key) key_ok = key_ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.');
            if (!spec.key.empty() && !key_ok)
                r.error_at_key("key", "scenario key `" + spec.key + "` must be lower-case letters, digits, `_`, `-` or `.`",
                               "it is written in links: `" + spec.id + "_usd`, say");
            else if (find_key(spec.key) || spec.key == "model" || spec.key == "count" || spec.key == "tab" || spec.key == "currency" ||
                     spec.key == "v" || spec.key == "pin")   // the share link's own
                r.error_at_key("key", "`" + spec.key + "` is one of the calculator's own keys", "give the rung a key of its own, e.g. `" +
                               spec.id + "_" + (spec.kind == RungKind::gpu_hours ? "gpu_hours" : spec.kind == RungKind::multiple ? "mult" : "usd") + "`");
            std::string earlier;
            for (const LadderRung& o : l.rungs) {
                earlier += (earlier.empty() ? "" : ", ") + o.spec.id;
                if (!spec.id.empty() && o.spec.id == spec.id)
                    r.error_at_key("id", "rung `" + spec.id + "` appears twice in ladder `" + l.id + "`", "give each rung its own id");
                if (!spec.key.empty() && o.spec.key == spec.key)
                    r.error_at_key("key", "rung `" + o.spec.id + "` already uses key `" + spec.key + "`", "give each rung its own key");
                for (const std::string& a : o.spec.aliases)
                    if (!spec.key.empty() && a == spec.key)
                        r.error_at_key("key", "`" + spec.key + "` is an alias of rung `" + o.spec.id + "`: old links read it as that rung",
                                       "give this rung another key");
            }
            // Keys it had before (`aliases`): a link written with one still opens the same scenario.
            for (const auto& [a, node] : ids(r, "aliases")) {
                bool ok = !a.empty() && a.size() <= 64;
                for (char c : a) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.');
                std::string clash;
                if (find_key(a) || a == "model" || a == "count" || a == "tab" || a == "currency" || a == "v" || a == "pin")
                    clash = "one of the calculator's own keys";
                else if (a == spec.key) clash = "this rung's own key";
                for (const LadderRung& o : l.rungs) {
                    if (o.spec.key == a) clash = "the key of rung `" + o.spec.id + "`";
                    for (const std::string& b : o.spec.aliases)
                        if (b == a) clash = "already an alias of rung `" + o.spec.id + "`";
                }
                for (const std::string& b : spec.aliases)
                    if (b == a) clash = "listed twice";
                if (!ok)
                    r.error(node->source(), "alias `" + a + "` must be lower-case letters, digits, `_`, `-` or `.`",
                            "an alias is a key old links used, such as `" + spec.id + "_usd`");
                else if (!clash.empty())
                    r.error(node->source(), "alias `" + a + "` is " + clash, "an alias names a key no rung uses now; remove it");
                else spec.aliases.push_back(a);
            }
            // The earlier rungs it multiplies (`of`) or stands in for (`for`).
            const char* refs_key = spec.kind == RungKind::multiple ? "of" : spec.kind == RungKind::stands_in ? "for" : nullptr;
            for (const char* rk : {"of", "for"}) {
                // A kind it does not know is the one error: which of the two fits is the author's to say.
                if (!k || !rt.contains(rk) || (refs_key && std::string(rk) == refs_key)) continue;
                r.error_at_key(rk, std::string("`") + rk + "` is for rungs of kind " + (std::string(rk) == "of" ? "`multiple`" : "`stands_in`"),
                               "remove it, or change `kind`");
            }
            if (refs_key) {
                if (!rt.contains(refs_key))
                    r.error(rt.source(), "rung `" + spec.id + "` of kind `" + kind + "` needs `" + refs_key + "`",
                            std::string("name the earlier rungs it ") + (spec.kind == RungKind::multiple ? "multiplies" : "stands in for") +
                                ": " + refs_key + " = [\"" + (l.rungs.empty() ? "..." : l.rungs.front().spec.id) + "\"]",
                            {}, 0);
                for (const auto& [id, node] : ids(r, refs_key)) {
                    int found = -1;
                    for (int j = 0; j < index; ++j) if (l.rungs[static_cast<size_t>(j)].spec.id == id) found = j;
                    if (found < 0) {
                        r.error(node->source(), "`" + std::string(refs_key) + "` names `" + id + "`, which is not an earlier rung",
                                earlier.empty() ? "this is the first rung: it has no earlier rungs to name" : "earlier rungs: " + earlier);
                        continue;
                    }
                    spec.refs |= 1u << found;
                }
            }
            // Its value: models' ledgers, a fleet's total, or the rung's own figure with its source.
            const bool has_value = rt.contains("likely") || rt.contains("low") || rt.contains("high");
            const auto models = ids(r, "model");
            if (rt.contains("model")) {
                if (k && spec.kind != RungKind::gpu_hours)
                    r.error_at_key("model", "`model` gives GPU-hours: it is for rungs of kind `gpu_hours`", "set kind = \"gpu_hours\", or give the rung's value with `likely`");
                if (has_value || rt.contains("fleet")) r.error_at_key("model", "give the value once: `model`, `fleet` or `likely`", "keep one of them and remove the others");
                const auto stages = ids(r, "stages");
                if (!stages.empty() && models.size() != 1) r.error_at_key("stages", "`stages` picks stages of one model", "name one model in `model`, or remove `stages` to sum the models' ledgers");
                double hours = 0;
                std::string common;
                bool mixed = false;
                Cite first;
                for (const auto& [id, node] : models) {
                    const Model* m = find_by_id(data.models, id);
                    if (!m) {
                        if (!failed_ref("models", id))
                            r.error(node->source(), "unknown model `" + id + "`", known("models", data.models, "add data/models/" + id + ".toml"));
                        continue;
                    }
                    if (m->ledger.stages.empty())
                        r.error(node->source(), "model `" + id + "` reports no GPU-hours", "models with stages: " + models_with_stages());
                    if (first.source.empty() && !first.assumption) first = m->cite;
                    for (const Stage& st : m->ledger.stages) {
                        bool use = stages.empty();
                        for (const auto& [sid, _] : stages) use = use || sid == st.id;
                        if (!use) continue;
                        hours += st.gpu_hours;
                        if (common.empty()) common = st.source;
                        else if (common != st.source) mixed = true;
                    }
                    for (const auto& [sid, snode] : stages) {
                        bool found = false;
                        std::string list;
                        for (const Stage& st : m->ledger.stages) {
                            found = found || st.id == sid;
                            list += (list.empty() ? "" : ", ") + st.id;
                        }
                        if (!found) r.error(snode->source(), "model `" + id + "` has no stage `" + sid + "`", "its stages: " + list);
                    }
                }
                g.value = Range::point(hours);
                g.cite = mixed || common.empty() || common == "assumption" ? first : Cite{common, false, {}, {}};
                g.reported = true;
            } else if (rt.contains("stages")) {
                r.error_at_key("stages", "`stages` picks stages of the rung's `model`", "add `model = \"<id>\"`");
            } else if (rt.contains("fleet")) {
                const std::string id = r.str("fleet");
                if (k && spec.kind != RungKind::fixed && spec.kind != RungKind::stands_in)
                    r.error_at_key("fleet", "`fleet` gives an amount in USD: it is for rungs of kind `fixed` or `stands_in`", "set kind = \"fixed\" or \"stands_in\", or give the rung's value with `likely`");
                if (has_value) r.error_at_key("fleet", "give the value once: `fleet` or `likely`", "keep one of them and remove the other");
                const Fleet* f = find_by_id(data.fleets, id);
                if (!f && !id.empty() && !failed_ref("fleet", id))
                    r.error_at_key("fleet", "unknown fleet `" + id + "`", known("fleets", data.fleets, "add data/fleet/" + id + ".toml"));
                if (f) { g.value = Range::point(f->total_usd); g.cite = f->cite; }
            } else {
                if (!has_value)
                    r.error(rt.source(), "rung `" + spec.id + "` has no value",
                            spec.kind == RungKind::gpu_hours ? "add `model = \"<id>\"` (its ledger's GPU-hours), or `likely = ...` with a `source`"
                            : spec.kind == RungKind::multiple ? "add `likely = ...` (and `low`, `high`) with a `source`, or `assumption = true` and a `reason`"
                                                              : "add `fleet = \"<id>\"`, or `likely = ...` with a `source`",
                            {}, 0);
                else g.value = r.range();
                g.cite = cite(r);
                g.stated = true;
            }
            if (rt.contains("model") || rt.contains("fleet")) {
                // The value is the model's or the fleet's, with its source: a rung does not cite it again.
                for (const char* c : {"source", "assumption", "reason"})
                    if (rt.contains(c)) r.error_at_key(c, std::string("`") + c + "` comes with the " + (rt.contains("model") ? "model's" : "fleet's") + " figure",
                                                       "remove it here");
            }
            // The calculator clamps the value to its slider's limits: one outside would differ on the page.
            Scenario probe;
            probe.ladder.rungs = {spec};
            const KeyInfo info = input_info(probe, rung_key(0));
            for (double v : {g.value.low, g.value.likely, g.value.high})
                if (v < info.min || v > info.max) {
                    r.error(rt.source(), "rung `" + spec.id + "`'s value is outside the calculator's range for it",
                            std::string("a ") + kind + " rung runs from " + format_sig(info.min, 4) + " to " + format_sig(info.max, 4) + " (" + info.unit + ")",
                            {}, 0);
                    break;
                }
            if (static_cast<int>(l.rungs.size()) == kMaxRungs)
                r.error(rt.source(), "ladder `" + l.id + "` has more than " + std::to_string(kMaxRungs) + " rungs", "merge some of them", {}, 0);
            l.rungs.push_back(std::move(g));
        });
        if (!l.id.empty()) rejected_ladders.insert(l.id);
        if (diags.size() != before) return;
        l.spec.id = l.id;
        for (const LadderRung& g : l.rungs) l.spec.rungs.push_back(g.spec);
        const Result<LadderSpec> checked = check_ladder(l.spec);
        if (!checked) { top.error(t->source(), checked.error.message, checked.error.help, {}, 0); return; }
        rejected_ladders.erase(p.stem().string());
        rejected_ladders.erase(l.id);
        if (!l.id.empty() && unique("ladder", l.id, top)) data.ladders.push_back(std::move(l));
    }

    std::string models_with_stages() const {
        std::string out;
        for (const Model& m : data.models) if (!m.ledger.stages.empty()) out += (out.empty() ? "" : ", ") + m.id;
        return out;
    }

    void load_scenario(const fs::path& p) {
        std::string path;
        const toml::table* t = parse(p, path);
        if (!t) return;
        for (const auto& [k, v] : *t) {
            const std::string key(k.str());
            const toml::table* vt = v.as_table();
            if (!vt) {
                Diagnostic d = diagnostic_at(path, k.source(), "`" + key + "` must be a table: [" + key + "]");
                d.help = key == "model" || key == "rl_model" || key == "price" || key == "ladder" || key == "runs"
                             ? "put it under [defaults]: [defaults] then " + key + " = ..."
                             : "write it as a table: [" + key + "] then `likely = ...` with a `source` or `assumption = true` and a `reason`";
                diags.add(std::move(d));
                continue;
            }
            TableReader r(*vt, path, "[" + key + "]", diags);
            if (key == "defaults") {
                r.only(data_keys("data/scenario.toml", "[defaults]"));
                data.default_model = r.str("model");
                if (vt->contains("runs")) {
                    data.runs_mode = r.str("runs");
                    if (!one_of_set(*data_values("data/scenario.toml", "[defaults]", "runs"), data.runs_mode))
                        r.error_at_key("runs", "`runs` is \"add\" or \"replace\", not `" + data.runs_mode + "`",
                                       "\"add\": fit the default MFU on costbook's shipped runs and data/runs/; "
                                       "\"replace\": on data/runs/ alone");
                    runs_where = {path, static_cast<int>(vt->get("runs")->source().begin.line),
                                  static_cast<int>(vt->get("runs")->source().begin.column)};
                }
                data.rl_model = r.str("rl_model", false);
                data.default_price = r.str("price", false);
                data.default_ladder = r.str("ladder", false);
                for (const char* key : {"model", "rl_model", "price", "ladder"})
                    if (const toml::node* n = vt->get(key)) default_refs[key] = {"", path, n->source(), key};
                continue;
            }
            const std::optional<Key> sk = find_key(key);
            if (!sk) {
                Diagnostic d = diagnostic_at(path, k.source(), "unknown scenario input `" + key + "`");
                d.len = static_cast<int>(key.size());
                d.help = "known inputs: " + scenario_input_ids();
                for (const LadderData& l : data.ladders)
                    for (const LadderRung& g : l.rungs)
                        if (g.spec.key == key) d.help = "`" + key + "` is rung `" + g.spec.id + "` of " + l.where.path + ": set its value there";
                diags.add(std::move(d));
                continue;
            }
            r.only(data_keys("data/scenario.toml", "[<input>]"));
            Assumption a{*sk, r.range(), cite(r), {path, static_cast<int>(vt->source().begin.line), 1}};
            // The calculator clamps its inputs to these ranges: a value outside would give the
            // page one result and the calculator another (and some, like 0 years, no result).
            const KeyInfo& info = key_info(*sk);
            for (auto [name, v] : {std::pair<const char*, double>{"low", a.value.low}, {"likely", a.value.likely}, {"high", a.value.high}}) {
                if (!vt->contains(name) || (v >= info.min && v <= info.max)) continue;
                r.error_at_key(name, "`" + std::string(name) + "` in [" + key + "] is outside the calculator's range for it",
                               std::string(info.label) + " runs from " + format_sig(info.min, 4) + " to " + format_sig(info.max, 4) +
                                   " (" + info.unit + ")");
            }
            if (a.cite.reason.empty())
                r.error(vt->source(), "`" + key + "` needs a one-line `reason`", "the page shows it beside the value", {}, 0);
            data.assumptions.push_back(std::move(a));
        }
        if (!t->contains("defaults")) no_default_model(path);
    }

    // No [defaults] model: the estimate, the rental rate and every tab start from it.
    void no_default_model(const std::string& path, bool file = true) {
        const std::string example = data.models.empty() ? "<id>" : data.models.front().id;
        diags.error(path, 0, 0, file ? "no `[defaults]` table: the site's default `model` is not set"
                                     : "missing data/scenario.toml: the site's `[defaults]` and its `model`",
                    "add `[defaults]` and under it `model = \"" + example + "\"`: the model the estimate and the rental rate start from (" +
                        (data.models.empty() ? std::string("none yet: add data/models/<id>.toml") : "models: " + ids_of(data.models)) + ")");
    }

    void load_facts(const fs::path& p) {
        std::string path;
        const toml::table* t = parse(p, path);
        if (!t) return;
        TableReader top(*t, path, "", diags);
        top.only(data_keys("data/facts.toml", ""));
        const toml::array* arr = top.array("fact");
        if (!arr) return;
        const DataValues& units = *data_values("data/facts.toml", "[[fact]]", "unit");
        for (const toml::node& n : *arr) {
            const toml::table* ft = n.as_table();
            if (!ft) { top.error(n.source(), "each fact must be a [[fact]] table", "write each fact as a [[fact]] table: id, value, unit and its source"); continue; }
            TableReader r(*ft, path, "[[fact]]", diags);
            r.only(data_keys("data/facts.toml", "[[fact]]"));
            Fact f;
            f.id = r.str("id");
            f.unit = r.str("unit");
            f.note = r.str("note", false);
            if (!f.unit.empty() && !one_of_set(units, f.unit))
                r.error_at_key("unit", "unknown unit `" + f.unit + "`", "units: " + values_text(units));
            const double v = r.num("value");
            f.value = Range::point(v);
            if (ft->contains("low") || ft->contains("high")) {
                f.value.low = r.num("low");
                f.value.high = r.num("high");
                if (!(f.value.low <= v && v <= f.value.high))
                    r.error(ft->source(), "fact `" + f.id + "` must satisfy low <= value <= high", "check `low`, `value` and `high` against the source", {}, 0);
            }
            f.cite = cite(r);
            f.where = {path, static_cast<int>(ft->source().begin.line), 1};
            if (!f.id.empty() && unique("fact", f.id, r)) data.facts.push_back(std::move(f));
        }
    }

    void check_references() {
        for (const Ref& ref : source_refs) {
            if (sources_failed || find_by_id(data.sources, ref.id)) continue;
            Diagnostic d = diagnostic_at(ref.path, ref.where, "unknown source id `" + ref.id + "`");
            d.label = "not in data/sources.toml";
            d.note = "source ids are defined in data/sources.toml";
            d.help = "add a [[source]] with id = \"" + ref.id + "\"" + (data.sources.empty() ? "" : ", or use one of: " + ids_of(data.sources));
            diags.add(std::move(d));
        }
        for (const Ref& ref : gpu_refs) {
            if (find_by_id(data.gpus, ref.id) || failed_ref("gpus", ref.id)) continue;
            Diagnostic d = diagnostic_at(ref.path, ref.where, "unknown GPU `" + ref.id + "`");
            d.help = data.gpus.empty() ? "there are no GPUs yet: add data/gpus/" + ref.id + ".toml"
                                       : "known GPUs: " + ids_of(data.gpus) + "; or add data/gpus/" + ref.id + ".toml";
            diags.add(std::move(d));
        }
        const auto need = [&](const char* key, const std::string& id, bool found, const char* what, const std::string& known) {
            if (found || id.empty()) return;
            if ((std::string(what) == "model" && failed_ref("models", id)) || (std::string(what) == "price" && prices_failed)) return;
            const std::string message = std::string("[defaults] names unknown ") + what + " `" + id + "`";
            const auto at = default_refs.find(key);
            if (at == default_refs.end()) {
                diags.error(prefix + "scenario.toml", 0, 0, message, "known: " + known);
                return;
            }
            Diagnostic d = diagnostic_at(at->second.path, at->second.where, message);
            d.help = "known: " + known;
            diags.add(std::move(d));
        };
        const std::string models = data.models.empty() ? std::string("none: add data/models/<id>.toml") : ids_of(data.models);
        need("model", data.default_model, find_by_id(data.models, data.default_model), "model", models);
        need("rl_model", data.rl_model, find_by_id(data.models, data.rl_model), "model", models);
        need("price", data.default_price, find_by_id(data.prices, data.default_price), "price",
             data.prices.empty() ? std::string("none: add a [[price]] to data/prices/") : ids_of(data.prices));
        need("ladder", data.default_ladder,
             find_by_id(data.ladders, data.default_ladder) || rejected_ladders.count(data.default_ladder) > 0, "ladder",
             data.ladders.empty() ? std::string("none: add data/ladders/<id>.toml") : ids_of(data.ladders));
        if (data.default_ladder.empty() && !data.ladders.empty()) data.default_ladder = data.ladders.front().id;
    }
};

// Each run's GPU as the fit needs it, from the data set the run came from.
void resolve_run_gpus(Data& d) {
    for (Run& r : d.runs)
        if (const Gpu* g = d.gpu(r.gpu)) {
            r.gpu_name = g->name;
            r.gpu_generation = g->generation;
            r.gpu_bf16_flop_per_s = g->bf16_flop_per_s;
        }
}

// The shipped runs a site does not replace with its own (same id), with the developers and sources
// they cite: the sources apart (Data::shipped_sources), so a site's sources page stays its own.
void add_shipped_runs(Data& d, const Data& shipped) {
    std::vector<Run> runs;
    for (const Run& r : shipped.runs) {
        if (find_by_id(d.runs, r.id)) continue;
        runs.push_back(r);
        if (!find_by_id(d.developers, r.developer))
            if (const Developer* dev = find_by_id(shipped.developers, r.developer)) d.developers.push_back(*dev);
        if (!find_by_id(d.shipped_sources, r.cite.source))
            if (const Source* s = find_by_id(shipped.sources, r.cite.source)) d.shipped_sources.push_back(*s);
    }
    d.shipped_runs = static_cast<int>(runs.size());
    runs.insert(runs.end(), d.runs.begin(), d.runs.end());
    d.runs = std::move(runs);
}

// A file's entry exists (a symlink counts, even a broken one: reading it reports the problem).
bool present(const fs::path& p) {
    std::error_code ec;
    return fs::symlink_status(p, ec).type() != fs::file_type::not_found && !ec;
}

}  // namespace

const Source* Data::source(const std::string& id) const { return find_by_id(sources, id); }
const Gpu* Data::gpu(const std::string& id) const { return find_by_id(gpus, id); }
const Model* Data::model(const std::string& id) const { return find_by_id(models, id); }
const Price* Data::price(const std::string& id) const { return find_by_id(prices, id); }
const Fleet* Data::fleet(const std::string& id) const { return find_by_id(fleets, id); }
const Assumption* Data::assumption(Key k) const {
    for (const Assumption& a : assumptions) if (a.key == k) return &a;
    return nullptr;
}
std::string Data::model_ids() const { return ids_of(models); }
std::string Data::gpu_ids() const { return ids_of(gpus); }
std::string Data::price_ids() const { return ids_of(prices); }
const Run* Data::run(const std::string& id) const { return find_by_id(runs, id); }
const Source* Data::run_source(const Run& r) const {
    return r.shipped ? find_by_id(shipped_sources, r.cite.source) : find_by_id(sources, r.cite.source);
}
const Developer* Data::developer(const std::string& id) const { return find_by_id(developers, id); }
const Fact* Data::fact(const std::string& id) const { return find_by_id(facts, id); }
const LadderData* Data::ladder(const std::string& id) const { return find_by_id(ladders, id); }
std::string Data::ladder_ids() const { return ids_of(ladders); }
const MonthRate* Data::rate_for_month(const std::string& month) const {
    for (const MonthRate& m : monthly_rates) if (m.month == month) return &m;
    return nullptr;
}

std::optional<Data> load_data(const std::string& data_dir, const std::string& display_prefix, Diagnostics& diags) {
    Loader l{diags, data_dir, display_prefix, {}, {}, {}, {}, {}, {}, nullptr, {}, {}};
    const size_t before = diags.size();
    const fs::path root(data_dir);
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        diags.error(display_prefix.empty() ? data_dir : display_prefix, 0, 0, "no data folder here", "run costbook from a site folder (one with data/), or pass --site DIR");
        return std::nullopt;
    }
    if (present(root / "sources.toml")) l.load_sources(root / "sources.toml");
    else {
        diags.error(display_prefix + "sources.toml", 0, 0, "missing data/sources.toml", "every figure cites a source id defined there");
    }
    // data/'s folders of TOML files: regular files only (symlinks are refused, as in content/).
    const auto toml_files = [&](const char* folder) {
        Listing how;
        how.ext = ".toml";
        how.symlink_message = "symlinks are not followed in data/";
        how.symlink_help = "copy the file into data/ instead";
        return list_files(root / folder, display_prefix + folder, how, diags);
    };
    for (const fs::path& p : toml_files("gpus")) l.load_gpu(p);
    for (const fs::path& p : toml_files("models")) l.load_model(p);
    if (present(root / "developers.toml")) l.load_developers(root / "developers.toml");
    for (const fs::path& p : toml_files("runs")) l.load_runs(p);
    for (const fs::path& p : toml_files("prices")) l.load_prices(p);
    for (const fs::path& p : toml_files("fleet")) l.load_fleet(p);
    for (const fs::path& p : toml_files("ladders")) l.load_ladder(p);   // after the models and fleets they read
    if (present(root / "tasks.toml")) l.load_tasks(root / "tasks.toml");
    if (present(root / "scenario.toml")) l.load_scenario(root / "scenario.toml");
    else l.no_default_model(display_prefix + "scenario.toml", false);
    if (present(root / "facts.toml")) l.load_facts(root / "facts.toml");
    l.check_references();
    if (diags.size() != before) return std::nullopt;
    std::sort(l.data.models.begin(), l.data.models.end(), [](const Model& a, const Model& b) { return a.id < b.id; });
    Data& data = l.data;
    resolve_run_gpus(data);
    data.own_runs = static_cast<int>(data.runs.size());
    if (data.runs_mode == "add") {
        // Parsed once per process (serve rebuilds on every save); they were checked when costbook was built.
        static const std::optional<Data> shipped = [] { Diagnostics quiet; return load_shipped_runs(quiet); }();
        if (!shipped) {
            diags.error(display_prefix + "runs", 0, 0, "costbook's shipped runs do not load",
                        "a costbook bug: build it again from a checkout whose data/runs/ loads; meanwhile `runs = \"replace\"` fits on data/runs/ alone");
            return std::nullopt;
        }
        add_shipped_runs(data, *shipped);
    }
    // No estimate from a fit on too few runs: its coefficients would be the ridge's, its interval nobody's.
    std::set<std::string> devs;
    for (const Run& r : data.runs) devs.insert(r.developer);
    if (static_cast<int>(data.runs.size()) < kMinFitRuns || static_cast<int>(devs.size()) < kMinFitDevelopers) {
        const std::string what = "the default MFU would be fitted on " + std::to_string(data.runs.size()) + " run" +
                                 (data.runs.size() == 1 ? "" : "s") + " by " + std::to_string(devs.size()) + " developer" +
                                 (devs.size() == 1 ? "" : "s") + "; it needs at least " + std::to_string(kMinFitRuns) + " runs by " +
                                 std::to_string(kMinFitDevelopers) + " developers";
        const std::string help = "remove `runs = \"replace\"` to fit on costbook's " + std::to_string(shipped_run_count()) +
                                 " published runs as well, or add runs to data/runs/";
        if (!l.runs_where.path.empty())
            diags.error(l.runs_where.path, l.runs_where.line, l.runs_where.col, what, help).len = static_cast<int>(data.runs_mode.size()) + 2;
        else diags.error(display_prefix + "runs", 0, 0, what, help);
        return std::nullopt;
    }
    return std::move(l.data);
}

std::optional<Data> load_shipped_runs(Diagnostics& diags) {
    static const std::map<std::string, std::string> files = [] {
        std::map<std::string, std::string> m;
        for (const EmbeddedFile* f = kShippedRunFiles; f->path; ++f)
            m["data/" + std::string(f->path)] = std::string(reinterpret_cast<const char*>(f->data), f->size);
        return m;
    }();
    Loader l{diags, "data", "(costbook's shipped runs) data/", {}, {}, {}, {}, {}, {}, nullptr, {}, {}};
    l.memory = &files;
    const size_t before = diags.size();
    const auto in = [&](const std::string& folder) {
        std::vector<fs::path> out;
        for (const auto& [path, text] : files)
            if (path.rfind("data/" + folder + "/", 0) == 0) out.emplace_back(path);
        return out;
    };
    l.load_sources("data/sources.toml");
    for (const fs::path& p : in("gpus")) l.load_gpu(p);
    for (const fs::path& p : in("models")) l.load_model(p);
    l.load_developers("data/developers.toml");
    for (const fs::path& p : in("runs")) l.load_runs(p);
    l.check_references();
    if (diags.size() != before) return std::nullopt;
    resolve_run_gpus(l.data);
    for (Run& r : l.data.runs) r.shipped = true;
    return std::move(l.data);
}

int shipped_run_count() {
    static const int n = [] { Diagnostics quiet; const auto d = load_shipped_runs(quiet); return d ? static_cast<int>(d->runs.size()) : 0; }();
    return n;
}

std::string Data::runs_from() const {
    const auto n = [](int k, const char* what) { return std::to_string(k) + " " + what + (k == 1 ? "" : "s"); };
    if (shipped_runs == 0) return "the " + n(own_runs, "run") + " of this site's data/runs/";
    if (own_runs == 0) return "the " + n(shipped_runs, "published run") + " costbook ships";
    return "the " + n(shipped_runs, "published run") + " costbook ships and the " + n(own_runs, "run") + " of this site's data/runs/";
}

}  // namespace costbook::site
