// site/render/template_vars.h: a template variable no page kind defines is an error at its place
// with "did you mean"; names inside sections resolve against the section first; the built-in
// widget partials read only what their registry lists; help prints the registry.
#include <doctest/doctest.h>

#include <string>

#include "render/template_vars.h"
#include "render/widget_partials.h"

using namespace costbook::site;

namespace {
mustache::Template compiled(const std::string& text) {
    mustache::Error e;
    auto t = mustache::Template::compile(text, e);
    REQUIRE_MESSAGE(t, e.message);
    return *t;
}
// The diagnostics for a site whose page layout is `page` and whose partials are `partials`.
Diagnostics checked(const std::string& page, const std::vector<std::pair<std::string, std::string>>& partials = {},
                    const std::vector<std::pair<std::string, std::string>>& shortcodes = {}) {
    Templates t;
    t.layouts.emplace("page", compiled(page));
    for (const auto& [n, text] : partials) t.partials.emplace(n, compiled(text));
    for (const auto& [n, text] : shortcodes) t.shortcodes.emplace(n, compiled(text));
    Diagnostics d;
    check_template_vars(t, d);
    return d;
}
}  // namespace

TEST_CASE("an unknown template variable is an error at its line and column, with the nearest known name") {
    const Diagnostics d = checked("<h1>{{page.title}}</h1>\n<p>{{page.titel}}</p>\n");
    REQUIRE(d.size() == 1);
    const Diagnostic& e = d.list()[0];
    CHECK(e.path == "templates/page.mustache");
    CHECK(e.line == 2);
    CHECK(e.col == 6);
    CHECK(e.len == 10);
    CHECK(e.message == "unknown template variable `page.titel`");
    CHECK(e.help == "did you mean `page.title`? `costbook help templates` lists the variables of each page kind");
}

TEST_CASE("inside a section a name is the item's first, then the page's; a partial is checked where it is included") {
    CHECK(checked("{{#nav}}<a href=\"{{href}}\">{{title}}</a>{{#current}}*{{/current}}{{site.title}}{{/nav}}"
                  "{{#section.pages}}{{#date}}{{date}}{{/date}}{{/section.pages}}{{> list}}",
                  {{"list", "{{#pages}}{{description}}{{/pages}}{{^pages}}none{{/pages}}"}})
              .empty());
    const Diagnostics d = checked("{{#nav}}{{> item}}{{/nav}}", {{"item", "{{hre}}"}});
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].path == "templates/partials/item.mustache");
    CHECK(d.list()[0].help.rfind("did you mean `href`?", 0) == 0);
    CHECK(d.list()[0].note == "inside the section `nav`, whose items have: current, href, title");
    SUBCASE("once a name's first part is found, the rest must follow it") {
        CHECK(checked("{{site.page}}").size() == 1);
        CHECK(checked("{{#nav}}{{title.x}}{{/nav}}").size() == 1);
    }
}

TEST_CASE("widget partials are checked against their widget, author shortcodes take any top-level name as an argument") {
    const Diagnostics d = checked("{{site.title}}", {{"widgets/figure", "{{text}}{{page.title}}"}},
                                  {{"note", "{{kind}}: {{{figures.m.tokens.html}}} {{page.titel}}"}});
    REQUIRE(d.size() == 2);
    CHECK(d.list()[0].path == "templates/partials/widgets/figure.mustache");
    CHECK(d.list()[0].message == "unknown template variable `page.title`");
    CHECK(d.list()[0].help == "`costbook help templates` lists the variables of widgets/figure");
    CHECK(d.list()[1].path == "templates/shortcodes/note.mustache");
    CHECK(d.list()[1].message == "unknown template variable `page.titel`");
    Templates t;
    t.layouts.emplace("page", compiled("x"));
    t.shortcodes.emplace("note", compiled("{{kind}} {{#items}}{{.}}{{/items}} {{figures.a.b.text}} {{site.title}}"));
    const std::vector<AuthorShortcode> a = author_shortcodes(t);
    REQUIRE(a.size() == 1);
    CHECK(a[0].name == "note");
    CHECK(a[0].args == std::vector<std::string>{"items", "kind"});
}

