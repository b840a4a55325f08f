// policy/internal/kinds.h -- factories of the rule kinds, for rule_kinds.cc's
// registry, and helpers shared by the kind files. Not part of the API.
#ifndef QIANCHENG_POLICY_INTERNAL_KINDS_H_
#define QIANCHENG_POLICY_INTERNAL_KINDS_H_

#include <memory>
#include <string>
#include <vector>

#include "policy/rule_kind.h"

namespace qiancheng::policy::internal {

using RuleOr = Result<std::unique_ptr<Rule>>;

RuleOr MakeRealName(RuleSpec spec);
RuleOr MakeAnnualCap(RuleSpec spec);
RuleOr MakeStudentOnce(RuleSpec spec);
RuleOr MakeNoResidenceCondition(RuleSpec spec);
RuleOr MakeOncePerLevel(RuleSpec spec);
RuleOr MakeWorkBased(RuleSpec spec);
RuleOr MakeInstitutionQualified(RuleSpec spec);
RuleOr MakeShortageUplift(RuleSpec spec);
RuleOr MakeShortageShare(RuleSpec spec);
RuleOr MakeModeFactor(RuleSpec spec);
RuleOr MakeOutcomeMultiplier(RuleSpec spec);
RuleOr MakeAllowance(RuleSpec spec);
RuleOr MakeSkillUpgrade(RuleSpec spec);
RuleOr MakeEmploymentRateFloor(RuleSpec spec);
RuleOr MakeCertificateDirect(RuleSpec spec);
RuleOr MakePriorityBoost(RuleSpec spec);

// A list parameter of SubsidyKind / TargetGroup wire names.
Result<std::vector<SubsidyKind>> KindList(const Params& params,
                                          const std::string& name);
Result<std::vector<TargetGroup>> GroupList(const Params& params,
                                           const std::string& name);
bool Counts(const std::vector<SubsidyKind>& kinds, SubsidyKind kind);
bool AnyGroup(const Worker& worker, const std::vector<TargetGroup>& groups);

}  // namespace qiancheng::policy::internal

#endif  // QIANCHENG_POLICY_INTERNAL_KINDS_H_
