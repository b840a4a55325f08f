#include "api/cpu_gate.h"

namespace qiancheng::api {

CpuGate::Pass CpuGate::Enter() {
  std::unique_lock<std::mutex> lock(mu_);
  // Ticket t may run once fewer than slots_ of the tickets before it are
  // still running, i.e. t < left_ + slots_: admission in ticket order.
  const uint64_t ticket = next_ticket_++;
  cv_.wait(lock, [&] { return ticket < left_ + slots_; });
  return Pass(this);
}

uint64_t CpuGate::tickets_taken() {
  std::lock_guard<std::mutex> lock(mu_);
  return next_ticket_;
}

void CpuGate::Leave() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++left_;
  }
  cv_.notify_all();
}

}  // namespace qiancheng::api
