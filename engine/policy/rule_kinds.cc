// The registry of rule kinds and the helpers they share. The kinds
// themselves are in rule_kinds_gate.cc (refusals) and rule_kinds_amount.cc
// (amounts, add-ons, settlement terms, ranking boosts).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "policy/internal/kinds.h"
#include "policy/rule_kind.h"

namespace qiancheng::policy {
namespace {

using Factory = std::function<Result<std::unique_ptr<Rule>>(RuleSpec)>;

const std::map<std::string_view, Factory>& Factories() {
  static const auto* factories = new std::map<std::string_view, Factory>{
      {"real_name", internal::MakeRealName},
      {"annual_cap", internal::MakeAnnualCap},
      {"student_once", internal::MakeStudentOnce},
      {"no_residence_condition", internal::MakeNoResidenceCondition},
      {"once_per_level", internal::MakeOncePerLevel},
      {"work_based", internal::MakeWorkBased},
      {"institution_qualified", internal::MakeInstitutionQualified},
      {"shortage_uplift", internal::MakeShortageUplift},
      {"shortage_share", internal::MakeShortageShare},
      {"mode_factor", internal::MakeModeFactor},
      {"outcome_multiplier", internal::MakeOutcomeMultiplier},
      {"allowance", internal::MakeAllowance},
      {"skill_upgrade", internal::MakeSkillUpgrade},
      {"employment_rate_floor", internal::MakeEmploymentRateFloor},
      {"certificate_direct", internal::MakeCertificateDirect},
      {"priority_boost", internal::MakePriorityBoost},
  };
  return *factories;
}

}  // namespace

Result<std::unique_ptr<Rule>> MakeRule(RuleSpec spec) {
  auto it = Factories().find(spec.kind);
  if (it == Factories().end()) {
    return Status::InvalidArgument("kind",
                                   "unknown rule kind \"" + spec.kind + "\"");
  }
  return it->second(std::move(spec));
}

const std::vector<std::string_view>& RuleKindNames() {
  static const auto* names = [] {
    auto* v = new std::vector<std::string_view>;
    for (const auto& [name, factory] : Factories()) v->push_back(name);
    return v;
  }();
  return *names;
}

void Rule::Say(DecisionBuilder* out, bool passed, std::string message) const {
  if (!out->Wants(passed)) return;
  out->reasons.push_back(SubsidyReason{
      spec_.id, passed, spec_.doc, spec_.clause, std::move(message), spec_.kind,
      std::string(effect()), spec_.text});
}

void Rule::Say(DecisionBuilder* out, bool passed, const char* message) const {
  if (!out->Wants(passed)) return;
  Say(out, passed, std::string(message));
}

Citation Rule::Cite() const {
  return Citation{spec_.id, spec_.doc, spec_.clause, spec_.kind, spec_.text};
}

bool InGroup(const Worker& worker, TargetGroup group) {
  return std::find(worker.groups.begin(), worker.groups.end(), group) !=
         worker.groups.end();
}

bool IsStudent(const Worker& worker) {
  return InGroup(worker, TargetGroup::kStudent) ||
         worker.employment_status == EmploymentStatus::kStudent;
}

std::string Yuan(double yuan) {
  double cents = std::round(yuan * 100);
  char buf[64];
  if (std::fmod(cents, 100) == 0) {
    std::snprintf(buf, sizeof buf, "%.0f元", cents / 100);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f元", cents / 100);
  }
  return buf;
}

namespace internal {

Result<std::vector<SubsidyKind>> KindList(const Params& params,
                                          const std::string& name) {
  QC_ASSIGN_OR_RETURN(auto names, params.List(name));
  std::vector<SubsidyKind> kinds;
  for (const auto& n : names) {
    QC_ASSIGN_OR_RETURN(auto kind, Parse<SubsidyKind>(n, "params." + name));
    kinds.push_back(kind);
  }
  if (kinds.empty())
    return Status::InvalidArgument("params." + name, "must list subsidy kinds");
  return kinds;
}

Result<std::vector<TargetGroup>> GroupList(const Params& params,
                                           const std::string& name) {
  QC_ASSIGN_OR_RETURN(auto names, params.List(name));
  std::vector<TargetGroup> groups;
  for (const auto& n : names) {
    QC_ASSIGN_OR_RETURN(auto group, Parse<TargetGroup>(n, "params." + name));
    groups.push_back(group);
  }
  return groups;
}

bool Counts(const std::vector<SubsidyKind>& kinds, SubsidyKind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

bool AnyGroup(const Worker& worker, const std::vector<TargetGroup>& groups) {
  for (TargetGroup g : groups) {
    if (InGroup(worker, g)) return true;
  }
  return false;
}

}  // namespace internal
}  // namespace qiancheng::policy
