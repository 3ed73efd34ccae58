// site/cmd/help_authoring.h: `costbook help shortcodes` and `costbook help templates` print the
// registries the build checks against.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "render/shortcode_registry.h"
#include "render/template_vars.h"

using fixture::run;

TEST_CASE("help shortcodes and help templates print the registries; an unknown topic is a usage error") {
    const auto s = run("help shortcodes --site tests/site/ok/minimal");
    CHECK(s.code == 0);
    CHECK(s.out == costbook::site::shortcodes_help({}));
    CHECK(s.out.find("\nfigure  a number from the figure registry") != std::string::npos);
    CHECK(s.out.find("    unit=  false: the number without its unit word") != std::string::npos);
    const auto t = run("help templates");
    CHECK(t.code == 0);
    CHECK(t.out == costbook::site::templates_help());
    CHECK(t.out.find("  section.pages ") != std::string::npos);
    const auto bad = run("help tempates");
    CHECK(bad.code == 2);
    CHECK(bad.err.find("tempates") != std::string::npos);
}
