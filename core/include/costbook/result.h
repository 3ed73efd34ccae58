// costbook core: errors as values
// Index: [SECTION] Error  [SECTION] Result
//
// Core never throws across its API and knows no files: an error names the field it is about
// ("stages.rl.gpu_hours", "rate"); the site maps the field to a file:line:col.
#pragma once
#include <optional>
#include <string>
#include <utility>

namespace costbook {

// ---- [SECTION] Error ----
struct Error {
    std::string message;  // lower case, no closing period: "`mfu` must be between 0 and 1"
    std::string help;     // how to fix it, or empty
    std::string field;    // the input it is about, or empty
};

// ---- [SECTION] Result ----
template <class T>
struct Result {
    std::optional<T> value;
    Error error;

    static Result ok(T v) { Result r; r.value = std::move(v); return r; }
    static Result fail(std::string message, std::string help = {}, std::string field = {}) {
        Result r; r.error = Error{std::move(message), std::move(help), std::move(field)}; return r;
    }
    explicit operator bool() const { return value.has_value(); }
    const T& operator*() const { return *value; }
    const T* operator->() const { return &*value; }
};

}  // namespace costbook
