#include "policy/shortage.h"

namespace qiancheng::policy {
namespace {

// True when `a` should win over `b` for the same project.
bool Better(const ShortageEntry& a, const ShortageEntry& b) {
  if (a.region != b.region) return b.region.Contains(a.region);  // more local
  int da = a.degree == 0 ? 99 : a.degree, db = b.degree == 0 ? 99 : b.degree;
  if (da != db) return da < db;
  return a.rank < b.rank;
}

}  // namespace

ShortageList::ShortageList(std::vector<ShortageEntry> entries)
    : entries_(std::move(entries)) {
  for (size_t i = 0; i < entries_.size(); ++i) {
    by_occupation_[entries_[i].occupation_code.str()].push_back(i);
  }
}

const ShortageEntry* ShortageList::Find(
    const RegionCode& region, const OccupationCode& occupation) const {
  auto it = by_occupation_.find(occupation.str());
  if (it == by_occupation_.end()) return nullptr;
  const ShortageEntry* best = nullptr;
  for (size_t i : it->second) {
    const ShortageEntry& e = entries_[i];
    if (!e.region.Contains(region)) continue;
    if (best == nullptr || Better(e, *best)) best = &e;
  }
  return best;
}

}  // namespace qiancheng::policy
