#include "rank/metrics.h"

#include <algorithm>
#include <cmath>

namespace qiancheng::rank {

double RecallAtK(std::span<const std::string> ranked,
                 const std::unordered_set<std::string>& relevant, size_t k) {
  if (relevant.empty()) return 1.0;
  size_t found = 0;
  for (size_t i = 0; i < ranked.size() && i < k; ++i) {
    found += relevant.count(ranked[i]);
  }
  return static_cast<double>(found) /
         static_cast<double>(std::min(relevant.size(), k));
}

double NdcgAtK(std::span<const std::string> ranked,
               const std::unordered_set<std::string>& relevant, size_t k) {
  if (relevant.empty()) return 1.0;
  double dcg = 0, ideal = 0;
  for (size_t i = 0; i < ranked.size() && i < k; ++i) {
    if (relevant.count(ranked[i])) dcg += 1.0 / std::log2(i + 2.0);
  }
  for (size_t i = 0; i < std::min(relevant.size(), k); ++i) {
    ideal += 1.0 / std::log2(i + 2.0);
  }
  return ideal > 0 ? dcg / ideal : 0.0;
}

}  // namespace qiancheng::rank
