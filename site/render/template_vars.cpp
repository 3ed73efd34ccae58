#include "render/template_vars.h"

#include <algorithm>
#include <deque>
#include <set>

#include "render/shortcodes.h"
#include "render/widget_partials.h"

namespace costbook::site {

namespace {
constexpr unsigned KIND_LISTED = KIND_PAGE | KIND_SECTION;   // pages that can sit in a section
}  // namespace

const VarContext& page_vars() {
    static const VarContext c{"pages", "templates/<layout>.mustache and the partials it includes, once per page", {
        {"site", "site.toml, the same on every page"},
        {"site.title", "the site's title"},
        {"site.description", "the site's description"},
        {"site.base_url", "the absolute base URL, ending in /"},
        {"site.base_path", "the URL path every internal link starts with: \"/\" or \"/costs/\""},
        {"site.language", "the language code, for <html lang>"},
        {"site.author", "the site's author, or empty"},
        {"page", "the page being rendered"},
        {"page.title", "its title"},
        {"page.description", "its description, else the site's"},
        {"page.date", "its date (YYYY-MM-DD), or empty"},
        {"page.url", "its absolute URL"},
        {"page.path", "its path under the base path, for links"},
        {"page.content", "its HTML: write it {{{page.content}}}"},
        {"page.kind", "page, section, model, sources or 404"},
        {"page.is_home", "true on the home page"},
        {"page.is_section", "true on a section's list page"},
        {"page.is_model", "true on a page generated for a model in data/models/"},
        {"page.has_calc", "true when the page embeds the calculator"},
        {"page.image", "its social image for og:image: its card (absolute when site.base_url is), its own image (front matter card = \"...\"), or empty"},
        {"page.image_width", "\"1200\" when page.image is the card costbook draws, else empty"},
        {"page.image_height", "\"630\" when page.image is the card costbook draws, else empty"},
        {"page.toc", "its level-2 headings, each with id, text and level"},
        {"page.toc.id", "a heading's anchor"},
        {"page.toc.text", "a heading's text"},
        {"page.toc.level", "a heading's level (2)"},
        {"page.has_toc", "true when front matter says toc = true and there are headings"},
        {"nav", "the menu: site.toml's [nav] order, else every page with nav not false, by weight then title"},
        {"nav.title", "an entry's nav_title, else its title"},
        {"nav.href", "an entry's link"},
        {"nav.current", "true for the page being rendered"},
        {"pages", "every page (not the home page, not generated ones), by weight then path"},
        {"pages.title", "a page's title"},
        {"pages.href", "a page's link"},
        {"pages.date", "a page's date, or empty"},
        {"pages.description", "a page's description, or empty"},
        {"section", "the section of this page: the section itself on its list page, the folder's _index.md otherwise", KIND_LISTED},
        {"section.title", "the section's title (its _index.md)", KIND_LISTED},
        {"section.description", "the section's description", KIND_LISTED},
        {"section.href", "the section's list page", KIND_LISTED},
        {"section.pages", "the section's pages, by weight, then newest date, then title", KIND_LISTED},
        {"section.pages.title", "a page's title", KIND_LISTED},
        {"section.pages.href", "a page's link", KIND_LISTED},
        {"section.pages.date", "a page's date, or empty", KIND_LISTED},
        {"section.pages.description", "a page's description, or empty", KIND_LISTED},
        {"generator", "\"costbook <version>\""},
        {"calc_loader", "the calculator loader's URL when the page embeds the calculator, else empty"},
        {"title_full", "\"<page title> · <site title>\", the site's title alone on the home page"},
    }};
    return c;
}

const std::vector<VarContext>& widget_contexts() {
    static const std::vector<VarContext> list = {
        {"widgets/figure", "{{< figure >}}: one figure, inline (a trailing newline is dropped)", {
            {"text", "the figure as core formats it: \"$5.576M\" (\"5.576M\" with unit=false)"},
            {"href", "its source's anchor on the sources page (sourced figures)"},
            {"title", "the hover text: the source's title, the assumption's reason, or what it is derived from"},
            {"sourced", "true when it links to a source"},
            {"assumption", "true when it is an assumption"},
            {"assumptions_href", "the site's table of assumptions (#cb-assumptions on the first page with {{< assumptions >}}), or empty when no page has one"},
            {"derived", "true when it is derived from other figures"},
            {"dated", "the period a dated figure (a price) applied, or empty"},
        }},
        {"widgets/calc", "{{< calc >}} and model pages: the calculator's canvas with its static results", {
            {"id", "the element id: calc-0, calc-1, ..."},
            {"embed", "the calculator's embed page (/embed/<page>/calc-0/): its data-embed, for the Embed button"},
            {"tab", "the tab it opens on"},
            {"tabs", "the tabs it shows, comma-separated"},
            {"scenario", "the scenario as a query string (data-scenario)"},
            {"sources", "the sources of the inputs (data-sources)"},
            {"ladder", "the ladder's rungs (data-ladder), or empty"},
            {"aria_label", "the canvas's accessible name"},
            {"calculator", "true when calc.js and calc.wasm are in the output"},
            {"live", "the headline result, kept current by the calculator"},
            {"caption", "the results table's caption"},
            {"rows", "the results, each with label and value"},
            {"rows.label", "a result's name"},
            {"rows.value", "a result, formatted by core"},
        }},
        {"widgets/ledger", "{{< ledger \"<model>\" >}} and model pages: the stages as published", {
            {"caption", "\"<model>: GPU-hours as published, at $2 per GPU-hour\""},
            {"has_rate", "true when the model's data gives a rate (a cost column)"},
            {"stages", "each stage, in the data's order"},
            {"stages.name", "the stage's name"},
            {"stages.detail", "\"2,048 GPUs × 1,301 h = ...\" when the data gives GPUs × hours, else empty"},
            {"stages.gpu", "the GPU's name"},
            {"stages.gpu_hours", "its GPU-hours, formatted by core"},
            {"stages.cost", "its cost at the rate, formatted by core"},
            {"stages.source", "its source id"},
            {"stages.source_href", "its source's anchor"},
            {"total_gpu_hours", "the total, formatted by core"},
            {"total_cost", "the total cost, formatted by core"},
        }},
        {"widgets/sources", "{{< sources >}}: every source in data/sources.toml", {
            {"sources", "each source, in the file's order"},
            {"sources.id", "its id (the anchor is src-<id>)"},
            {"sources.title", "its title"},
            {"sources.url", "its URL, or empty"},
            {"sources.publisher", "who published it"},
            {"sources.date", "its date, or empty"},
            {"sources.kind", "its kind, as data/sources.toml gives it (the kinds: `costbook help data`)"},
            {"sources.covers", "what it covers"},
            {"sources.read_via", "where it was read, or empty"},
        }},
        {"widgets/models", "{{< models >}}: every model in data/models/", {
            {"models", "each model, in the data's order"},
            {"models.name", "its name"},
            {"models.href", "its generated page"},
            {"models.developer", "its developer"},
            {"models.reported", "what was reported: total GPU-hours, a figure, or GPUs"},
            {"models.counts", "what its figure counts"},
        }},
        {"widgets/assumptions", "{{< assumptions >}}: every assumption in data/ with its value, range and reason", {
            {"rows", "each assumption: the default ladder's stated rungs, data/scenario.toml's, GPU prices, tasks"},
            {"rows.label", "the input's name"},
            {"rows.value", "its starting value, formatted by core"},
            {"rows.range", "its range, or empty"},
            {"rows.reason", "why"},
            {"rows.source", "the source id behind it, or empty"},
            {"rows.source_href", "the source's anchor, or empty"},
            {"rows.assumption", "true when it is an assumption rather than sourced"},
        }},
        {"widgets/runs", "{{< runs >}}: the published runs behind the default MFU", {
            {"runs", "each run in data/runs/"},
            {"runs.name", "its name"},
            {"runs.kind", "\"<developer>, <GPU>, MoE, FP8\""},
            {"runs.source", "its source id"},
            {"runs.source_href", "its source's anchor"},
            {"runs.params_active", "active parameters, formatted by core"},
            {"runs.tokens", "training tokens"},
            {"runs.gpu_hours", "reported GPU-hours"},
            {"runs.implied_mfu", "the MFU its GPU-hours imply"},
            {"runs.fit_mfu", "the fit's MFU for it, fitted without its developer's runs"},
            {"runs.error", "the fit's error, signed"},
        }},
        {"widgets/tasks", "{{< tasks >}}: one price date's table of task costs (a date per table)", {
            {"on", "\"at the prices in effect on 2025-02-15\""},
            {"rows", "each task at each compared price"},
            {"rows.task", "the task's name on its first row, else empty"},
            {"rows.tokens", "its token counts on its first row"},
            {"rows.price", "the price's name"},
            {"rows.source", "the price's source id"},
            {"rows.source_href", "its anchor"},
            {"rows.period", "the dates the price applied"},
            {"rows.output_tokens", "output tokens"},
            {"rows.usd_miss", "the cost, all input a cache miss"},
            {"rows.usd_hit", "the cost, all input a cache hit"},
            {"rows.cny_miss", "the yuan cost, a cell (widgets/price-cell)"},
            {"rows.cny_miss.text", "the price or cost, formatted by core"},
            {"rows.cny_miss.missing", "true when no yuan figure was found"},
            {"rows.cny_miss.converted", "true when converted from dollars (marked †)"},
            {"rows.cny_miss.how", "how it was converted, for its title"},
            {"rows.cny_hit", "the yuan cost with cache hits, a cell"},
            {"rows.cny_hit.text", "the price or cost, formatted by core"},
            {"rows.cny_hit.missing", "true when no yuan figure was found"},
            {"rows.cny_hit.converted", "true when converted from dollars (marked †)"},
            {"rows.cny_hit.how", "how it was converted, for its title"},
        }},
        {"widgets/prices", "{{< prices >}}: every price in data/prices/, a table in dollars and one in yuan", {
            {"tables", "the dollar table, then the yuan table"},
            {"tables.caption", "\"In US dollars\", \"In yuan\""},
            {"tables.rows", "each price"},
            {"tables.rows.name", "its name"},
            {"tables.rows.source", "its source id"},
            {"tables.rows.source_href", "its anchor"},
            {"tables.rows.period", "the dates it applied"},
            {"tables.usd", "true for the dollar table"},
            {"tables.rows.missing", "true when it has no figures in this currency"},
            {"tables.rows.cells", "cache hit, cache miss, output: cells (widgets/price-cell)"},
            {"tables.rows.cells.text", "the price or cost, formatted by core"},
            {"tables.rows.cells.missing", "true when no yuan figure was found"},
            {"tables.rows.cells.converted", "true when converted from dollars (marked †)"},
            {"tables.rows.cells.how", "how it was converted, for its title"},
        }},
        {"widgets/price-cell", "a price or cost cell of the tasks and prices tables, inline", {
            {"text", "the price or cost, formatted by core"},
            {"missing", "true when no yuan figure was found"},
            {"converted", "true when converted from dollars (marked †)"},
            {"how", "how it was converted, for its title"},
        }},
    };
    return list;
}

const VarContext* widget_vars(std::string_view partial) {
    for (const VarContext& c : widget_contexts())
        if (c.name == partial) return &c;
    return nullptr;
}

const VarContext& shortcode_vars() {
    static const VarContext c{"shortcodes", "templates/shortcodes/<name>.mustache, once per {{< name key=\"value\" >}}", {
        {"page", "the page the shortcode is on"},
        {"page.title", "its title"},
        {"page.description", "its description, or empty"},
        {"page.date", "its date, or empty"},
        {"page.path", "its path under the base path"},
        {"site", "site.toml"},
        {"site.title", "the site's title"},
        {"site.description", "the site's description"},
        {"site.base_url", "the absolute base URL"},
        {"site.base_path", "the URL path every internal link starts with"},
        {"site.language", "the language code"},
        {"site.author", "the site's author"},
        {"figures", "the figure registry by key: figures.<model>.total_gpu_hours has text, value (without its unit) and html "
                    "(linked to its source, as {{< figure >}} renders it: write {{{...html}}})", KIND_ALL, true},
    }, true};
    return c;
}

unsigned page_kind_bit(const std::string& kind, bool home) {
    if (home) return KIND_HOME;
    if (kind == "section") return KIND_SECTION;
    if (kind == "model") return KIND_MODEL;
    if (kind == "sources") return KIND_SOURCES;
    if (kind == "404") return KIND_404;
    return KIND_PAGE;
}

namespace {

using Tag = mustache::Template::Tag;

// Walks templates the way they render: a stack of scopes (the registry path each open section
// resolved to; "*" inside an argument, where anything goes), into the partials they include.
struct Checker {
    const Templates& t;
    Diagnostics& diags;
    std::set<std::string> walked;             // "context|partial|scopes": each partial once per place
    std::set<std::string> reported;           // "file:line:col"
    std::set<std::string> arguments;          // author shortcodes: the top-level names read

