#include "render/shortcodes.h"

#include <algorithm>
#include <cctype>

#include "render/markdown.h"
#include "render/shortcode_registry.h"

namespace costbook::site {

namespace {

bool known_name(const std::string& n, const std::vector<std::string>& author) {
    return find_builtin_shortcode(n) || std::find(author.begin(), author.end(), n) != author.end();
}

std::string known_list(const std::vector<std::string>& author) {
    std::string s = builtin_shortcode_names();
    for (const std::string& a : author) s += ", " + a;
    return s;
}

// Parses `name "pos" key="value"` between the delimiters; returns an error message or "".
std::string parse_inside(const std::string& in, Shortcode& sc) {
    size_t i = 0;
    const auto skip = [&] { while (i < in.size() && (in[i] == ' ' || in[i] == '\t')) ++i; };
    const auto word = [&] {
        const size_t b = i;
        while (i < in.size() && (std::isalnum(static_cast<unsigned char>(in[i])) || in[i] == '_' || in[i] == '-')) ++i;
        return in.substr(b, i - b);
    };
    const auto quoted = [&](std::string& v) -> bool {
        if (i >= in.size() || in[i] != '"') return false;
        ++i;
        while (i < in.size() && in[i] != '"') {
            if (in[i] == '\\' && i + 1 < in.size()) ++i;
            v.push_back(in[i++]);
        }
        if (i >= in.size()) return false;
        ++i;
        return true;
    };
    skip();
    sc.name = word();
    if (sc.name.empty()) return "a shortcode needs a name";
    while (true) {
        skip();
        if (i >= in.size()) break;
        if (in[i] == '"') {
            std::string v;
            if (!quoted(v)) return "unclosed quote in shortcode `" + sc.name + "`";
            sc.args.push_back(v);
            continue;
        }
        const std::string key = word();
        if (key.empty() || i >= in.size() || in[i] != '=') return "expected \"value\" or key=\"value\" in shortcode `" + sc.name + "`";
        ++i;
        std::string v;
        if (in.compare(i, 4, "true") == 0 || in.compare(i, 5, "false") == 0) {   // a bare boolean: unit=false
            const size_t b = i;
            const std::string w = word();
            if (w != "true" && w != "false") { i = b; return "the value of `" + key + "` must be in double quotes (only true and false may go bare)"; }
            v = w;
        } else if (!quoted(v)) {
            return "the value of `" + key + "` must be in double quotes (only true and false may go bare)";
        }
        if (sc.named.count(key)) return "`" + key + "` is given twice";
        sc.named[key] = v;
    }
    return {};
}

}  // namespace

std::string extract_shortcodes(const std::string& body, const std::string& path, int first_line,
                               std::vector<Shortcode>& out, Diagnostics& diags, const std::vector<std::string>& author) {
    std::string result;
    result.reserve(body.size());
    size_t pos = 0;
    int line = first_line;
    size_t line_start = 0;
    size_t next_nl = 0;
    bool nl_known = false;
    while (true) {
        const size_t open = body.find("{{<", pos);
        if (open == std::string::npos) break;
        for (size_t k = pos; k < open; ++k) if (body[k] == '\n') { ++line; line_start = k + 1; }
        const int col = static_cast<int>(open - line_start) + 1;
        const size_t close = body.find(">}}", open + 3);
        // The end of this line, found once per line (not once per shortcode on it).
        if (next_nl != std::string::npos && (next_nl < open || !nl_known)) {
            next_nl = body.find('\n', open);
            nl_known = true;
        }
        const size_t nl = next_nl;
        Diagnostic d;
        d.path = path;
        d.line = line;
        d.col = col;
        if (close == std::string::npos || (nl != std::string::npos && nl < close)) {
            d.len = 3;
            d.message = "shortcode is not closed";
            d.help = "end it with `>}}` on the same line";
            diags.add(std::move(d));
            result.append(body, pos, open + 3 - pos);
            pos = open + 3;
            continue;
        }
        Shortcode sc;
        sc.text = body.substr(open, close + 3 - open);
        sc.line = line;
        sc.col = col;
        // Hugo's escape: {{</* name args */>}} is the text {{< name args >}}, not run.
        if (close >= open + 5 && body.compare(open + 3, 2, "/*") == 0 && body.compare(close - 2, 2, "*/") == 0) {
            sc.literal = true;
            sc.text = "{{<" + body.substr(open + 5, close - 2 - (open + 5)) + ">}}";
            result.append(body, pos, open - pos);
            result += inline_marker(static_cast<int>(out.size()));
            pos = close + 3;
            out.push_back(std::move(sc));
            continue;
        }
        d.len = static_cast<int>(sc.text.size());
        const std::string err = parse_inside(body.substr(open + 3, close - open - 3), sc);
        if (!err.empty() || !known_name(sc.name, author)) {
            d.message = err.empty() ? "unknown shortcode `" + sc.name + "`" : err;
            d.help = err.empty() ? "known shortcodes: " + known_list(author) + "; add your own as templates/shortcodes/" + sc.name + ".mustache"
                                 : "write it as {{< name \"value\" key=\"value\" >}}; `costbook help shortcodes` lists each one's arguments";
            diags.add(std::move(d));
        }
        // A block: nothing but whitespace around it on its line.
        const size_t eol = nl == std::string::npos ? body.size() : nl;
        // Each scan stops at the first character that is not blank, so a line of 100,000
        // shortcodes costs 100,000 steps, not 10^10.
        bool alone = true;
        for (size_t k = open; alone && k > line_start; --k) alone = body[k - 1] == ' ' || body[k - 1] == '\t';
        for (size_t k = close + 3; alone && k < eol; ++k) alone = body[k] == ' ' || body[k] == '\t' || body[k] == '\r';
        sc.block = alone && sc.name != "figure";
        const int index = static_cast<int>(out.size());
        result.append(body, pos, open - pos);
        if (sc.block) {
            // An HTML block must end at a blank line, or the next paragraph would join it.
            result += block_marker(index) + "\n";
            pos = close + 3;
        } else {
            result += inline_marker(index);
            pos = close + 3;
        }
        out.push_back(std::move(sc));
    }
    result.append(body, pos, std::string::npos);
    return result;
}

NeedsError needs_error(const std::string& kind, const std::string& name, const std::string& needs) {
    return {kind + " `" + name + "` needs " + needs + ", which this site's data/ does not have",
            "add that to data/, sourced or labelled an assumption with its reason (`costbook help data` lists every file and its keys), "
            "or remove the " + kind};
}

}  // namespace costbook::site
