#include "serve/requests.h"

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

}  // namespace costbook::site
