// policy/eligibility.h -- stage 6 of DESIGN.md's data flow: candidates ->
// candidates + SubsidyDecision. Decide() applies every rule resolved for the
// project's region and day (policy_set.h) and lists each with passed/failed,
// document, clause and a Chinese sentence, then the amount breakdown
// (core/subsidy.h). Filter() is the same gates without strings, for the index
// pre-filter: bit i is true exactly when Decide(...).eligible would be.
// Registration (hukou) is never read (R4); priority groups boost rank, never
// filter (R15). Holds references to a PolicySet and a ShortageList that must
// outlive it; immutable; all methods const and thread-safe.
#ifndef QIANCHENG_POLICY_ELIGIBILITY_H_
#define QIANCHENG_POLICY_ELIGIBILITY_H_

#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/domain.h"
#include "core/subsidy.h"
#include "policy/policy_set.h"
#include "policy/shortage.h"

namespace qiancheng::policy {

// Institutions by id, found by a string_view without building an id (the
// recommenders look one up per candidate class). Hashes as std::hash of the
// id's string does.
struct InstitutionIdHash {
  using is_transparent = void;
  size_t operator()(std::string_view id) const noexcept {
    return std::hash<std::string_view>()(id);
  }
  size_t operator()(const InstitutionId& id) const noexcept {
    return (*this)(std::string_view(id.str()));
  }
};
struct InstitutionIdEqual {
  using is_transparent = void;
  static std::string_view View(std::string_view id) { return id; }
  static std::string_view View(const InstitutionId& id) { return id.str(); }
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    return View(a) == View(b);
  }
};
using InstitutionMap =
    std::unordered_map<InstitutionId, Institution, InstitutionIdHash,
                       InstitutionIdEqual>;

class Eligibility {
 public:
  Eligibility(const PolicySet& policies, const ShortageList& shortage)
      : policies_(policies), shortage_(shortage) {}

  // The decision for `worker` on `project` as of `day`; the worker's own
  // subsidy_history carries the R2/R3/R12 history. `institution` may be null
  // (R13 then refuses). kFailedPrecondition if no policy document is in force
  // for the project's region on `day`.
  Result<SubsidyDecision> Decide(const Worker& worker,
                                 const TrainingProject& project,
                                 const Institution* institution,
                                 Date day) const;

  // The same decision against rules already resolved (settlement, batches,
  // and a list deciding many classes of a few regions). `record` limits the
  // reasons kept (rule_kind.h); eligible, amounts and priority are the same
  // at every level. With Record::kNone `policies` is left empty too: such a
  // decision ranks, it is not shown.
  SubsidyDecision DecideResolved(const ResolvedPolicy& resolved,
                                 const Worker& worker,
                                 const TrainingProject& project,
                                 const Institution* institution, Date day,
                                 Record record = Record::kAll) const;

  // Bit i: may `worker` get a subsidy for projects[i] on `day`? False where no
  // policy is in force. Single pass, no allocation per project.
  std::vector<bool> Filter(const Worker& worker,
                           std::span<const TrainingProject> projects,
                           const InstitutionMap& institutions, Date day) const;

  // Audit: decides again as of `recorded.as_of` and returns the new decision.
  // kFailedPrecondition when a policy version in `recorded.policies` is no
  // longer the loaded one (the replay would not judge by the same rules).
  Result<SubsidyDecision> Replay(const SubsidyDecision& recorded,
                                 const Worker& worker,
                                 const TrainingProject& project,
                                 const Institution* institution) const;

  const PolicySet& policies() const { return policies_; }
  const ShortageList& shortage() const { return shortage_; }

 private:
  const PolicySet& policies_;
  const ShortageList& shortage_;
};

}  // namespace qiancheng::policy

#endif  // QIANCHENG_POLICY_ELIGIBILITY_H_
