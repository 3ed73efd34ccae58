#include "serve/requests.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace costbook::site {

RequestPath parse_request_path(const std::string& target) {
    RequestPath r;
    auto refuse = [&](const char* why) {
        r.status = 400;
        r.reason = why;
        r.rel.clear();
        return r;
    };
    const std::string raw = target.substr(0, target.find_first_of("?#"));
    if (raw.empty() || raw[0] != '/') return refuse("the path must start with `/`");
    std::string path;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '%') { path += raw[i]; continue; }
        if (i + 2 >= raw.size() || !std::isxdigit(static_cast<unsigned char>(raw[i + 1])) ||
            !std::isxdigit(static_cast<unsigned char>(raw[i + 2])))
            return refuse("malformed percent-encoding");
        path += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
        i += 2;
    }
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) return refuse("control character in path");
        if (c == '\\') return refuse("backslash in path");
        if (c == '%') return refuse("percent-encoding inside percent-encoding");
    }
    r.trailing_slash = path.back() == '/';
    std::string rel;
    size_t start = 1;
    while (start < path.size()) {
        const size_t slash = path.find('/', start);
        const std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (seg.empty()) return refuse("empty path segment (`//`)");
        if (seg == "." || seg == "..") return refuse("`.` or `..` in path");
        rel += (rel.empty() ? "" : "/") + seg;
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    if (r.trailing_slash) rel += (rel.empty() ? "" : "/") + std::string("index.html");
    r.rel = rel;
    return r;
}

std::string content_type_for(const std::string& path) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},       {".htm", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},         {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},  {".wasm", "application/wasm"},
        {".svg", "image/svg+xml"},                   {".xml", "application/xml"},
        {".json", "application/json"},               {".png", "image/png"},
        {".jpg", "image/jpeg"},                      {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},                       {".webp", "image/webp"},
        {".ico", "image/x-icon"},                    {".ttf", "font/ttf"},
        {".otf", "font/otf"},                        {".woff", "font/woff"},
        {".woff2", "font/woff2"},                    {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},                {".pdf", "application/pdf"},
    };
    std::string ext = fs::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto it = types.find(ext);
    return it == types.end() ? "application/octet-stream" : it->second;
}

namespace {
std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

bool host_allowed(const std::string& host, int port, const std::string& bind) {
    std::string name, port_text;
    if (!host.empty() && host[0] == '[') {  // [v6 address]:port
        const size_t close = host.find(']');
        if (close == std::string::npos) return false;
        name = host.substr(0, close + 1);
        const std::string rest = host.substr(close + 1);
        if (!rest.empty() && rest[0] != ':') return false;
        port_text = rest.empty() ? "" : rest.substr(1);
        if (rest == ":") return false;
    } else {
        const size_t colon = host.rfind(':');
        name = host.substr(0, colon);
        if (colon != std::string::npos) {
            port_text = host.substr(colon + 1);
            if (port_text.empty()) return false;
        }
    }
    if (port_text.empty() ? port != 80 : !all_digits(port_text) || port_text.size() > 5 || std::stoi(port_text) != port)
        return false;
    name = lower(name);
    if (name == "127.0.0.1" || name == "localhost" || name == "[::1]") return true;
    const std::string b = lower(bind);
    if (b.empty() || b == "0.0.0.0" || b == "::" || b == "[::]") return false;  // a wildcard adds no name
    const std::string bound = b.find(':') != std::string::npos && b[0] != '[' ? "[" + b + "]" : b;
    return name == bound;
}

std::string head_problem(const HeaderList& headers) {
    size_t lengths = 0, hosts = 0;
    bool chunked = false;
    for (const auto& [name, value] : headers) {
        if (name.empty()) return "a header line without a name";
        for (const char ch : name) {
            const auto c = static_cast<unsigned char>(ch);
            if (c <= 0x20 || c == 0x7f) return "whitespace or a control character in the header name `" + name + "`";
        }
        const std::string n = lower(name);
        if (n == "content-length") {
            if (++lengths > 1) return "more than one Content-Length";
            if (!all_digits(value)) return "a Content-Length that is not a number";
        } else if (n == "host") {
            if (++hosts > 1) return "more than one Host";
        } else if (n == "transfer-encoding") {
            chunked = true;
        }
    }
    if (lengths && chunked) return "both Content-Length and Transfer-Encoding";
    return "";
}

bool announces_body(const HeaderList& headers) {
    for (const auto& [name, value] : headers) {
        const std::string n = lower(name);
        if (n == "transfer-encoding") return true;
        if (n == "content-length" && value.find_first_not_of('0') != std::string::npos) return true;
    }
    return false;
}

}  // namespace costbook::site
