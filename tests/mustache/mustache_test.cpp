// site/mustache/mustache.h: values, rendering, compile errors with their positions, escaping,
// the partial depth limit, rendering from several threads. The Mustache spec itself runs in
// mustache_spec_test.cpp; the engine's timings are bench/mustache_bench.cpp's.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "mustache/mustache.h"

namespace {

namespace mu = costbook::site::mustache;
using mu::Value;

mu::Template compile(std::string_view text) {
    mu::Error e;
    auto t = mu::Template::compile(text, e);
    INFO("compile error ", e.line, ":", e.col, ": ", e.message);
    REQUIRE(t.has_value());
    return std::move(*t);
}

mu::Error compile_error(std::string_view text) {
    mu::Error e;
    const auto t = mu::Template::compile(text, e);
    CHECK_FALSE(t.has_value());
    return e;
}

std::string render(std::string_view text, const Value& ctx, const mu::PartialMap& partials = {}) {
    return compile(text).render(ctx, mu::lookup_in(partials));
}

mu::PartialMap partials_of(std::initializer_list<std::pair<std::string, std::string>> texts) {
    mu::PartialMap m;
    for (const auto& [name, text] : texts) m.emplace(name, compile(text));
    return m;
}

}  // namespace

TEST_SUITE("mustache engine") {

TEST_CASE("values: kinds, truthiness, lookup") {
    CHECK(Value().kind() == Value::Kind::null);
    CHECK(Value(nullptr).is_null());
    CHECK(Value(true).kind() == Value::Kind::boolean);
    CHECK(Value("text").kind() == Value::Kind::string);  // a literal is a string, not a bool
    CHECK(Value(std::string_view("sv")).as_string() == "sv");
    CHECK(Value::list({}).kind() == Value::Kind::list);
    CHECK(Value::map({}).kind() == Value::Kind::map);

    CHECK_FALSE(Value().truthy());
    CHECK_FALSE(Value(false).truthy());
    CHECK_FALSE(Value("").truthy());  // as mstch: the empty string is falsy
    CHECK_FALSE(Value::list({}).truthy());
    CHECK(Value(true).truthy());
    CHECK(Value("0").truthy());
    CHECK(Value::list({Value()}).truthy());
    CHECK(Value::map({}).truthy());

    const Value m = Value::map({{"b", "1"}, {"a", "2"}, {"b", "3"}});  // the later "b" wins
    REQUIRE(m.find("a"));
    CHECK(m.find("a")->as_string() == "2");
    CHECK(m.find("b")->as_string() == "3");
    CHECK(m.find("c") == nullptr);
    CHECK(m.entries().size() == 2);
    CHECK(Value("x").find("a") == nullptr);

    std::vector<Value::Entry> many;  // past the linear-scan size: binary search
    for (int i = 0; i < 40; ++i) many.emplace_back("k" + std::to_string(i), Value(std::to_string(i)));
    const Value big = Value::map(std::move(many));
    for (int i = 0; i < 40; ++i) {
        const Value* v = big.find("k" + std::to_string(i));
        REQUIRE(v);
        CHECK(v->as_string() == std::to_string(i));
    }
    CHECK(big.find("k40") == nullptr);
    CHECK(big.find("") == nullptr);

    // Entries already in key order are kept as given; a repeated key (not strictly in order) still sorts.
    const Value ordered = Value::map({{"a", "1"}, {"b", "2"}, {"c", "3"}});
    REQUIRE(ordered.entries().size() == 3);
    CHECK(ordered.entries()[2].first == "c");
    CHECK(ordered.find("b")->as_string() == "2");
    const Value repeated = Value::map({{"a", "1"}, {"b", "2"}, {"b", "3"}});
    REQUIRE(repeated.entries().size() == 2);
    CHECK(repeated.find("b")->as_string() == "3");
}

TEST_CASE("values: lists and maps are shared, not copied") {
    const Value list = Value::list({Value("a"), Value("b")});
    const Value page1 = Value::map({{"pages", list}, {"title", "One"}});
    const Value page2 = Value::map({{"pages", list}, {"title", "Two"}});
    CHECK(&page1.find("pages")->items() == &list.items());
    CHECK(&page2.find("pages")->items() == &list.items());
    const Value copy = page1;
    CHECK(&copy.entries() == &page1.entries());
}

TEST_CASE("interpolation, escaping, dotted names, implicit iterator") {
    const Value ctx = Value::map({{"name", "<b>Tom & \"Jerry\"</b>"},
                                  {"site", Value::map({{"title", "Costbook"}, {"meta", Value::map({{"lang", "en"}})}})},
                                  {"yes", true},
                                  {"no", false},
                                  {"nothing", nullptr},
                                  {"list", Value::list({Value("x")})}});
    CHECK(render("{{name}}", ctx) == "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;");
    CHECK(render("{{{name}}}|{{&name}}", ctx) == "<b>Tom & \"Jerry\"</b>|<b>Tom & \"Jerry\"</b>");
    CHECK(render("{{site.title}} {{site.meta.lang}} [{{site.missing.x}}] [{{missing}}]", ctx) == "Costbook en [] []");
    CHECK(render("{{yes}} {{no}} [{{nothing}}] [{{list}}] [{{site}}]", ctx) == "true false [] [] []");
    CHECK(render("{{#site}}{{title}}{{#meta}}/{{lang}}/{{title}}{{/meta}}{{/site}}", ctx) == "Costbook/en/Costbook");
    CHECK(render("{{ name }}", Value::map({{"name", "padded"}})) == "padded");
    CHECK(render("{{.}}", Value("a<b")) == "a&lt;b");
    CHECK(render("{{text}}", Value::map({{"text", "{{name}}"}, {"name", "X"}})) == "{{name}}");  // no re-interpolation
}

TEST_CASE("sections and inverted sections") {
    const Value ctx = Value::map({{"items", Value::list({Value::map({{"n", "1"}}), Value::map({{"n", "2"}}), Value::map({{"n", "3"}})})},
                                  {"words", Value::list({Value("a"), Value("b")})},
                                  {"empty", Value::list({})},
                                  {"blank", ""},
                                  {"word", "w"},
                                  {"on", true},
                                  {"off", false},
                                  {"n", "outer"}});
    CHECK(render("{{#items}}<{{n}}>{{/items}}", ctx) == "<1><2><3>");
    CHECK(render("{{#words}}({{.}}){{/words}}", ctx) == "(a)(b)");
    CHECK(render("{{#empty}}X{{/empty}}{{^empty}}none{{/empty}}", ctx) == "none");
    CHECK(render("{{#blank}}X{{/blank}}{{^blank}}blank{{/blank}}", ctx) == "blank");  // "" is falsy
    CHECK(render("{{#word}}[{{.}}|{{n}}]{{/word}}", ctx) == "[w|outer]");
    CHECK(render("{{#on}}on{{/on}}{{#off}}off{{/off}}{{^off}}!off{{/off}}{{^missing}}!missing{{/missing}}", ctx) == "on!off!missing");
    CHECK(render("{{#items}}{{#on}}{{n}}{{/on}}{{/items}}", ctx) == "123");  // the stack reaches the item through `on`
    CHECK(render("{{#items}}\n- {{n}}\n{{/items}}\n", ctx) == "- 1\n- 2\n- 3\n");  // standalone lines vanish
}

TEST_CASE("comments and set-delimiter tags") {
    CHECK(render("a{{! a comment }}b\n  {{! standalone }}\nc", Value()) == "ab\nc");
    CHECK(render("{{=<% %>=}}<%x%> {{x}} <%={{ }}=%>{{x}}", Value::map({{"x", "1"}})) == "1 {{x}} 1");
    CHECK(render("{{=| |=}}|#s||x||/s|", Value::map({{"s", true}, {"x", "y"}})) == "y");
    CHECK(render("{{={{ }}=}}{{x}}", Value::map({{"x", "same"}})) == "same");
}

TEST_CASE("partials: context, indentation, missing") {
    const auto partials = partials_of({{"item", "<li>{{title}}</li>\n"}, {"block", "a\n{{{html}}}\nb\n"}});
    const Value ctx = Value::map({{"nav", Value::list({Value::map({{"title", "One"}}), Value::map({{"title", "Two"}})})},
                                  {"html", "x\ny"}});
    CHECK(render("<ul>\n{{#nav}}\n  {{> item}}\n{{/nav}}\n</ul>\n", ctx, partials) == "<ul>\n  <li>One</li>\n  <li>Two</li>\n</ul>\n");
    // Template lines are indented; the lines of an interpolated value are not.
    CHECK(render("  {{>block}}\n", ctx, partials) == "  a\n  x\ny\n  b\n");
    CHECK(render("[{{>missing}}]", ctx, partials) == "[]");
    CHECK(render("[{{>item}}]", ctx) == "[]");  // no partials at all

    const mu::Template t = compile("{{>b}}{{#s}}{{>a}}{{/s}}{{> b }}");
    CHECK(t.partial_names() == std::vector<std::string>{"a", "b"});
    CHECK(mu::Template().partial_names().empty());
    CHECK(mu::Template().render(ctx).empty());
}

TEST_CASE("tags: every name a template reads, in order, with its position and its sections closed") {
    using K = mu::Template::Tag::Kind;
    const mu::Template t = compile("<h1>{{page.title}}</h1>\n{{#nav}}\n  {{{ href }}}{{.}}\n{{/nav}}{{^x}}{{/x}}{{> foot}}{{=<% %>=}}<%y%>");
    const std::vector<mu::Template::Tag> tags = t.tags();
    REQUIRE(tags.size() == 9);
    CHECK((tags[0].kind == K::variable && tags[0].name == "page.title" && tags[0].line == 1 && tags[0].col == 7 && tags[0].len == 10));
    CHECK((tags[1].kind == K::section && tags[1].name == "nav" && tags[1].line == 2 && tags[1].col == 4));
    CHECK((tags[2].kind == K::variable && tags[2].name == "href" && tags[2].line == 3 && tags[2].col == 7));
    CHECK((tags[3].name == "." && tags[3].line == 0));
    CHECK(tags[4].kind == K::end);
    CHECK((tags[5].kind == K::inverted && tags[5].name == "x"));
    CHECK(tags[6].kind == K::end);
    CHECK((tags[7].kind == K::partial && tags[7].name == "foot" && tags[7].line == 4));
    CHECK((tags[8].name == "y" && tags[8].col == 44));
    CHECK(mu::Template().tags().empty());
}

TEST_CASE("templates are values: copies and moves keep working") {
    std::optional<mu::Template> kept;
    {
        std::string text = "{{a}}";  // short: would sit in a std::string's inline buffer
        mu::Template t = compile(text);
        text.assign("garbage garbage garbage garbage");
        mu::Template moved = std::move(t);
        kept = moved;
    }
    CHECK(kept->render(Value::map({{"a", "ok"}})) == "ok");
}

TEST_CASE("render_to appends") {
    const mu::Template t = compile("<{{a}}>");
    std::string out = "x";
    CHECK(t.render_to(out, Value::map({{"a", "1"}})));
    CHECK(t.render_to(out, Value::map({{"a", "2"}})));
    CHECK(out == "x<1><2>");
}

TEST_CASE("compile errors carry 1-based line:col") {
    SUBCASE("unclosed section: at its opening tag") {
        const mu::Error e = compile_error("<p>\n  {{#items}}\n  {{name}}\n");
        CHECK(e.line == 2);
        CHECK(e.col == 3);
        CHECK(e.len == 10);
        CHECK(e.message == "section `items` is never closed: add `{{/items}}` where it ends");
    }
    SUBCASE("mismatched close: at the close, naming the open section") {
        const mu::Error e = compile_error("{{#a}}\n{{#b}}x{{/a}}\n{{/b}}");
        CHECK(e.line == 2);
        CHECK(e.col == 8);
        CHECK(e.len == 6);
        CHECK(e.message == "`{{/a}}` closes section `b`, opened at 2:1 with `{{#b}}`");
    }
    SUBCASE("sections nested deeper than the limit: at the first one too deep") {
        std::string deep;
        for (int i = 0; i < mu::max_section_depth; ++i) deep += "{{#a}}\n";
        for (int i = 0; i < mu::max_section_depth; ++i) deep += "{{/a}}\n";
        compile(deep);
        const mu::Error e = compile_error("{{#a}}\n" + deep + "{{/a}}\n");
        CHECK(e.line == mu::max_section_depth + 1);
        CHECK(e.col == 1);
        CHECK(e.len == 6);
        CHECK(e.message == "`{{#a}}` opens a section inside 100 others: sections nest at most 100 deep");
    }
    SUBCASE("close without an open section") {
        const mu::Error e = compile_error("ok\nx {{/a}}");
        CHECK(e.line == 2);
        CHECK(e.col == 3);
        CHECK(e.message == "`{{/a}}` closes a section that was never opened");
    }
    SUBCASE("unterminated tag") {
        mu::Error e = compile_error("line one\n  <b>{{title</b>\n");
        CHECK(e.line == 2);
        CHECK(e.col == 6);
        CHECK(e.len == 2);
        CHECK(e.message == "unterminated tag: no `}}` closes this `{{`");
        e = compile_error("a {{title <b>{{x}}</b>");  // the next tag's braces would close it
        CHECK(e.line == 1);
        CHECK(e.col == 3);
        CHECK(e.message == "unterminated tag: no `}}` closes this `{{` before the next `{{`");
        e = compile_error("{{{html}}");
        CHECK(e.col == 1);
        CHECK(e.message == "unterminated tag: no `}}}` closes this `{{`");
        e = compile_error("{{! never closed");
        CHECK(e.line == 1);
        CHECK(e.col == 1);
    }
    SUBCASE("bad delimiters") {
        for (const char* text : {"x\n {{=<%%>=}}", "x\n {{=<% %> ]]=}}", "x\n {{==}}", "x\n {{=<% =%>=}}"}) {
            CAPTURE(text);
            const mu::Error e = compile_error(text);
            CHECK(e.line == 2);
            CHECK(e.col == 2);
            CHECK(e.message.rfind("bad set-delimiter tag", 0) == 0);
        }
        const mu::Error e = compile_error("{{=<% %>}}");  // the closing `=` left out
        CHECK(e.col == 1);
        CHECK(e.len == 10);
        CHECK(e.message == "bad set-delimiter tag: it must end with `=}}`");
    }
    SUBCASE("errors after a delimiter change use the new delimiters") {
        const mu::Error e = compile_error("{{=<% %>=}}\n<%#a%>");
        CHECK(e.line == 2);
        CHECK(e.col == 1);
        CHECK(e.message == "section `a` is never closed: add `<%/a%>` where it ends");
    }
    SUBCASE("empty names") {
        CHECK(compile_error("{{}}").message == "`{{}}` has no name");
        CHECK(compile_error("{{# }}{{/ }}").message == "`{{# }}` has no name");
        CHECK(compile_error("{{>  }}").message == "`{{>  }}` has no partial name");
        CHECK(compile_error("{{a..b}}").message == "`a..b` is not a name: empty part between dots");
    }
}

TEST_CASE("escape_html: & < > \" ' and nothing else") {
    CHECK(mu::escape_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(mu::escape_html("\"double\" 'single'") == "&quot;double&quot; &#39;single&#39;");
    CHECK(mu::escape_html("a/b & c") == "a/b &amp; c");
    CHECK(mu::escape_html("") == "");
    CHECK(mu::escape_html("plain") == "plain");
    CHECK(mu::escape_html("&&") == "&amp;&amp;");
    const Value ctx = Value::map({{"x", "<script>alert(1)</script>"}, {"q", "\" onload='x'"}});
    CHECK(render("<p title=\"{{q}}\">{{x}}</p>", ctx) == "<p title=\"&quot; onload=&#39;x&#39;\">&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    CHECK(render("{{{x}}}", ctx) == "<script>alert(1)</script>");
}

TEST_CASE("a partial including itself stops at the depth limit") {
    const auto partials = partials_of({{"self", "x{{>self}}y"}});
    const mu::Template t = compile("[{{>self}}]");
    std::string out;
    CHECK_FALSE(t.render_to(out, Value(), mu::lookup_in(partials)));
    CHECK(out == "[" + std::string(mu::max_partial_depth, 'x'));  // nothing after the limit

    // Indirect cycles and cycles through sections stop the same way.
    const auto cycle = partials_of({{"a", "{{#on}}a{{>b}}{{/on}}"}, {"b", "\n  {{>a}}\n"}});
    out.clear();
    CHECK_FALSE(compile("{{>a}}").render_to(out, Value::map({{"on", true}}), mu::lookup_in(cycle)));
    CHECK(out.size() < 64 * 64);

    // Every partial level nested as deep as sections go: rendering does not recurse, so it
    // stops at the partial limit without overflowing the stack.
    std::string deep;
    for (int i = 0; i < mu::max_section_depth; ++i) deep += "{{#on}}";
    deep += "{{>deep}}";
    for (int i = 0; i < mu::max_section_depth; ++i) deep += "{{/on}}";
    const auto deep_partials = partials_of({{"deep", deep}});
    out.clear();
    CHECK_FALSE(compile("{{>deep}}").render_to(out, Value::map({{"on", true}}), mu::lookup_in(deep_partials)));
    CHECK(out.empty());

    // Deep but finite recursion within the limit renders whole.
    const auto tree = partials_of({{"node", "{{name}}({{#kids}}{{>node}}{{/kids}})"}});
    Value node = Value::map({{"name", "leaf"}, {"kids", Value::list({})}});  // no kids: the parent's would be found
    for (int i = 0; i < mu::max_partial_depth - 1; ++i) node = Value::map({{"name", "n"}, {"kids", Value::list({node})}});
    out.clear();
    CHECK(compile("{{>node}}").render_to(out, node, mu::lookup_in(tree)));
    CHECK(out.find("leaf") != std::string::npos);
}

TEST_CASE("one template, one context, four threads") {
    const auto partials = partials_of({{"row", "<tr><td>{{name}}</td><td>{{value}}</td></tr>\n"}});
    const mu::Template t = compile("<table>\n{{#rows}}\n{{>row}}\n{{/rows}}\n</table>\n{{site.title}}\n");
    std::vector<Value> rows;
    for (int i = 0; i < 50; ++i) rows.push_back(Value::map({{"name", "row <" + std::to_string(i) + ">"}, {"value", std::to_string(i * i)}}));
    const Value ctx = Value::map({{"rows", Value::list(std::move(rows))}, {"site", Value::map({{"title", "T & T"}})}});
    const mu::Template::Partials lookup = mu::lookup_in(partials);
    const std::string expected = t.render(ctx, lookup);
    REQUIRE(expected.find("row &lt;49&gt;") != std::string::npos);

    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (int k = 0; k < 4; ++k)
        threads.emplace_back([&, k] {
            for (int i = 0; i < 500; ++i)
                if (t.render(ctx, lookup) != expected) ++mismatches[static_cast<size_t>(k)];
        });
    for (auto& th : threads) th.join();
    CHECK(mismatches == std::vector<int>(4, 0));
}

}  // TEST_SUITE

TEST_CASE("the escaping scans find every & < > \" ' and nothing else, at every length and offset") {
    using costbook::site::mustache::find_html_specials;
    using costbook::site::mustache::next_html_special;
    // The specials and their neighbours in ASCII (the scans compare & and ', < and > as pairs).
    const std::string alphabet = "&'<>\"%()=;?!#a \n\xC3\xA9";
    std::uint32_t seed = 12345;
    const auto next = [&] { seed = seed * 1103515245u + 12345u; return seed >> 8; };
    std::vector<std::uint32_t> found;
    for (int round = 0; round < 3000; ++round) {
        std::string text(next() % 200, 'x');
        for (char& c : text) c = next() % 3 ? 'x' : alphabet[next() % alphabet.size()];
        std::vector<std::uint32_t> want;
        for (size_t i = 0; i < text.size(); ++i)
            if (std::string_view("&<>\"'").find(text[i]) != std::string_view::npos) want.push_back(static_cast<std::uint32_t>(i));
        find_html_specials(text, found);
        REQUIRE(found == want);
        const size_t from = text.empty() ? 0 : next() % text.size();
        const auto first = std::lower_bound(want.begin(), want.end(), from);
        CHECK(next_html_special(text, from) == (first == want.end() ? text.size() : *first));
    }
}
