#!/usr/bin/env python3
"""Writes two equivalent synthetic sites, one for costbook and one for Hugo.

Same pages (Markdown with TOML front matter, ~8 KB each), same data files (data/models/*.toml),
one base template with a partial, a home page listing every page, a sitemap: neither side
does less work. Eleventy gets the same pages with the same front matter as YAML (its default;
TOML would need a plug-in), one Nunjucks layout with the same partial, and a sitemap template.
Usage: gen.py N OUT_DIR  →  OUT_DIR/costbook, OUT_DIR/hugo, OUT_DIR/eleventy
"""
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = ("cost compute token model GPU hour training run stage rental rate price budget cluster "
         "parameter expert attention cache inference reasoning dataset estimate figure source").split()


def paragraph(i, k):
    words = [WORDS[(i * 7 + k * 13 + j * 5) % len(WORDS)] for j in range(60)]
    words[0] = words[0].capitalize()
    words[10] = "**" + words[10] + "**"
    words[20] = "*" + words[20] + "*"
    words[30] = "[" + words[30] + "](https://example.org/" + words[30] + ")"
    return " ".join(words) + "."


def page_body(i):
    out = []
    for s in range(4):
        out.append(f"## Section {s + 1} of page {i}\n")
        for k in range(3):
            out.append(paragraph(i, s * 3 + k) + "\n")
        out.append("- first item about " + WORDS[(i + s) % len(WORDS)])
        out.append("- second item with `code` in it")
        out.append("- third item\n")
    out.append("| stage | GPU-hours | cost |\n| --- | ---: | ---: |")
    for r in range(5):
        out.append(f"| stage {r} | {(i * 37 + r * 11) % 1000}K | ${(i * 3 + r) % 90}M |")
    out.append("")
    return "\n".join(out)


def front_matter(i):
    return (f'+++\ntitle = "Page {i}"\ndate = 2025-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}\n'
            f'description = "Synthetic page {i} for the benchmark"\nweight = {i}\n+++\n\n')


HEAD_COSTBOOK = """<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{page.title}} · {{site.title}}</title>
<meta name="description" content="{{page.description}}">
<link rel="canonical" href="{{page.url}}">
<link rel="stylesheet" href="{{site.base_path}}css/site.css">
"""
PAGE_COSTBOOK = """<!doctype html>
<html lang="en">
<head>
{{> head}}
</head>
<body>
<header><a href="{{site.base_path}}">{{site.title}}</a></header>
<main><article>
<h1>{{page.title}}</h1>
{{{page.content}}}
{{#page.is_home}}
<ul class="pages">
{{#pages}}
<li><a href="{{href}}">{{title}}</a> <time>{{date}}</time></li>
{{/pages}}
</ul>
{{/page.is_home}}
</article></main>
<footer><p>{{site.title}}</p></footer>
</body>
</html>
"""
HEAD_HUGO = """<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
"""
PAGE_HUGO = """<!doctype html>
<html lang="en">
<head>
{{ partial "head.html" . }}
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header>
<main><article>
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ if .IsHome }}
<ul class="pages">
{{ range .Site.RegularPages.ByWeight }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}
</ul>
{{ end }}
</article></main>
<footer><p>{{ .Site.Title }}</p></footer>
</body>
</html>
"""


