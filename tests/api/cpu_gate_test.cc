// CpuGate: never more than `slots` holders at once, and callers admitted in
// the order they asked.
#include "api/cpu_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace qiancheng::api {
namespace {

TEST(CpuGate, NeverMoreHoldersThanSlots) {
  CpuGate gate(2);
  std::atomic<int> inside{0}, most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        CpuGate::Pass pass = gate.Enter();
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::yield();
        --inside;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_LE(most.load(), 2);
  EXPECT_GE(most.load(), 1);
  EXPECT_EQ(gate.tickets_taken(), 8u * 500u);
}

TEST(CpuGate, AdmitsInTheOrderAsked) {
  CpuGate gate(1);
  auto held = std::make_unique<CpuGate::Pass>(gate.Enter());  // ticket 0
  std::mutex mu;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      CpuGate::Pass pass = gate.Enter();
      std::lock_guard<std::mutex> lock(mu);
      order.push_back(t);
    });
    // Thread t has its ticket before thread t+1 starts.
    while (gate.tickets_taken() < static_cast<uint64_t>(t) + 2) {
      std::this_thread::yield();
    }
  }
  held.reset();
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
}

}  // namespace
}  // namespace qiancheng::api
