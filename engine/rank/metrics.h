// rank/metrics.h -- stage 7 (rank) of DESIGN.md: ranking quality measures for
// the offline evaluation (`qiancheng eval`): recall@k and nDCG@k of one ranked
// list against the set of relevant ids, with binary relevance. Pure.
#ifndef QIANCHENG_RANK_METRICS_H_
#define QIANCHENG_RANK_METRICS_H_

#include <cstddef>
#include <span>
#include <string>
#include <unordered_set>

namespace qiancheng::rank {

// Share of `relevant` found in the first k of `ranked` (1 when relevant is
// empty, so a query with nothing to find does not count against a ranker).
double RecallAtK(std::span<const std::string> ranked,
                 const std::unordered_set<std::string>& relevant, size_t k);

// DCG of the first k of `ranked` over the ideal DCG (binary gains).
double NdcgAtK(std::span<const std::string> ranked,
               const std::unordered_set<std::string>& relevant, size_t k);

}  // namespace qiancheng::rank

#endif  // QIANCHENG_RANK_METRICS_H_
