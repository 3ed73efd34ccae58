// Runs the official Mustache spec (https://github.com/mustache/spec) against
// costbook's own engine, site/mustache/mustache.h.
//
// Every test of the required spec files is compiled and rendered, and compared
// with its `expected` output: one CHECK per spec test, reported with
// "<file>: <test name>". The optional "~*.json" files (lambdas, inheritance,
// dynamic names) are not run: the engine does not implement them.
//
// MUSTACHE_SPEC_DIR (a compile definition) is the directory holding the spec
// JSON files.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <charconv>
#include <fstream>
#include <stdexcept>
#include <string>

#include "mustache/mustache.h"

#ifndef MUSTACHE_SPEC_DIR
#error "MUSTACHE_SPEC_DIR must be defined to the directory of the Mustache spec JSON files"
#endif

namespace {

namespace mu = costbook::site::mustache;

// Shortest decimal text that reads back as the same double ("1.21", "1.5",
// "1234567.89"), as JavaScript and JSON serialisers print it.
std::string number_text(double v) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

// nlohmann::json -> mu::Value, with the meaning the spec gives to data:
//   object -> map, array -> list, string -> string, bool -> bool, null -> null.
// The engine has no numbers: a number becomes its text ("85", "1.21"), as the
// site passes numbers. (So 0 is truthy "0"; no required spec test depends on it.)
mu::Value to_value(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::null: return mu::Value();
        case nlohmann::json::value_t::boolean: return mu::Value(j.get<bool>());
        case nlohmann::json::value_t::number_integer: return mu::Value(std::to_string(j.get<long long>()));
        case nlohmann::json::value_t::number_unsigned: return mu::Value(std::to_string(j.get<unsigned long long>()));
        case nlohmann::json::value_t::number_float: return mu::Value(number_text(j.get<double>()));
        case nlohmann::json::value_t::string: return mu::Value(j.get<std::string>());
        case nlohmann::json::value_t::array: {
            mu::Value::List items;
            items.reserve(j.size());
            for (const auto& item : j) items.push_back(to_value(item));
            return mu::Value::list(std::move(items));
        }
        case nlohmann::json::value_t::object: {
            std::vector<mu::Value::Entry> entries;
            for (auto it = j.begin(); it != j.end(); ++it) entries.emplace_back(it.key(), to_value(it.value()));
            return mu::Value::map(std::move(entries));
        }
        default: return mu::Value();  // binary / discarded: not produced by the spec files
    }
}

nlohmann::json load_spec(const std::string& file) {
    const std::string path = std::string(MUSTACHE_SPEC_DIR) + "/" + file;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open Mustache spec file " + path);
    return nlohmann::json::parse(in);
}

std::string where(const mu::Error& e) {
    return std::to_string(e.line) + ":" + std::to_string(e.col) + ": " + e.message;
}

// Compiles and renders one spec test; a compile error becomes the output text
// so that it shows up in the failure message.
std::string render_spec_test(const nlohmann::json& test) {
    mu::PartialMap partials;
    if (test.contains("partials"))
        for (auto it = test["partials"].begin(); it != test["partials"].end(); ++it) {
            mu::Error e;
            auto t = mu::Template::compile(it.value().get<std::string>(), e);
            if (!t) return "<partial " + it.key() + " failed to compile: " + where(e) + ">";
            partials.emplace(it.key(), std::move(*t));
        }
    mu::Error e;
    const auto t = mu::Template::compile(test.at("template").get<std::string>(), e);
    if (!t) return "<failed to compile: " + where(e) + ">";
    return t->render(to_value(test.at("data")), mu::lookup_in(partials));
}

// Makes whitespace visible in failure messages.
std::string show(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            default: out += c;
        }
    }
    return out + "\"";
}

void run_spec_file(const std::string& file) {
    nlohmann::json spec;
    REQUIRE_NOTHROW(spec = load_spec(file));
    REQUIRE(spec.contains("tests"));
    REQUIRE(!spec["tests"].empty());

    for (const auto& test : spec["tests"]) {
        const std::string name = test.at("name").get<std::string>();
        const std::string expected = test.at("expected").get<std::string>();
        const std::string actual = render_spec_test(test);
        const bool matches_spec = actual == expected;  // a bool: keeps doctest from dumping raw text
        CHECK_MESSAGE(matches_spec,
                      file << ": " << name << "\n  template: " << show(test["template"].get<std::string>())
                           << "\n  expected: " << show(expected) << "\n  actual:   " << show(actual));
    }
}

}  // namespace

TEST_SUITE("mustache spec (engine)") {
    TEST_CASE("comments.json") { run_spec_file("comments.json"); }
    TEST_CASE("delimiters.json") { run_spec_file("delimiters.json"); }
    TEST_CASE("interpolation.json") { run_spec_file("interpolation.json"); }
    TEST_CASE("inverted.json") { run_spec_file("inverted.json"); }
    TEST_CASE("partials.json") { run_spec_file("partials.json"); }
    TEST_CASE("sections.json") { run_spec_file("sections.json"); }
}
