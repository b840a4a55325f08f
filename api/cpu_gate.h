// api/cpu_gate.h -- at most N requests computing at once, admitted in arrival
// order. cpp-httplib runs every open connection on its own thread, so under
// load many more threads want the CPU than there are cores; the scheduler
// then slices them, and a request that loses its core mid-computation waits
// out other threads' time slices: the p99 of a CPU-bound route was several
// times its p50 at 8 connections on 2 cores. Queueing the compute-bound
// routes (recommendations, candidates, eligibility, analytics) for a core
// slot instead keeps the runnable threads near the core count, so requests
// finish in order and the load generator or nginx in front keep their share.
// Routes that wait on I/O (writes that fsync, store reads) do not pass
// through it. Thread-safe.
#ifndef QIANCHENG_API_CPU_GATE_H_
#define QIANCHENG_API_CPU_GATE_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>

namespace qiancheng::api {

class CpuGate {
 public:
  // REQUIRES: slots >= 1.
  explicit CpuGate(size_t slots) : slots_(slots) {}
  CpuGate(const CpuGate&) = delete;
  CpuGate& operator=(const CpuGate&) = delete;

  // Holds a slot until destroyed.
  class Pass {
   public:
    explicit Pass(CpuGate* gate) : gate_(gate) {}
    Pass(Pass&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    Pass& operator=(Pass&&) = delete;
    ~Pass() {
      if (gate_ != nullptr) gate_->Leave();
    }

   private:
    CpuGate* gate_;
  };

  // Blocks until one of the slots is free and every earlier caller has had
  // one (first come, first served).
  Pass Enter();
  size_t slots() const { return slots_; }
  // Passes asked for so far (running, waiting or done): lets a test line
  // callers up in a known order.
  uint64_t tickets_taken();

 private:
  void Leave();

  const size_t slots_;
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_ticket_ = 0;  // the ticket the next caller takes
  uint64_t left_ = 0;         // passes given back so far
};

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_CPU_GATE_H_
