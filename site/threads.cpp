#include "threads.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace costbook::site {

namespace {

class Pool {
public:
    void submit(std::function<void()> task) {
        std::lock_guard<std::mutex> lock(m_);
        queue_.push_back(std::move(task));
        if (queue_.size() > idle_) std::thread([this] { serve(); }).detach();   // every task has a thread now
        else wake_.notify_one();
    }
private:
    [[noreturn]] void serve() {
        std::unique_lock<std::mutex> lock(m_);
        while (true) {
            ++idle_;
            wake_.wait(lock, [this] { return !queue_.empty(); });
            --idle_;
            std::function<void()> task = std::move(queue_.front());
            queue_.pop_front();
            lock.unlock();
            task();
            task = nullptr;   // what it holds is released before the thread waits again
            lock.lock();
        }
    }
    std::mutex m_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> queue_;
    size_t idle_ = 0;   // kept threads waiting for a task
};

// Never destroyed: its threads are waiting on it when the process exits.
Pool& pool() {
    static Pool* const p = new Pool;
    return *p;
}

}  // namespace

struct Background::Done {
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
};

Background::Background(std::function<void()> work) : done_(std::make_shared<Done>()) {
    pool().submit([done = done_, work = std::move(work)] {
        work();
        std::lock_guard<std::mutex> lock(done->m);
        done->done = true;
        done->cv.notify_all();
    });
}

Background::~Background() { wait(); }

void Background::wait() {
    std::unique_lock<std::mutex> lock(done_->m);
    done_->cv.wait(lock, [this] { return done_->done; });
}

void run_parallel(unsigned n, const std::function<void()>& work) {
    std::vector<std::unique_ptr<Background>> others;
    for (unsigned t = 1; t < n; ++t) others.push_back(std::make_unique<Background>(work));
    work();
    for (auto& b : others) b->wait();
}

}  // namespace costbook::site