    struct Ctx {
        const VarContext* vars;
        std::set<std::string> paths;           // every path and every prefix of one
        std::vector<std::string> open;         // paths below which anything exists
    };
    std::deque<Ctx> ctxs;                     // stable addresses
    std::set<std::string> reached;            // partials walked from somewhere
    std::set<std::string>* read = nullptr;    // set: every page variable a tag reads, as its registry path
    const FigureRegistry* figures = nullptr;  // set: `figures` holds these keys' text, value and html, nothing else
    const std::map<std::string, std::string>* needs = nullptr;   // ... and these keys are missing their data
    std::string tried = {};                   // the path resolve() last failed to find, as it looked it up

    static void add_path(Ctx& c, const std::string& p) {
        for (size_t dot = p.find('.'); dot != std::string::npos; dot = p.find('.', dot + 1)) c.paths.insert(p.substr(0, dot));
        c.paths.insert(p);
    }

    const Ctx& ctx_for(const VarContext& v) {
        for (const Ctx& c : ctxs)
            if (c.vars == &v) return c;
        Ctx c{&v, {}, {}};
        for (const TemplateVar& tv : v.vars) {
            const std::string p = tv.path;
            add_path(c, p);
            if (tv.open && figures && p == "figures") {   // the registry as render/widgets.h's figure_tree() nests it
                for (const auto& [key, _] : *figures)
                    for (const char* leaf : {".text", ".value", ".html"}) add_path(c, p + "." + key + leaf);
            } else if (tv.open) {
                c.open.push_back(p);
            }
        }
        ctxs.push_back(std::move(c));
        return ctxs.back();
    }

