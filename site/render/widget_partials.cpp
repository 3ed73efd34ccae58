#include "render/widget_partials.h"

#include <stdexcept>

namespace costbook::site {

namespace {

// Each is what costbook rendered before widgets became partials, byte for byte; a site that writes
// templates/partials/widgets/<name>.mustache replaces it (the variables: `costbook help templates`).
const char* const kFigure =
    "{{#assumption}}<span class=\"cb-fig cb-assumption\" tabindex=\"0\" title=\"{{title}}\" data-why=\"{{title}}\">{{text}}<sup>{{#assumptions_href}}<a href=\"{{assumptions_href}}\">assumption</a>{{/assumptions_href}}{{^assumptions_href}}assumption{{/assumptions_href}}</sup></span>{{/assumption}}"
    "{{#derived}}<span class=\"cb-fig cb-derived\" tabindex=\"0\" title=\"{{title}}\" data-why=\"{{title}}\">{{text}}</span>{{/derived}}"
    "{{#sourced}}<a class=\"cb-fig\" href=\"{{href}}\" title=\"{{title}}\">{{text}}</a>{{/sourced}}"
    "{{#dated}}<span class=\"cb-asof\"> ({{dated}})</span>{{/dated}}";

const char* const kCalc = R"(<figure class="cb-calc" id="{{id}}" data-tab="{{tab}}" data-scenario="{{scenario}}" data-sources="{{sources}}"{{#ladder}} data-ladder="{{ladder}}"{{/ladder}} data-tabs="{{tabs}}" data-embed="{{embed}}">
<div class="cb-calc-frame"><canvas class="cb-calc-canvas" aria-hidden="true" aria-label="{{aria_label}}"></canvas>{{#calculator}}<p class="cb-calc-status">The interactive calculator needs JavaScript and WebGL 2; the results below are computed for the scenario shown.</p>{{/calculator}}{{^calculator}}<p class="cb-calc-status">The interactive calculator is not part of this build; the results below are computed for the scenario shown.</p>{{/calculator}}</div>
<p class="cb-calc-live" aria-live="polite">{{live}}</p>
<table class="cb-calc-table"><caption>{{caption}}</caption><tbody>
{{#rows}}
<tr><th scope="row">{{label}}</th><td>{{value}}</td></tr>
{{/rows}}
</tbody></table>
</figure>
)";

const char* const kLedger = R"(<div class="table-wrap"><table class="cb-ledger"><caption>{{caption}}</caption>
<thead><tr><th scope="col">Stage</th><th scope="col">GPU</th><th scope="col" class="num">GPU-hours</th>{{#has_rate}}<th scope="col" class="num">Cost</th>{{/has_rate}}<th scope="col">Source</th></tr></thead>
<tbody>
{{#stages}}
<tr><th scope="row">{{name}}{{#detail}}<br><small>{{detail}}</small>{{/detail}}</th><td>{{gpu}}</td><td class="num">{{gpu_hours}}</td>{{#has_rate}}<td class="num">{{cost}}</td>{{/has_rate}}<td><a href="{{source_href}}">{{source}}</a></td></tr>
{{/stages}}
</tbody><tfoot><tr><th scope="row">Total</th><td></td><td class="num">{{total_gpu_hours}}</td>{{#has_rate}}<td class="num">{{total_cost}}</td>{{/has_rate}}<td></td></tr></tfoot></table></div>
)";

const char* const kSources = R"(<dl class="cb-sources">
{{#sources}}
<dt id="src-{{id}}"><code>{{id}}</code> {{#url}}<a href="{{url}}" rel="noopener">{{title}}</a>{{/url}}{{^url}}{{title}}{{/url}}</dt>
<dd>{{publisher}}{{#date}}, {{date}}{{/date}}. <span class="cb-kind">{{kind}}</span>. Covers: {{covers}}.{{#read_via}} Read via {{read_via}}.{{/read_via}}</dd>
{{/sources}}
</dl>
)";

const char* const kModels = R"(<div class="table-wrap"><table class="cb-models"><thead><tr><th scope="col">Model</th><th scope="col">Developer</th><th scope="col" class="num">Reported</th><th scope="col">What it counts</th></tr></thead><tbody>
{{#models}}
<tr><th scope="row"><a href="{{href}}">{{name}}</a></th><td>{{developer}}</td><td class="num">{{reported}}</td><td>{{counts}}</td></tr>
{{/models}}
</tbody></table></div>
)";

const char* const kAssumptions = R"(<div class="table-wrap"><table class="cb-assumptions" id="cb-assumptions"><thead><tr><th scope="col">Input</th><th scope="col" class="num">Starting value</th><th scope="col" class="num">Range</th><th scope="col">Why</th></tr></thead><tbody>
{{#rows}}
<tr><th scope="row">{{label}}</th><td class="num">{{value}}</td><td class="num">{{range}}</td><td>{{reason}}{{#source}} (<a href="{{source_href}}">{{source}}</a>){{/source}}{{#assumption}} <em>Assumption.</em>{{/assumption}}</td></tr>
{{/rows}}
</tbody></table></div>
)";

const char* const kRuns = R"(<div class="table-wrap"><table class="cb-runs"><caption>MFU: what the reported GPU-hours imply, and what the fit predicts without the run's developer</caption><thead><tr><th scope="col">Run</th><th scope="col" class="num">Active</th><th scope="col" class="num">Tokens</th><th scope="col" class="num">GPU-hours</th><th scope="col" class="num">MFU</th><th scope="col" class="num">Fit</th><th scope="col" class="num">Error</th></tr></thead><tbody>
{{#runs}}
<tr><th scope="row">{{name}}<br><small>{{kind}}</small> <a class="cb-src" href="{{source_href}}">{{source}}</a></th><td class="num">{{params_active}}</td><td class="num">{{tokens}}</td><td class="num">{{gpu_hours}}</td><td class="num">{{implied_mfu}}</td><td class="num">{{fit_mfu}}</td><td class="num">{{error}}</td></tr>
{{/runs}}
</tbody></table></div>
)";

// A price or cost: plain, converted from dollars (†, with how in its title), or not found. Inline.
const char* const kPriceCell =
    "{{#missing}}<td class=\"num cb-missing\" title=\"no yuan list found, and no exchange rate for the price's month in data\">{{text}}</td>{{/missing}}"
    "{{^missing}}{{#converted}}<td class=\"num cb-derived\" title=\"{{how}}\">{{text}}<sup class=\"cb-conv\" aria-label=\"converted from dollars\">\xE2\x80\xA0</sup></td>{{/converted}}"
    "{{^converted}}<td class=\"num\">{{text}}</td>{{/converted}}{{/missing}}";

const char* const kTasks = R"(<div class="table-wrap"><table class="cb-tasks"><caption>One task {{on}}, all input a cache miss or all a hit</caption><thead><tr><th scope="col">Task and price</th><th scope="col" class="num">Output tokens</th><th scope="col" class="num">Miss</th><th scope="col" class="num">Hit</th><th scope="col" class="num">Miss, yuan</th><th scope="col" class="num">Hit, yuan</th></tr></thead><tbody>
{{#rows}}
{{#task}}
<tr class="cb-group"><th scope="rowgroup" colspan="6">{{task}} <small>{{tokens}} <em>Assumption.</em></small></th></tr>
{{/task}}
<tr><th scope="row">{{price}} <a class="cb-src" href="{{source_href}}">{{source}}</a><br><small class="cb-asof">{{period}}</small></th><td class="num">{{output_tokens}}</td><td class="num">{{usd_miss}}</td><td class="num">{{usd_hit}}</td>{{#cny_miss}}{{> widgets/price-cell}}{{/cny_miss}}{{#cny_hit}}{{> widgets/price-cell}}{{/cny_hit}}</tr>
{{/rows}}
{{^rows}}
<tr><td colspan="6">No compared price was in effect then.</td></tr>
{{/rows}}
</tbody></table></div>
<p class="cb-table-note"><sup>)" "\xE2\x80\xA0" R"(</sup> Published only in dollars: converted at the average exchange rate of the month the price took effect.</p>
)";

const char* const kPrices = R"({{#tables}}
<div class="table-wrap"><table class="cb-prices"><caption>{{caption}}, per million tokens, with the dates each price applied</caption><thead><tr><th scope="col">Price and period</th><th scope="col" class="num">Cache hit</th><th scope="col" class="num">Cache miss</th><th scope="col" class="num">Output</th></tr></thead><tbody>
{{#rows}}
<tr><th scope="row">{{name}} <a class="cb-src" href="{{source_href}}">{{source}}</a><br><small class="cb-asof">{{period}}</small></th>{{#missing}}<td colspan="3" class="cb-missing">{{#usd}}no dollar price{{/usd}}{{^usd}}no yuan list found, and no exchange rate for the price's month{{/usd}}</td>{{/missing}}{{#cells}}{{> widgets/price-cell}}{{/cells}}</tr>
{{/rows}}
</tbody></table></div>
{{/tables}}
<p class="cb-table-note"><sup>)" "\xE2\x80\xA0" R"(</sup> Published only in dollars: converted at the average exchange rate of the month the price took effect.</p>
)";

const std::pair<const char*, const char*> kTexts[] = {{"widgets/figure", kFigure}, {"widgets/calc", kCalc}, {"widgets/ledger", kLedger},
                                                      {"widgets/sources", kSources}, {"widgets/models", kModels},
                                                      {"widgets/assumptions", kAssumptions}, {"widgets/runs", kRuns},
                                                      {"widgets/tasks", kTasks}, {"widgets/prices", kPrices}, {"widgets/price-cell", kPriceCell}};

}  // namespace

const char* builtin_widget_source(std::string_view name) {
    for (const auto& [n, text] : kTexts)
        if (name == n) return text;
    return nullptr;
}

const mustache::PartialMap& builtin_widget_partials() {
    static const mustache::PartialMap map = [] {
        mustache::PartialMap m;
        for (const auto& [name, text] : kTexts) {
            mustache::Error e;
            auto t = mustache::Template::compile(text, e);
            if (!t) throw std::logic_error(std::string("built-in partial ") + name + ": " + e.message);   // a bug in this file
            m.emplace(name, std::move(*t));
        }
        return m;
    }();
    return map;
}

const mustache::Template* widget_partial(const SiteContext& site, std::string_view name) {
    if (site.partials) {
        const auto it = site.partials->find(name);
        if (it != site.partials->end()) return &it->second;
    }
    const auto it = builtin_widget_partials().find(name);
    return it == builtin_widget_partials().end() ? nullptr : &it->second;
}

std::string render_widget(const SiteContext& site, std::string_view name, const mustache::Value& ctx, bool inline_widget) {
    std::string out;
    const mustache::Template* t = widget_partial(site, name);
    if (!t) return out;
    // A site's widget may include the site's other partials.
    const auto partials = [&](std::string_view n) { return widget_partial(site, n); };
    t->render_to(out, ctx, partials);
    if (inline_widget && !out.empty() && out.back() == '\n') {
        out.pop_back();
        if (!out.empty() && out.back() == '\r') out.pop_back();
    }
    return out;
}

}  // namespace costbook::site
