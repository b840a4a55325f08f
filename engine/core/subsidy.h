// core/subsidy.h -- the subsidy decision: what policy/ produces for one worker
// on one training project, and what rank/, recommend/ and api/ carry onwards.
// Shape follows API contract v1 `subsidy_decision` {eligible, reasons[],
// amounts, policies[]}; the extra fields (effect, quote, as_of, ...) are
// additions the contract allows.
// Invariants: every amount is >= 0; when `eligible` is false every payable
// amount (subsidy_yuan, by_outcome, allowances, skill_upgrade_yuan) is 0 and at
// least one reason with effect "gate" has passed == false.
// Value types; thread-compatible. Header-only: no I/O, no third-party headers.
#ifndef QIANCHENG_CORE_SUBSIDY_H_
#define QIANCHENG_CORE_SUBSIDY_H_

#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"

namespace qiancheng {

// One rule applied, with its citation. `rule` is the rule id of DESIGN.md
// (R1..R15); `doc` the policy document id (data/policies/<doc>.json) and
// `clause` its clause label as printed in the text ("三(三)", "(十一)").
struct SubsidyReason {
  std::string rule;
  bool passed = false;
  std::string doc;
  std::string clause;
  std::string message;  // one Chinese sentence saying what was found
  std::string kind;     // rule kind, e.g. "annual_cap"
  // What the rule does to the decision: "gate" (a failure refuses),
  // "amount" (changes the standard), "addon" (allowance or extra subsidy;
  // a failure refuses only the add-on), "settlement" (applied when paying
  // from outcomes), "rank" (boosts ranking, never filters), "note".
  std::string effect;
  std::string quote;  // the clause text the rule cites
  friend bool operator==(const SubsidyReason&, const SubsidyReason&) = default;
};

// Training subsidy after the outcome is known (R7): none, flexible, stable.
struct OutcomeAmounts {
  double none = 0;
  double flexible = 0;
  double stable = 0;
  friend bool operator==(const OutcomeAmounts&,
                         const OutcomeAmounts&) = default;
};

// subsidy_yuan = (base_yuan * shortage_factor + shortage_uplift_yuan) *
// online_factor; worker_pays_yuan = max(0, fee - subsidy_yuan).
struct SubsidyAmounts {
  double base_yuan = 0;             // the project's base standard
  double shortage_uplift_yuan = 0;  // R5 uplift over the base
  double shortage_factor = 1;  // share of base by shortage degree (Tianjin)
  double online_factor = 1;    // R6 mode factor
  double subsidy_yuan = 0;     // standard payable on completion
  OutcomeAmounts by_outcome;   // R7
  double living_allowance_yuan = 0;     // R8 (maximum payable)
  double transport_allowance_yuan = 0;  // R8 (maximum payable)
  double skill_upgrade_yuan = 0;        // R9 (0 when no local amount is known)
  double worker_pays_yuan = 0;
  friend bool operator==(const SubsidyAmounts&,
                         const SubsidyAmounts&) = default;
};

// A policy document used, with the version that was in force.
struct PolicyRef {
  std::string doc;      // file id, e.g. "shaanxi-2021"
  std::string version;  // the file's version string
  std::string title;
  std::string number;  // 文号, empty when the text carries none
  std::string jurisdiction;
  friend bool operator==(const PolicyRef&, const PolicyRef&) = default;
};

struct SubsidyDecision {
  bool eligible = false;
  std::vector<SubsidyReason> reasons;  // in rule order R1..R15
  SubsidyAmounts amounts;
  std::vector<PolicyRef> policies;  // most local first
  // Audit fields: what the decision was about and when it was judged.
  WorkerId worker_id;
  ProjectId project_id;
  Date as_of;
  bool priority = false;  // R15: ranking boost, never a filter
  // Equal decisions: what an audit replay must reproduce.
  friend bool operator==(const SubsidyDecision&,
                         const SubsidyDecision&) = default;
};

}  // namespace qiancheng

#endif  // QIANCHENG_CORE_SUBSIDY_H_