    static bool under_open(const Ctx& c, const std::string& p) {
        for (const std::string& o : c.open)
            if (p.compare(0, o.size() + 1, o + ".") == 0) return true;
        return false;
    }
    static bool has(const Ctx& c, const std::string& p) { return c.paths.count(p) || under_open(c, p); }

    // The names visible from `scopes`, as a template would write them there, for "did you mean".
    static std::vector<std::string> visible(const Ctx& c, const std::vector<std::string>& scopes) {
        std::vector<std::string> out;
        for (const std::string& s : scopes)
            for (const std::string& p : c.paths) {
                if (s.empty()) out.push_back(p);
                else if (p.compare(0, s.size() + 1, s + ".") == 0) out.push_back(p.substr(s.size() + 1));
            }
        return out;
    }

    // The registry path `name` reads in `scopes`, "*" when anything goes there, "" when unknown.
    std::string resolve(const Ctx& c, const std::vector<std::string>& scopes, const std::string& name) {
        if (name == ".") return scopes.back();
        const size_t dot = name.find('.');
        const std::string first = name.substr(0, dot), rest = dot == std::string::npos ? "" : name.substr(dot);
        for (auto s = scopes.rbegin(); s != scopes.rend(); ++s) {
            if (*s == "*") return "*";
            const std::string base = s->empty() ? first : *s + "." + first;
            if (!has(c, base)) continue;
            if (has(c, base + rest)) return base + rest;
            tried = base + rest;   // found the first part: the rest must follow it
            return "";
        }
        tried.clear();
        if (c.vars->arguments) {
            arguments.insert(first);
            return "*";
        }
        return "";
    }

