// policy/shortage.h -- shortage-catalog rows as a plain input of the policy
// engine (R5): which catalog lists a project's occupation for its region.
// The caller passes the rows in force (taxonomy/ or the store supplies them);
// policy/ does not read catalogs itself. A row applies to a project when its
// region contains the project's region (a national catalog applies
// everywhere). When several rows apply, the most local one wins, then the
// highest degree of shortage (1 = very short), then the best rank.
// Immutable after construction; Find() is const and thread-safe.
#ifndef QIANCHENG_POLICY_SHORTAGE_H_
#define QIANCHENG_POLICY_SHORTAGE_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "core/domain.h"

namespace qiancheng::policy {

class ShortageList {
 public:
  ShortageList() = default;
  explicit ShortageList(std::vector<ShortageEntry> entries);

  // The row for `occupation` that applies in `region`, or null.
  const ShortageEntry* Find(const RegionCode& region,
                            const OccupationCode& occupation) const;
  size_t size() const { return entries_.size(); }

 private:
  std::vector<ShortageEntry> entries_;
  std::unordered_map<std::string, std::vector<size_t>> by_occupation_;
};

}  // namespace qiancheng::policy

#endif  // QIANCHENG_POLICY_SHORTAGE_H_
