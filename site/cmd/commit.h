// site: the commit this costbook was built from, for `costbook --version`
// Index: [SECTION] Commit
#pragma once

namespace costbook::site {

// ---- [SECTION] Commit ----
// "3e1f189a2b4c" (12 hex digits, "-dirty" when tracked files had changes), "unknown" outside a
// git checkout, or what -DCOSTBOOK_COMMIT gave. Written at build time by cmake/commit.cmake.
const char* costbook_commit();

}  // namespace costbook::site