    void walk(const mustache::Template& tpl, const std::string& file, const Ctx& c, std::vector<std::string> scopes) {
        for (const Tag& tag : tpl.tags()) {
            if (tag.kind == Tag::Kind::end) {
                if (scopes.size() > 1) scopes.pop_back();
                continue;
            }
            if (tag.kind == Tag::Kind::partial) {
                const auto it = t.partials.find(tag.name);
                if (it == t.partials.end()) continue;   // a missing partial is load's error
                reached.insert(tag.name);
                std::string key = c.vars->name + "|" + tag.name;
                for (const std::string& s : scopes) key += "|" + s;
                if (walked.insert(key).second) walk(it->second, "templates/partials/" + tag.name + ".mustache", c, scopes);
                continue;
            }
            std::string path = resolve(c, scopes, tag.name);
            if (read && c.vars == &page_vars()) read->insert(path);
            if (path.empty()) {
                report(c, scopes, file, tag);
                path = "*";   // one error per name, not one per name inside its section
            }
            if (tag.kind == Tag::Kind::section) scopes.push_back(path);
            else if (tag.kind == Tag::Kind::inverted) scopes.push_back(scopes.back());
        }
    }

    void report(const Ctx& c, const std::vector<std::string>& scopes, const std::string& file, const Tag& tag) {
        if (!reported.insert(file + ":" + std::to_string(tag.line) + ":" + std::to_string(tag.col)).second) return;
        if (figures && tried.rfind("figures.", 0) == 0) return report_figure(file, tag);
        // The innermost section's own names first: inside {{#nav}}, `hre` means `href`, not `site`.
        const size_t max = std::max<size_t>(2, tag.name.size() / 3);
        std::string near = closest_name(visible(c, {scopes.back()}), tag.name, max);
        if (near.empty()) near = closest_name(visible(c, scopes), tag.name, max);
        const bool widget = c.vars != &page_vars() && c.vars != &shortcode_vars();
        Diagnostic& d = diags.error(file, tag.line, tag.col, "unknown template variable `" + tag.name + "`",
                                    (near.empty() ? std::string() : "did you mean `" + near + "`? ") +
                                        "`costbook help templates` lists the variables" +
                                        (widget ? " of " + c.vars->name : " of each page kind"));
        d.len = std::max(1, tag.len);
        if (scopes.size() > 1 && scopes.back() != "*") {
            std::string fields;
            for (const std::string& f : visible(c, {scopes.back()}))
                if (f.find('.') == std::string::npos) fields += (fields.empty() ? "" : ", ") + f;
            d.note = "inside the section `" + scopes.back() + "`" + (fields.empty() ? "" : ", whose items have: " + fields);
        }
    }

