// policy/settlement.h -- payment of a class from its recorded outcomes
// (issue 6 item 6): per trainee and in total, each line with its reasons.
// Applies the eligibility decision of each trainee as of enrolment, then the
// settlement terms of the rules in force: R7 outcome multipliers, R10 (below
// the employment-rate floor only employed trainees are paid), R11 (以工代训:
// employer exclusions, once per worker, certificate standard or 70%), R12 (no
// duplicate payment; a voucher is used once), R14 (out-of-province
// certificates paid to the worker directly).
// Pure function of its inputs; thread-safe.
#ifndef QIANCHENG_POLICY_SETTLEMENT_H_
#define QIANCHENG_POLICY_SETTLEMENT_H_

#include <optional>
#include <string>
#include <vector>

#include "core/domain.h"
#include "core/subsidy.h"
#include "policy/eligibility.h"

namespace qiancheng::policy {

// What the labour office found about a 以工代训 employer (Shaanxi 2021 三(三)).
struct EmployerAudit {
  int latest_wage_arrears_year =
      0;            // last year with wage arrears; 0 = none found
  int sampled = 0;  // workers reached by phone or on site
  int unaware = 0;  // of those, did not know they took part
};

struct Trainee {
  Worker worker;
  Outcome outcome;
  std::string voucher_id;  // training voucher presented; empty when none
  // R11: the training standard of the occupation of a higher certificate the
  // trainee obtained (a local table's figure); 0 when not known.
  double certificate_standard_yuan = 0;
};

struct ClassRecord {
  TrainingProject project;
  std::optional<Institution> institution;
  std::vector<Trainee> trainees;
  EmployerAudit employer;  // only read for 以工代训 classes
};

struct SettlementLine {
  WorkerId worker_id;
  bool paid = false;
  double amount_yuan = 0;
  std::string payee;  // "institution", "employer" (以工代训) or "worker" (R14)
  std::vector<SubsidyReason> reasons;
};

struct Settlement {
  ProjectId project_id;
  Date as_of;
  int completed = 0;
  int employed = 0;
  double employment_rate = 0;  // employed / completed; 0 when none completed
  bool employed_only = false;  // R10 applied
  std::vector<SettlementLine> lines;  // in trainee order
  double total_yuan = 0;
  std::vector<SubsidyReason> reasons;  // class-level (R10, R11 employer)
  std::vector<PolicyRef> policies;
};

// kFailedPrecondition when no policy is in force for the class's region on
// `day`.
Result<Settlement> Settle(const Eligibility& eligibility,
                          const ClassRecord& record, Date day);

}  // namespace qiancheng::policy

#endif  // QIANCHENG_POLICY_SETTLEMENT_H_
