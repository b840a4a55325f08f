#include "policy/settlement.h"

#include <cmath>
#include <set>

namespace qiancheng::policy {
namespace {

SubsidyReason Reason(const Citation& c, bool passed, std::string message) {
  return SubsidyReason{
      c.rule, passed,       c.doc,  c.clause, std::move(message),
      c.kind, "settlement", c.quote};
}

SettlementTerms TermsOf(const ResolvedPolicy& resolved) {
  SettlementTerms t;
  for (const Rule* r : resolved.rules) r->Contribute(&t);
  return t;
}

bool Employed(const Outcome& o) {
  return o.employment != EmploymentOutcome::kNone;
}

// R11: a certificate one level above any the worker held for the occupation.
bool HigherCertificate(const Trainee& t, const TrainingProject& p) {
  if (!t.outcome.certificate_level) return false;
  int held = -1;
  for (const Certificate& c : t.worker.certificates) {
    if (c.occupation_code == p.occupation_code &&
        c.date < t.outcome.enrolled_date) {
      held = std::max(held, LevelRank(c.level));
    }
  }
  return LevelRank(*t.outcome.certificate_level) > held;
}

// R14: the trainee's certificate for this class was issued in another province.
bool OutOfProvince(const Trainee& t, const TrainingProject& p) {
  if (!t.outcome.certificate_level) return false;
  for (const Certificate& c : t.worker.certificates) {
    if (c.occupation_code == p.occupation_code &&
        c.level == *t.outcome.certificate_level && !c.province.empty() &&
        c.province.Province() != p.region.Province()) {
      return true;
    }
  }
  return false;
}

// Class-level R11 employer exclusions; returns false when the class is refused.
bool EmployerAdmitted(const ClassRecord& rec, const SettlementTerms& t,
                      Settlement* s) {
  if (!rec.project.work_based || !t.work_based.present()) return true;
  const EmployerAudit& a = rec.employer;
  if (t.arrears_since_year > 0 &&
      a.latest_wage_arrears_year >= t.arrears_since_year) {
    s->reasons.push_back(
        Reason(t.work_based, false,
               std::to_string(t.arrears_since_year) +
                   "年以来企业有拖欠农民工工资等问题，不得享受以工代训补贴。"));
    return false;
  }
  if (a.sampled > 0 && a.unaware >= t.unaware_max_share * a.sampled - 1e-9) {
    s->reasons.push_back(
        Reason(t.work_based, false,
               "抽查" + std::to_string(a.sampled) + "人中" +
                   std::to_string(a.unaware) +
                   "人不知道本人参加以工代训，达到比例上限，不得享受补贴。"));
    return false;
  }
  s->reasons.push_back(
      Reason(t.work_based, true, "企业无拖欠工资问题，抽查知晓率符合要求。"));
  return true;
}

// Sets s->employed_only per R10 and says why.
void ApplyFloor(const ClassRecord& rec, const SettlementTerms& t,
                Settlement* s) {
  for (const Trainee& tr : rec.trainees) {
    if (!tr.outcome.completed) continue;
    ++s->completed;
    if (Employed(tr.outcome)) ++s->employed;
  }
  s->employment_rate =
      s->completed > 0 ? static_cast<double>(s->employed) / s->completed : 0;
  if (rec.project.work_based || t.min_employment_rate <= 0) return;
  s->employed_only = s->employed < t.min_employment_rate * s->completed - 1e-9;
  std::string rate =
      std::to_string(s->employed) + "/" + std::to_string(s->completed);
  s->reasons.push_back(Reason(
      t.employment_floor, !s->employed_only,
      s->employed_only
          ? "培训后就业率" + rate + "未达到" +
                std::to_string(std::lround(t.min_employment_rate * 100)) +
                "%，只按就业人数核算补贴。"
          : "培训后就业率" + rate + "达到要求，按结业人数核算补贴。"));
}

double Amount(const Trainee& tr, const ClassRecord& rec,
              const SubsidyDecision& d, const SettlementTerms& t,
              std::vector<SubsidyReason>* why) {
  const SubsidyAmounts& a = d.amounts;
  if (rec.project.work_based) {
    if (HigherCertificate(tr, rec.project)) {
      double amount = std::max(a.subsidy_yuan, tr.certificate_standard_yuan);
      why->push_back(
          Reason(t.work_based, true, "取得高一级职业证书，按较高标准核算。"));
      return amount;
    }
    why->push_back(
        Reason(t.work_based, true,
               "未取得高一级职业证书，按以工代训标准的" +
                   std::to_string(std::lround(t.no_certificate_share * 100)) +
                   "%核算。"));
    return a.subsidy_yuan * t.no_certificate_share;
  }
  switch (tr.outcome.employment) {
    case EmploymentOutcome::kStable:
      if (t.outcome.present())
        why->push_back(Reason(t.outcome, true, "训后稳定就业。"));
      return a.by_outcome.stable;
    case EmploymentOutcome::kFlexible:
      if (t.outcome.present())
        why->push_back(Reason(t.outcome, true, "训后灵活就业。"));
      return a.by_outcome.flexible;
    case EmploymentOutcome::kNone:
      break;
  }
  return a.by_outcome.none;
}

SettlementLine SettleOne(const Eligibility& e, const ClassRecord& rec,
                         const Trainee& tr, const SettlementTerms& t,
                         const Settlement& s, std::set<std::string>* vouchers) {
  SettlementLine line;
  line.worker_id = tr.worker.id;
  line.payee = rec.project.work_based ? "employer" : "institution";
  const Institution* inst = rec.institution ? &*rec.institution : nullptr;
  auto decided =
      e.Decide(tr.worker, rec.project, inst, tr.outcome.enrolled_date);
  if (!decided.ok()) {
    line.reasons.push_back({"", false, "", "",
                            "入学之日无有效政策：" + decided.status().message(),
                            "", "gate", ""});
    return line;
  }
  for (const SubsidyReason& r : decided->reasons) {
    if (r.effect == "gate") line.reasons.push_back(r);
  }
  if (!decided->eligible) return line;
  if (!tr.outcome.completed) {
    line.reasons.push_back(
        Reason(t.employment_floor.present() ? t.employment_floor : t.outcome,
               false, "未结业，不核算培训补贴。"));
    return line;
  }
  if (s.employed_only && !Employed(tr.outcome)) {
    line.reasons.push_back(Reason(t.employment_floor, false,
                                  "班级就业率未达标，未就业学员不予核算。"));
    return line;
  }
  if (t.voucher_once && !tr.voucher_id.empty()) {
    bool used = !vouchers->insert(tr.voucher_id).second;
    for (const SubsidyRecord& r : tr.worker.subsidy_history)
      used = used || r.voucher_id == tr.voucher_id;
    if (used) {
      line.reasons.push_back(
          Reason(t.duplicate, false,
                 "培训券" + tr.voucher_id + "已使用，不得重复使用。"));
      return line;
    }
  }
  line.amount_yuan =
      std::round(Amount(tr, rec, *decided, t, &line.reasons) * 100) / 100;
  line.paid = line.amount_yuan > 0;
  if (t.certificate_direct) {
    bool direct = OutOfProvince(tr, rec.project);
    if (direct) line.payee = "worker";
    line.reasons.push_back(
        Reason(t.direct, direct,
               direct ? "省外取得的证书，按“证书直补”直接补贴给本人。"
                      : "未在省外取证，补贴按常规渠道拨付。"));
  }
  return line;
}

}  // namespace

Result<Settlement> Settle(const Eligibility& eligibility,
                          const ClassRecord& record, Date day) {
  QC_ASSIGN_OR_RETURN(ResolvedPolicy resolved, eligibility.policies().Resolve(
                                                   record.project.region, day));
  SettlementTerms terms = TermsOf(resolved);
  Settlement s;
  s.project_id = record.project.id;
  s.as_of = day;
  for (const PolicyDocument* d : resolved.documents)
    s.policies.push_back(d->Ref());
  ApplyFloor(record, terms, &s);
  bool admitted = EmployerAdmitted(record, terms, &s);
  std::set<std::string> vouchers;
  for (const Trainee& tr : record.trainees) {
    SettlementLine line;
    if (admitted) {
      line = SettleOne(eligibility, record, tr, terms, s, &vouchers);
    } else {
      line.worker_id = tr.worker.id;
      line.payee = "employer";
      line.reasons = s.reasons;
    }
    s.total_yuan += line.amount_yuan;
    s.lines.push_back(std::move(line));
  }
  s.total_yuan = std::round(s.total_yuan * 100) / 100;
  return s;
}

}  // namespace qiancheng::policy
