// site: Mustache templates, parsed once, rendered many times from many threads
// Index: [SECTION] Values  [SECTION] Templates  [SECTION] Escaping
//
// The required parts of the Mustache spec (https://github.com/mustache/spec):
// interpolation `{{x}}` (HTML-escaped), `{{{x}}}` and `{{&x}}` (raw), dotted names,
// the implicit iterator `{{.}}`, sections `{{#x}}…{{/x}}` over lists, maps and truthy
// values, inverted sections `{{^x}}…{{/x}}`, comments `{{! … }}`, set-delimiter tags
// `{{=<% %>=}}`, partials `{{> name}}` (a standalone partial indents every line of its
// template by the tag's indentation), and standalone lines (a line holding only a
// section, inverted, close, comment, partial or delimiter tag is removed whole).
// No lambdas. Differences from the spec, as mstch behaves and our templates rely on:
//   - the empty string is falsy, like null, false and the empty list (an empty map is truthy);
//   - `{{x}}` of a bool prints "true"/"false"; of a list or a map, nothing.
//
// Values are immutable once built; lists and maps are shared, never copied, so one
// site-wide list can sit in every page's context. A Template is compiled once into a
// flat instruction vector (text spans and pre-split names point into the template's own
// copy of its text); rendering appends into one string and allocates nothing else but
// one vector of frames (open sections and partials, which is also the context stack) and,
// only under an indented standalone partial, one of indentation pieces. Rendering does not
// recurse: no template or data can overflow the stack. Templates, values and contexts may
// be used from many threads at once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace costbook::site::mustache {

// ---- [SECTION] Values ----
class Value {
public:
    enum class Kind : std::uint8_t { null, boolean, string, list, map };
    using List = std::vector<Value>;
    using Entry = std::pair<std::string, Value>;
    using Map = std::vector<Entry>;  // sorted by key, keys unique

    Value() noexcept = default;  // null
    Value(std::nullptr_t) noexcept {}
    Value(bool b) noexcept : v_(b) {}
    Value(std::string s) : v_(std::move(s)) {}
    Value(std::string_view s) : v_(std::string(s)) {}
    Value(const char* s) : v_(std::string(s)) {}  // without it a literal would become a bool
    // Numbers are not values: pass their text (std::to_string), whose truthiness is that of
    // a string. Deleted so that an int does not silently become a bool.
    template <class T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, int> = 0>
    Value(T) = delete;

    static Value list(List items);
    static Value map(std::vector<Entry> entries);  // a key given twice: the later entry wins; entries in key order are kept as given

    Kind kind() const noexcept { return static_cast<Kind>(v_.index()); }
    bool is_null() const noexcept { return v_.index() == 0; }
    bool truthy() const noexcept;                    // false for null, false, "" and []
    bool as_bool() const noexcept;                   // false unless a bool true
    const std::string& as_string() const noexcept;  // "" unless a string
    const List& items() const noexcept;              // empty unless a list
    const Map& entries() const noexcept;             // empty unless a map
    const Value* find(std::string_view key) const noexcept;  // a map's member, or nullptr

private:
    std::variant<std::monostate, bool, std::string, std::shared_ptr<const List>, std::shared_ptr<const Map>> v_;
};

// ---- [SECTION] Templates ----
struct Error {
    std::string message;  // lower case, no closing period
    int line = 0, col = 0;  // 1-based; col counts bytes
    int len = 0;            // bytes of the offending tag (or of its opening delimiter)
};

inline constexpr int max_partial_depth = 64;  // deeper nesting stops the render
// A render stops once it has written this much: partials that each include the next twice would
// otherwise expand 2^n-fold and never end.
inline constexpr std::size_t max_render_bytes = 16u << 20;
// Deeper nesting fails to compile: a name is looked up through every open section, so a
// template of 100,000 nested sections would take minutes to render.
inline constexpr int max_section_depth = 100;

class Template {
public:
    // Looks a partial up by name; nullptr renders nothing. Called once per partial tag rendered.
    using Partials = std::function<const Template*(std::string_view name)>;

    Template() = default;  // the empty template: renders nothing

    // Unterminated tags (a tag holding its own opening delimiter counts as one), unclosed,
    // mismatched or unopened sections, sections nested deeper than max_section_depth, bad
    // set-delimiter tags and empty names fail with `error` set.
    static std::optional<Template> compile(std::string_view text, Error& error);

    std::string render(const Value& context, const Partials& partials = {}) const;
    // Appends to `out`. Returns false when partials nested deeper than max_partial_depth or the
    // output grew past max_render_bytes: the render stopped there, and `out` holds what came before.
    bool render_to(std::string& out, const Value& context, const Partials& partials = {}) const;

    // Every partial the template names, sorted, once each (for existence and cycle checks).
    std::vector<std::string> partial_names() const;

    // Every name the template reads, in order, with sections closed by an `end` tag: what a
    // checker needs to resolve names against the contexts they will render in.
    struct Tag {
        enum class Kind : std::uint8_t { variable, section, inverted, end, partial };
        Kind kind = Kind::variable;
        std::string name;       // "page.title", "." for the implicit iterator, the partial's name
        int line = 0, col = 0;  // 1-based, of the name; 0 for `.` and `end`
        int len = 0;            // bytes of the name
    };
    std::vector<Tag> tags() const;

    struct Impl;

private:
    friend struct Renderer;
    std::shared_ptr<const Impl> impl_;  // copies share the compiled template
};

// Compiled partials by name, and the Partials function that looks names up in them
// (it holds a pointer to `map`, which must outlive it).
using PartialMap = std::map<std::string, Template, std::less<>>;
Template::Partials lookup_in(const PartialMap& map);

// ---- [SECTION] Escaping ----
std::string escape_html(std::string_view text);  // & < > " ' → &amp; &lt; &gt; &quot; &#39; ('/' kept)
void append_escaped_html(std::string& out, std::string_view text);
size_t next_html_special(std::string_view text, size_t from);   // index of the next & < > " ' at or after `from`, or text.size()
std::string_view html_entity(char c);                            // what escaping writes for one of & < > " '
// Where every & < > " ' of `text` is (offsets, ascending): for escaping many pieces of one text.
void find_html_specials(std::string_view text, std::vector<std::uint32_t>& at);

}  // namespace costbook::site::mustache
