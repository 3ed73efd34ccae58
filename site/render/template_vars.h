// site: every variable a template can read, per page kind and per widget partial — the one list
// that the build's unknown-variable check and `costbook help templates` both read
// Index: [SECTION] Registry  [SECTION] Check  [SECTION] Help
#pragma once
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compute/types.h"
#include "diag.h"
#include "load/templates.h"
#include "render/shortcode_registry.h"

namespace costbook::site {

// ---- [SECTION] Registry ----
// The page kinds a layout renders (Page::kind, with the home page apart).
enum PageKindBit : unsigned { KIND_HOME = 1u << 0, KIND_PAGE = 1u << 1, KIND_SECTION = 1u << 2, KIND_MODEL = 1u << 3,
                              KIND_SOURCES = 1u << 4, KIND_404 = 1u << 5 };
constexpr unsigned KIND_ALL = KIND_HOME | KIND_PAGE | KIND_SECTION | KIND_MODEL | KIND_SOURCES | KIND_404;
struct TemplateVar {
    const char* path;      // "page.title"; a list's item fields are its children: "nav.href"
    const char* meaning;   // one line, for help
    unsigned kinds = KIND_ALL;   // the page kinds that define it (widget and shortcode contexts: all)
    bool open = false;     // any name below it exists (the figure registry)
};
struct VarContext {
    std::string name;                 // "pages", "widgets/figure", "shortcodes"
    std::string what;                 // for help: what renders in this context
    std::vector<TemplateVar> vars;
    bool arguments = false;           // author shortcodes: an unknown top-level name is an argument
};
const VarContext& page_vars();                                 // templates/*.mustache and the partials they include
const VarContext* widget_vars(std::string_view partial);       // "widgets/figure" → its context; nullptr if not a widget
const std::vector<VarContext>& widget_contexts();
const VarContext& shortcode_vars();                            // templates/shortcodes/*.mustache
unsigned page_kind_bit(const std::string& kind, bool home);    // Page::kind → its bit

// ---- [SECTION] Check ----
// Every name each template reads, resolved as it will render (inside a section, against the
// section's value first): one that no page kind defines is an error at its file:line:col with
// "did you mean". Layouts are followed into the partials they include; widget partials are
// checked against their widget's context, shortcode templates against theirs. With `figures` (the site's
// registry), a shortcode template's figures.<key>.html|text|value must name one of its figures, as
// {{< figure >}} must: a typo is "unknown figure" with "did you mean", a key whose data the site lacks
// (`needs`, SiteContext::figure_needs) the same error as {{< figure >}} gives. Without, anything below
// `figures` passes.
void check_template_vars(const Templates& t, Diagnostics& diags, const FigureRegistry* figures = nullptr,
                         const std::map<std::string, std::string>* needs = nullptr);
// Whether a layout or page partial reads one of `paths` ("page.image"), as check_template_vars
// resolves names (inside {{#page}}, `image` is page.image); true when one reads a name it cannot resolve.
bool templates_read(const Templates& t, std::initializer_list<std::string_view> paths);
// Each templates/shortcodes/<name>.mustache with its arguments: the top-level names its template
// (and the partials it includes) reads that are not `page`, `site` or `figures`.
std::vector<AuthorShortcode> author_shortcodes(const Templates& t);

// ---- [SECTION] Help ----
std::string templates_help();   // `costbook help templates`

}  // namespace costbook::site