HEAD_ELEVENTY = """<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · {{ site.title }}</title>
<meta name="description" content="{{ description }}">
<link rel="canonical" href="{{ site.base_url }}{{ page.url }}">
<link rel="stylesheet" href="/css/site.css">
"""
PAGE_ELEVENTY = """<!doctype html>
<html lang="en">
<head>
{% include "head.njk" %}
</head>
<body>
<header><a href="/">{{ site.title }}</a></header>
<main><article>
<h1>{{ title }}</h1>
{{ content | safe }}
{% if page.url == "/" %}
<ul class="pages">
{% for p in collections.posts %}
<li><a href="{{ p.url }}">{{ p.data.title }}</a> <time>{{ p.date | isodate }}</time></li>
{% endfor %}
</ul>
{% endif %}
</article></main>
<footer><p>{{ site.title }}</p></footer>
</body>
</html>
"""
SITEMAP_ELEVENTY = """---
permalink: /sitemap.xml
eleventyExcludeFromCollections: true
---
<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- for p in collections.all %}
<url><loc>{{ site.base_url }}{{ p.url }}</loc><lastmod>{{ p.date | isodate }}</lastmod></url>
{%- endfor %}
</urlset>
"""
CONFIG_ELEVENTY = """module.exports = function (config) {
  config.addPassthroughCopy({ "static": "/" });
  config.addFilter("isodate", (d) => d.toISOString().slice(0, 10));
  config.addCollection("posts", (c) => c.getFilteredByGlob("content/posts/*.md").sort((a, b) => a.data.weight - b.data.weight));
  return { dir: { input: "content", includes: "../_includes", data: "../_data" }, htmlTemplateEngine: "njk" };
};
"""


def yaml_front_matter(i):
    return (f'---\ntitle: "Page {i}"\ndate: 2025-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}\n'
            f'description: "Synthetic page {i} for the benchmark"\nweight: {i}\n---\n\n')


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    shutil.rmtree(out, ignore_errors=True)
    cb, hg = os.path.join(out, "costbook"), os.path.join(out, "hugo")
    # cards = false: Hugo and Eleventy draw no social cards, so the comparison stays like for like.
    write(os.path.join(cb, "site.toml"), 'title = "Bench"\nbase_url = "https://example.org/"\ncards = false\n')
    write(os.path.join(cb, "templates/page.mustache"), PAGE_COSTBOOK)
    write(os.path.join(cb, "templates/partials/head.mustache"), HEAD_COSTBOOK)
    write(os.path.join(cb, "content/index.md"), '+++\ntitle = "Bench"\n+++\n\nEvery page:\n')
    write(os.path.join(hg, "config.toml"),
          'baseURL = "https://example.org/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
          '[markup.goldmark.renderer]\nunsafe = true\n')
    write(os.path.join(hg, "layouts/_default/single.html"), PAGE_HUGO)
    write(os.path.join(hg, "layouts/index.html"), PAGE_HUGO)
    write(os.path.join(hg, "layouts/partials/head.html"), HEAD_HUGO)
    write(os.path.join(hg, "content/_index.md"), '+++\ntitle = "Bench"\n+++\n\nEvery page:\n')
    el = os.path.join(out, "eleventy")
    write(os.path.join(el, "eleventy.config.cjs"), CONFIG_ELEVENTY)
    write(os.path.join(el, "_data/site.json"), '{"title": "Bench", "base_url": "https://example.org"}\n')
    write(os.path.join(el, "_includes/page.njk"), PAGE_ELEVENTY)
    write(os.path.join(el, "_includes/head.njk"), HEAD_ELEVENTY)
    write(os.path.join(el, "content/index.md"), '---\ntitle: "Bench"\nlayout: page.njk\n---\n\nEvery page:\n')
    write(os.path.join(el, "content/posts/posts.json"), '{"layout": "page.njk"}\n')
    write(os.path.join(el, "content/sitemap.njk"), SITEMAP_ELEVENTY)
    for site in (cb, hg, el):
        write(os.path.join(site, "static/css/site.css"), "body { font-family: system-ui; }\n")
    # The same data files on both sides; costbook validates them against its sources.
    shutil.copytree(os.path.join(ROOT, "data"), os.path.join(cb, "data"))
    shutil.copytree(os.path.join(ROOT, "data", "models"), os.path.join(hg, "data", "models"))
    for i in range(1, n + 1):
        text = front_matter(i) + page_body(i)
        write(os.path.join(cb, "content", "posts", f"p{i:05d}.md"), text.replace("weight =", "nav = false\nweight ="))
        write(os.path.join(hg, "content", "posts", f"p{i:05d}.md"), text)
        write(os.path.join(el, "content", "posts", f"p{i:05d}.md"), yaml_front_matter(i) + page_body(i))


if __name__ == "__main__":
    main()
