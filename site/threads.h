// site: threads kept for the process's life, so that a build starts and ends none of its own
// Index: [SECTION] Parallel work
//
// A thread that ends hands its allocator heap back page by page (mimalloc walked ~1,000 pages a
// thread, 1.7 M instructions, at every exit); kept threads never end before the process does, and
// serve's rebuilds reuse them. A task always gets a thread at once (an idle kept one, else a new
// one that is kept after it), so tasks that wait for each other cannot wait for a free thread.
#pragma once
#include <functional>
#include <memory>

namespace costbook::site {

// ---- [SECTION] Parallel work ----
// Runs `work` on the calling thread and on n - 1 kept threads at once; returns when all have returned.
void run_parallel(unsigned n, const std::function<void()>& work);

// `work` on a kept thread, started at construction; wait() returns once it has returned (the
// destructor waits too). An exception escaping `work` ends the process, as from a std::thread.
class Background {
public:
    explicit Background(std::function<void()> work);
    ~Background();
    Background(const Background&) = delete;
    Background& operator=(const Background&) = delete;
    void wait();
    struct Done;
private:
    std::shared_ptr<Done> done_;
};

}  // namespace costbook::site