TEST_CASE("with the site's figures, a shortcode template's figures.<key> must be one of them, as {{< figure >}}'s key must") {
    const FigureRegistry figures = {{"llama-3.1-405b.tokens", Fig{15e12, "15T tokens", "llama31-card", false, {}, {}, "tokens"}},
                                    {"input.mfu", Fig{0.4, "40%", "llama3-paper", false, {}, {}, "fraction"}},
                                    {"input.mfu.range", Fig{0.4, "38%–43%", "llama3-paper", false, {}, {}, "fraction"}}};
    const std::map<std::string, std::string> needs = {{"serve.revenue_usd", "a published serving day"}};
    const auto checked_with = [&](const std::string& note) {
        Templates t;
        t.layouts.emplace("page", compiled("x"));
        t.shortcodes.emplace("note", compiled(note));
        Diagnostics d;
        check_template_vars(t, d, &figures, &needs);
        return d;
    };
    CHECK(checked_with("{{text}} {{{figures.llama-3.1-405b.tokens.html}}} {{figures.input.mfu.range.text}} {{figures.input.mfu.value}}"
                       "{{#figures.llama-3.1-405b}}{{tokens.text}}{{/figures.llama-3.1-405b}}{{#figures.input.mfu}}{{text}}{{/figures.input.mfu}}")
              .empty());
    SUBCASE("a typo: unknown figure at its line and column, with the nearest key as the template would write it") {
        const Diagnostics d = checked_with("<aside>{{text}}\n {{{figures.llama-3.1-405b.tokenz.html}}}</aside>");
        REQUIRE(d.size() == 1);
        const Diagnostic& e = d.list()[0];
        CHECK(e.path == "templates/shortcodes/note.mustache");
        CHECK(e.line == 2);
        CHECK(e.col == 5);
        CHECK(e.message == "unknown figure `llama-3.1-405b.tokenz`");
        CHECK(e.help == "did you mean `figures.llama-3.1-405b.tokens.html`?");
    }
    SUBCASE("a figure's part other than text, value and html; inside a section, the suggestion is the section's name") {
        const Diagnostics d = checked_with("{{#figures.llama-3.1-405b}}{{tokens.htm}}{{/figures.llama-3.1-405b}}");
        REQUIRE(d.size() == 1);
        CHECK(d.list()[0].message == "figure `llama-3.1-405b.tokens` has no `htm`");
        CHECK(d.list()[0].help.rfind("did you mean `tokens.html`?", 0) == 0);
    }
    SUBCASE("a figure of a known form whose data the site lacks: the error {{< figure >}} gives") {
        const Diagnostics d = checked_with("{{{figures.serve.revenue_usd.html}}}");
        REQUIRE(d.size() == 1);
        CHECK(d.list()[0].message == "figure `serve.revenue_usd` needs a published serving day, which this site's data/ does not have");
    }
    SUBCASE("a site without figures has none to name") {
        const FigureRegistry none;
        Templates t;
        t.layouts.emplace("page", compiled("x"));
        t.shortcodes.emplace("note", compiled("{{{figures.llama-3.1-405b.tokens.html}}}"));
        Diagnostics d;
        check_template_vars(t, d, &none);
        REQUIRE(d.size() == 1);
        CHECK(d.list()[0].message == "unknown figure `llama-3.1-405b.tokens`");
    }
}

TEST_CASE("the built-in widget partials read only variables their registry lists") {
    Templates t;
    t.layouts.emplace("page", compiled("x"));
    for (const auto& [name, tpl] : builtin_widget_partials()) {
        CHECK_MESSAGE(widget_vars(name) != nullptr, name);
        t.partials.emplace(name, tpl);
    }
    CHECK(t.partials.size() == widget_contexts().size());
    Diagnostics d;
    check_template_vars(t, d);
    CHECK_MESSAGE(d.empty(), (d.empty() ? "" : d.list()[0].message));
}

TEST_CASE("help prints every variable of every context with its meaning, and which page kinds define it") {
    const std::string h = templates_help();
    for (const VarContext* c : {&page_vars(), &shortcode_vars()})
        for (const TemplateVar& v : c->vars) CHECK_MESSAGE(h.find(std::string(v.path) + " ") != std::string::npos, v.path);
    for (const VarContext& c : widget_contexts()) CHECK(h.find("\n" + c.name + ": ") != std::string::npos);
    CHECK(h.find("the section's pages, by weight, then newest date, then title  [page, section only]") != std::string::npos);
    CHECK(h.find("\n  built in:\n    | <dl class=\"cb-sources\">\n    | {{#sources}}\n") != std::string::npos);   // to copy and change
    CHECK(page_kind_bit("section", false) == KIND_SECTION);
    CHECK(page_kind_bit("page", true) == KIND_HOME);
}