    // figures.<key>.<leaf> that names no figure of the site: as {{< figure "<key>" >}} reports it, with the
    // suggestion written as the template would (relative to the section it is in).
    void report_figure(const std::string& file, const Tag& tag) {
        static const std::vector<std::string> leaves = {"text", "value", "html"};
        const std::string rest = tried.substr(8);                                  // "<key>.<leaf>"
        const std::string scope = tried.substr(0, tried.size() - std::min(tried.size(), tag.name.size()));   // "figures.<id>." in a section
        const auto written = [&](const std::string& path) { return path.rfind(scope, 0) == 0 ? path.substr(scope.size()) : path; };
        const auto add = [&](const std::string& message, const std::string& help) {
            diags.error(file, tag.line, tag.col, message, help).len = std::max(1, tag.len);
        };
        // A figure's key with a leaf other than text, value and html after it.
        const size_t last = rest.rfind('.');
        const std::string head = last == std::string::npos ? rest : rest.substr(0, last), tail = last == std::string::npos ? "" : rest.substr(last + 1);
        if (figures->count(head)) {
            const std::string near = closest_name(leaves, tail);
            return add("figure `" + head + "` has no `" + tail + "`",
                       (near.empty() ? std::string() : "did you mean `" + written("figures." + head + "." + near) + "`? ") +
                           "a figure has text, value (its number without the unit) and html (as {{< figure >}} renders it)");
        }
        const bool has_leaf = std::find(leaves.begin(), leaves.end(), tail) != leaves.end();
        const std::string key = has_leaf ? head : rest, leaf = has_leaf ? "." + tail : "";
        if (needs)
            if (const auto n = needs->find(key); n != needs->end()) {
                const NeedsError e = needs_error("figure", key, n->second);
                return add(e.message, e.help);
            }
        std::vector<std::string> keys;
        keys.reserve(figures->size());
        for (const auto& [k, _] : *figures) keys.push_back(k);
        const std::string near = closest_name(keys, key);
        add("unknown figure `" + key + "`",
            near.empty() ? "`costbook help figures` lists the figure keys, each with an example from this site"
                         : "did you mean `" + written("figures." + near + leaf) + "`?");
    }
};

}  // namespace

namespace {
// Walks every layout and page partial (with `read` set, the paths they read); widget partials and
// shortcodes in their own contexts.
void walk_templates(Checker& k, const Templates& t) {
    const auto& pages = k.ctx_for(page_vars());
    for (const auto& [name, tpl] : t.layouts) k.walk(tpl, "templates/" + name + ".mustache", pages, {""});
    // Widget partials in their widget's context; every other partial not reached yet, at a page's top.
    for (const auto& [name, tpl] : t.partials) {
        if (const VarContext* w = widget_vars(name)) k.walk(tpl, "templates/partials/" + name + ".mustache", k.ctx_for(*w), {""});
        else if (name.rfind("widgets/", 0) == 0) continue;   // no such widget: prepare_templates says so
        else if (!k.reached.count(name)) k.walk(tpl, "templates/partials/" + name + ".mustache", pages, {""});
    }
    for (const auto& [name, tpl] : t.shortcodes) k.walk(tpl, "templates/shortcodes/" + name + ".mustache", k.ctx_for(shortcode_vars()), {""});
}
}  // namespace

void check_template_vars(const Templates& t, Diagnostics& diags, const FigureRegistry* figures, const std::map<std::string, std::string>* needs) {
    Checker k{t, diags, {}, {}, {}, {}, {}};
    k.figures = figures;
    k.needs = needs;
    walk_templates(k, t);
}

bool templates_read(const Templates& t, std::initializer_list<std::string_view> paths) {
    Diagnostics ignored;   // check_template_vars reports them
    std::set<std::string> read;
    Checker k{t, ignored, {}, {}, {}, {}, {}, &read};
    walk_templates(k, t);
    for (std::string_view p : paths)
        if (read.count(std::string(p))) return true;
    return read.count("*") != 0;   // a name read where anything goes: it may be one of them
}

std::vector<AuthorShortcode> author_shortcodes(const Templates& t) {
    std::vector<AuthorShortcode> out;
    for (const auto& [name, tpl] : t.shortcodes) {
        Diagnostics ignored;   // check_template_vars reports them
        Checker k{t, ignored, {}, {}, {}, {}, {}};
        k.walk(tpl, "", k.ctx_for(shortcode_vars()), {""});
        out.push_back({name, std::vector<std::string>(k.arguments.begin(), k.arguments.end())});
    }
    return out;
}

std::string templates_help() {
    const auto kinds_text = [](unsigned k) {
        if (k == KIND_ALL) return std::string();
        std::string s;
        const std::pair<unsigned, const char*> names[] = {{KIND_HOME, "home"}, {KIND_PAGE, "page"}, {KIND_SECTION, "section"},
                                                          {KIND_MODEL, "model"}, {KIND_SOURCES, "sources"}, {KIND_404, "404"}};
        for (const auto& [bit, n] : names)
            if (k & bit) s += (s.empty() ? "" : ", ") + std::string(n);
        return "  [" + s + " only]";
    };
    const auto section = [&](const VarContext& c) {
        std::string out = "\n" + c.name + ": " + c.what + "\n";
        size_t w = 0;
        for (const TemplateVar& v : c.vars) w = std::max(w, std::string(v.path).size());
        for (const TemplateVar& v : c.vars)
            out += "  " + std::string(v.path) + std::string(w + 2 - std::string(v.path).size(), ' ') + v.meaning + kinds_text(v.kinds) + "\n";
        return out;
    };
    std::string out =
        "Template variables. Page kinds: home (content/index.md), page, section (a folder's _index.md), model (one per\n"
        "data/models/ file), sources, 404. A variable no page kind defines is a build error. Inside {{#list}}...{{/list}}\n"
        "an item's fields are read by their own name: {{#nav}}{{title}}{{/nav}}.\n";
    out += section(page_vars());
    out += "\nWidget partials: write templates/partials/widgets/<name>.mustache to replace how a built-in widget renders.\n";
    for (const VarContext& c : widget_contexts()) {
        out += section(c);
        // The built-in text, to copy into the site's file and change.
        if (const char* src = builtin_widget_source(c.name)) {
            std::string text = src;
            if (text.empty() || text.back() != '\n') text += '\n';
            out += "  built in:\n";
            for (size_t at = 0; at < text.size();) {
                const size_t nl = text.find('\n', at);
                out += "    | " + text.substr(at, nl - at) + "\n";
                at = nl + 1;
            }
        }
    }
    out += section(shortcode_vars());
    out += "  <any other name>  an argument: {{< name kind=\"note\" >}} sets {{kind}}\n";
    return out;
}

}  // namespace costbook::site
