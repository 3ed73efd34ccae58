// Runs the official Mustache spec (https://github.com/mustache/spec) against
// mstch, the Mustache implementation the site generator uses.
//
// Every test of the required spec files is rendered with mstch::render and
// compared with its `expected` output: one CHECK per spec test, reported with
// "<file>: <test name>". The optional "~*.json" files (lambdas, inheritance,
// dynamic names) are not run: they are not part of what costbook relies on.
//
// MUSTACHE_SPEC_DIR (a compile definition) is the directory holding the spec
// JSON files.

#include <doctest/doctest.h>

#include <mstch/mstch.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <climits>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

#ifndef MUSTACHE_SPEC_DIR
#error "MUSTACHE_SPEC_DIR must be defined to the directory of the Mustache spec JSON files"
#endif

namespace {

// Shortest decimal text that reads back as the same double ("1.21", "1.5",
// "1234567.89"), as JavaScript and JSON serialisers print it.
std::string number_text(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

// nlohmann::json -> mstch::node, with the meaning the spec gives to data:
//   object -> mstch::map, array -> mstch::array, string -> std::string,
//   bool -> bool, null -> nullptr (falsey, renders as "").
// Numbers: mstch has only `int` (32-bit) and `double`, and prints a double with
// a plain `operator<<`, i.e. 6 significant digits (1234567.89 -> "1.23457e+06",
// 3.14159265 -> "3.14159"). So:
//   integer that fits in int -> int ("85"; 0 stays falsey, as in mstch),
//   any other integer        -> its decimal text (no 32-bit overflow),
//   float 0.0                -> int 0 (falsey and prints "0", like int 0),
//   other float              -> shortest round-trip text ("1.21", "1.5").
// A non-zero number is truthy whether it is an int, a double or a non-empty
// string, so the text forms do not change section behaviour.
mstch::node to_node(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return nullptr;
    case nlohmann::json::value_t::boolean:
      return j.get<bool>();
    case nlohmann::json::value_t::number_integer: {
      const auto v = j.get<long long>();
      if (v >= INT_MIN && v <= INT_MAX) return static_cast<int>(v);
      return std::to_string(v);
    }
    case nlohmann::json::value_t::number_unsigned: {
      const auto v = j.get<unsigned long long>();
      if (v <= static_cast<unsigned long long>(INT_MAX)) return static_cast<int>(v);
      return std::to_string(v);
    }
    case nlohmann::json::value_t::number_float: {
      const double v = j.get<double>();
      if (v == 0.0) return 0;
      return number_text(v);
    }
    case nlohmann::json::value_t::string:
      return j.get<std::string>();
    case nlohmann::json::value_t::array: {
      mstch::array arr;
      arr.reserve(j.size());
      for (const auto& item : j) arr.push_back(to_node(item));
      return arr;
    }
    case nlohmann::json::value_t::object: {
      mstch::map m;
      for (auto it = j.begin(); it != j.end(); ++it) m.emplace(it.key(), to_node(it.value()));
      return m;
    }
    default:  // binary / discarded: not produced by the spec files
      return nullptr;
  }
}

nlohmann::json load_spec(const std::string& file) {
  const std::string path = std::string(MUSTACHE_SPEC_DIR) + "/" + file;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open Mustache spec file " + path);
  return nlohmann::json::parse(in);
}

// Renders one spec test; exceptions thrown by mstch become the output text so
// that they show up in the failure message instead of aborting the file.
std::string render_spec_test(const nlohmann::json& test) {
  std::map<std::string, std::string> partials;
  if (test.contains("partials"))
    for (auto it = test["partials"].begin(); it != test["partials"].end(); ++it)
      partials.emplace(it.key(), it.value().get<std::string>());
  try {
    return mstch::render(test.at("template").get<std::string>(), to_node(test.at("data")),
                         partials);
  } catch (const std::exception& e) {
    return std::string("<mstch threw: ") + e.what() + ">";
  }
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

TEST_SUITE("mustache spec (mstch)") {
  TEST_CASE("comments.json") { run_spec_file("comments.json"); }
  TEST_CASE("delimiters.json") { run_spec_file("delimiters.json"); }
  TEST_CASE("interpolation.json") { run_spec_file("interpolation.json"); }
  TEST_CASE("inverted.json") { run_spec_file("inverted.json"); }
  TEST_CASE("partials.json") { run_spec_file("partials.json"); }
  TEST_CASE("sections.json") { run_spec_file("sections.json"); }
}
