// bench: the Mustache engine's cost per page: rendering a 60-line layout with two partials
// (fresh string, and into a reused buffer), building its context, compiling the layout.
// bench/run builds and runs it; `build/native/bench/mustache_bench [renders]` alone prints one line.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "mustache/mustache.h"

namespace {

namespace mu = costbook::site::mustache;
using mu::Value;

mu::Template compile(std::string_view text) {
    mu::Error e;
    auto t = mu::Template::compile(text, e);
    if (!t) {
        std::fprintf(stderr, "mustache_bench: %d:%d: %s\n", e.line, e.col, e.message.c_str());
        std::exit(1);
    }
    return std::move(*t);
}

mu::PartialMap partials_of(std::initializer_list<std::pair<std::string, std::string>> texts) {
    mu::PartialMap m;
    for (const auto& [name, text] : texts) m.emplace(name, compile(text));
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 10000;   // renders (and compiles) timed
    if (n <= 0) {
        std::fprintf(stderr, "usage: mustache_bench [renders]\n");
        return 2;
    }
    const auto partials = partials_of({
        {"head",
         "<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>{{title_full}}</title>\n"
         "<meta name=\"description\" content=\"{{page.description}}\">\n"
         "<link rel=\"canonical\" href=\"{{page.url}}\">\n"
         "<link rel=\"stylesheet\" href=\"{{site.base_path}}css/site.css\">\n"
         "<meta property=\"og:type\" content=\"{{#page.is_home}}website{{/page.is_home}}{{^page.is_home}}article{{/page.is_home}}\">\n"
         "<meta property=\"og:title\" content=\"{{page.title}}\">\n"
         "<meta property=\"og:url\" content=\"{{page.url}}\">\n"
         "<meta name=\"generator\" content=\"{{generator}}\">\n"},
        {"header",
         "<header class=\"site-header\">\n"
         "<a class=\"site-title\" href=\"{{site.base_path}}\">{{site.title}}</a>\n"
         "<nav class=\"site-nav\" aria-label=\"Pages\">\n"
         "<ul>\n"
         "{{#nav}}\n"
         "<li><a href=\"{{href}}\"{{#current}} aria-current=\"page\"{{/current}}>{{title}}</a></li>\n"
         "{{/nav}}\n"
         "</ul>\n"
         "</nav>\n"
         "</header>\n"},
    });
    std::string layout =
        "<!doctype html>\n"
        "<html lang=\"{{site.language}}\">\n"
        "<head>\n"
        "{{> head}}\n"
        "</head>\n"
        "<body>\n"
        "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
        "{{> header}}\n"
        "<main id=\"main\" class=\"page page-{{page.kind}}\">\n"
        "<article>\n"
        "<h1>{{page.title}}</h1>\n"
        "<p class=\"byline\">{{site.author}} · {{page.date}}</p>\n"
        "{{#page.has_toc}}\n"
        "<nav class=\"toc\" aria-label=\"On this page\"><ol>{{#page.toc}}<li><a href=\"#{{id}}\">{{text}}</a></li>{{/page.toc}}</ol></nav>\n"
        "{{/page.has_toc}}\n"
        "{{{page.content}}}\n"
        "</article>\n"
        "</main>\n"
        "<footer class=\"site-footer\">\n"
        "<p>Built with {{generator}} from <a href=\"{{site.base_path}}sources/\">sourced data</a>.</p>\n"
        "</footer>\n"
        "{{#calc_loader}}\n"
        "<script src=\"{{calc_loader}}\" defer></script>\n"
        "{{/calc_loader}}\n";
    for (int i = 0; i < 34; ++i) layout += "<p class=\"filler\">Static line " + std::to_string(i) + " of the layout, as long as a usual one.</p>\n";
    layout += "</body>\n</html>\n";
    const mu::Template t = compile(layout);

    std::vector<Value> nav, toc;
    for (int i = 0; i < 10; ++i) {
        nav.push_back(Value::map({{"title", "Page " + std::to_string(i)}, {"href", "/p" + std::to_string(i) + "/"}, {"current", i == 3}}));
        toc.push_back(Value::map({{"id", "h" + std::to_string(i)}, {"text", "Heading " + std::to_string(i)}}));
    }
    const Value site = Value::map({{"title", "Costbook"}, {"description", "What training a model costs"}, {"base_url", "https://example.org/"},
                                   {"base_path", "/"}, {"language", "en"}, {"author", "The authors"}});
    const Value nav_list = Value::list(std::move(nav));
    const std::string content(4000, 'x');
    const auto make_ctx = [&] {
        const Value page = Value::map({{"title", "A page"}, {"description", "About <costs> & \"things\""}, {"date", "2025-01-01"},
                                       {"url", "https://example.org/p3/"}, {"path", "/p3/"}, {"content", content}, {"is_home", false},
                                       {"kind", "page"}, {"has_toc", true}, {"toc", Value::list(toc)}, {"is_model", false}});
        return Value::map({{"site", site}, {"page", page}, {"nav", nav_list}, {"generator", "costbook 0.1.0"},
                           {"calc_loader", "/calc-loader.js"}, {"title_full", "A page · Costbook"}});
    };
    const Value ctx = make_ctx();
    const mu::Template::Partials lookup = mu::lookup_in(partials);

    using clock = std::chrono::steady_clock;
    size_t bytes = 0;
    auto t0 = clock::now();
    for (int i = 0; i < n; ++i) bytes += t.render(ctx, lookup).size();
    const double us_render = std::chrono::duration<double, std::micro>(clock::now() - t0).count() / n;

    std::string out;
    t0 = clock::now();
    for (int i = 0; i < n; ++i) {
        out.clear();
        t.render_to(out, ctx, lookup);
    }
    const double us_render_to = std::chrono::duration<double, std::micro>(clock::now() - t0).count() / n;

    t0 = clock::now();
    for (int i = 0; i < n; ++i) bytes += make_ctx().entries().size();
    const double us_ctx = std::chrono::duration<double, std::micro>(clock::now() - t0).count() / n;

    t0 = clock::now();
    for (int i = 0; i < n; ++i) {
        mu::Error e;
        bytes += mu::Template::compile(layout, e)->partial_names().size();
    }
    const double us_compile = std::chrono::duration<double, std::micro>(clock::now() - t0).count() / n;

    std::printf("mustache bench: %zu-byte page; render %.2f us, render_to (reused buffer) %.2f us, "
                "building the context %.2f us, compiling the layout %.2f us (%zu)\n",
                out.size(), us_render, us_render_to, us_ctx, us_compile, bytes % 10);
    return 0;
}
