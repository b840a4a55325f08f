// The gate rule kinds: a failure refuses the subsidy. Each Apply() states
// passed == Admits(facts) (the invariant of rule_kind.h).
#include <algorithm>

#include "policy/internal/kinds.h"

namespace qiancheng::policy::internal {
namespace {

int CountInYear(const Facts& f, const std::vector<SubsidyKind>& kinds) {
  return static_cast<int>(std::count_if(
      f.worker.subsidy_history.begin(), f.worker.subsidy_history.end(),
      [&](const SubsidyRecord& r) {
        return f.InYear(r.date) && Counts(kinds, r.kind);
      }));
}

// National 2025 (十一) / Shaanxi 2021 二(六): "凡补必进、不进不补".
class RealName : public Rule {
 public:
  using Rule::Rule;
  std::string_view effect() const override { return "gate"; }
  bool Admits(const Facts& f) const override {
    return f.worker.real_name_verified;
  }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    bool ok = Admits(f);
    Say(out, ok,
        ok ? "已实名登记，纳入培训实名制管理（“凡补必进”）。"
           : "未完成实名登记：补贴发放“凡补必进、不进不补”，不予补贴。");
  }
};

// Shaanxi 2021 三(三): at most N subsidised trainings a year; 以工代训 is not
// counted.
class AnnualCap : public Rule {
 public:
  AnnualCap(RuleSpec spec, int cap, int student_cap,
            std::vector<SubsidyKind> kinds, bool exempt)
      : Rule(std::move(spec)),
        cap_(cap),
        student_cap_(student_cap),
        kinds_(std::move(kinds)),
        exempt_work_based_(exempt) {}
  std::string_view effect() const override { return "gate"; }
  bool Admits(const Facts& f) const override {
    if (f.project.work_based && exempt_work_based_) return true;
    return CountInYear(f, kinds_) < CapFor(f.worker);
  }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    if (f.project.work_based && exempt_work_based_) {
      Say(out, true, "以工代训补贴不计入劳动者每年培训补贴次数。");
      return;
    }
    int n = CountInYear(f, kinds_);
    int cap = CapFor(f.worker);
    SayBuilt(out, n < cap, [&] {
      std::string head = std::to_string(f.day.year()) + "年已享受补贴性培训" +
                         std::to_string(n) + "次（以工代训不计入），每年上限" +
                         std::to_string(cap) + "次";
      return n < cap ? head + "，本次可享受。"
                     : head + "，已达上限，本次不予补贴。";
    });
  }

 private:
  int CapFor(const Worker& w) const {
    return student_cap_ > 0 && IsStudent(w) ? student_cap_ : cap_;
  }
  int cap_, student_cap_;
  std::vector<SubsidyKind> kinds_;
  bool exempt_work_based_;
};

// Shaanxi 2021 三(一): a student in school gets one skill-training subsidy
// (entrepreneurship training excluded).
class StudentOnce : public Rule {
 public:
  StudentOnce(RuleSpec spec, std::vector<SubsidyKind> kinds, bool exempt)
      : Rule(std::move(spec)),
        kinds_(std::move(kinds)),
        exempt_entrepreneurship_(exempt) {}
  std::string_view effect() const override { return "gate"; }
  bool Admits(const Facts& f) const override {
    if (!IsStudent(f.worker)) return true;
    if (f.project.entrepreneurship && exempt_entrepreneurship_) return true;
    return Used(f.worker) == 0;
  }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    if (!IsStudent(f.worker))
      return Say(out, true, "非在校学生，不受在校期间一次的限制。");
    if (f.project.entrepreneurship && exempt_entrepreneurship_) {
      return Say(out, true, "创业培训补贴不计入在校学生一次技能培训补贴。");
    }
    bool ok = Used(f.worker) == 0;
    Say(out, ok,
        ok ? "在校学生，尚未享受过技能培训补贴，可享受一次。"
           : "在校学生在校期间只享受一次技能培训补贴，已享受过，不予补贴。");
  }

 private:
  int Used(const Worker& w) const {
    return static_cast<int>(std::count_if(
        w.subsidy_history.begin(), w.subsidy_history.end(),
        [&](const SubsidyRecord& r) { return Counts(kinds_, r.kind); }));
  }
  std::vector<SubsidyKind> kinds_;
  bool exempt_entrepreneurship_;
};

// Shaanxi 2021 二(六), national 2025 (十一): no second payment for the same
// occupation and level; (Tianjin 第十五条) none for a lower level after a
// higher one.
class OncePerLevel : public Rule {
 public:
  OncePerLevel(RuleSpec spec, std::vector<SubsidyKind> kinds, bool voucher_once,
               bool no_lower)
      : Rule(std::move(spec)),
        kinds_(std::move(kinds)),
        voucher_once_(voucher_once),
        no_lower_after_higher_(no_lower) {}
  std::string_view effect() const override { return "gate"; }
  bool Admits(const Facts& f) const override { return Conflict(f) == nullptr; }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    const SubsidyRecord* r = Conflict(f);
    if (r == nullptr) {
      return Say(out, true,
                 "未曾就同一职业同一等级享受培训补贴，不属重复享受。");
    }
    SayBuilt(out, false, [&] {
      std::string what =
          r->level == f.project.level ? "同一职业同一等级" : "同一职业更高等级";
      return "已于" + r->date.ToString() + "就" + what + "（" +
             r->occupation_code.str() + "，" + std::string(Name(r->level)) +
             "级）享受补贴，不得重复享受。";
    });
  }
  void Contribute(SettlementTerms* t) const override {
    t->voucher_once = voucher_once_;
    t->duplicate = Cite();
  }

 private:
  const SubsidyRecord* Conflict(const Facts& f) const {
    for (const SubsidyRecord& r : f.worker.subsidy_history) {
      if (!Counts(kinds_, r.kind) ||
          r.occupation_code != f.project.occupation_code)
        continue;
      if (r.level == f.project.level) return &r;
      if (no_lower_after_higher_ &&
          LevelRank(r.level) > LevelRank(f.project.level))
        return &r;
    }
    return nullptr;
  }
  std::vector<SubsidyKind> kinds_;
  bool voucher_once_, no_lower_after_higher_;
};

// Shaanxi 2021 三(三): 以工代训 once per worker; employer exclusions and the
// certificate standard are settlement terms.
class WorkBased : public Rule {
 public:
  WorkBased(RuleSpec spec, SettlementTerms terms)
      : Rule(std::move(spec)), terms_(terms) {}
  std::string_view effect() const override { return "gate"; }
  bool Admits(const Facts& f) const override {
    return !f.project.work_based || !UsedBefore(f);
  }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    if (!f.project.work_based)
      return Say(out, true, "非以工代训项目，本条不适用。");
    bool ok = !UsedBefore(f);
    SayBuilt(out, ok, [&] {
      return ok ? "未享受过以工代训补贴；结算时未取得高一级职业证书的按标准的" +
                      std::to_string(static_cast<int>(
                          terms_.no_certificate_share * 100 + 0.5)) +
                      "%核算。"
                : "符合条件职工只能享受一次以工代训补贴，已享受过，不予补贴。";
    });
  }
  void Contribute(SettlementTerms* t) const override {
    t->unaware_max_share = terms_.unaware_max_share;
    t->arrears_since_year = terms_.arrears_since_year;
    t->no_certificate_share = terms_.no_certificate_share;
    t->work_based = Cite();
  }

 private:
  static bool UsedBefore(const Facts& f) {
    return std::any_of(f.worker.subsidy_history.begin(),
                       f.worker.subsidy_history.end(),
                       [](const SubsidyRecord& r) {
                         return r.kind == SubsidyKind::kWorkBased;
                       });
  }
  SettlementTerms terms_;
};

// National 2025 (二)(十一), Xi'an 2025 二(六), Guizhou 2025 (二十): only
// qualified, non-blacklisted institutions.
class InstitutionQualified : public Rule {
 public:
  using Rule::Rule;
  std::string_view effect() const override { return "gate"; }
  bool Admits(const Facts& f) const override {
    return f.institution != nullptr && f.institution->qualified &&
           !f.institution->blacklisted;
  }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    const Institution* inst = f.institution;
    if (inst == nullptr) {
      return SayBuilt(out, false, [&] {
        return "未找到培训机构" + f.project.institution_id.str() +
               "的资质信息，无法核验，不予补贴。";
      });
    }
    if (inst->blacklisted) {
      return SayBuilt(out, false, [&] {
        return "培训机构“" + inst->name + "”已列入黑名单，其培训班不予补贴。";
      });
    }
    if (!inst->qualified) {
      return SayBuilt(out, false, [&] {
        return "培训机构“" + inst->name + "”不具备相应培训资质，不予补贴。";
      });
    }
    SayBuilt(out, true, [&] {
      return "培训机构“" + inst->name + "”具备资质且未列入黑名单。";
    });
  }
};

}  // namespace

RuleOr MakeRealName(RuleSpec spec) {
  QC_RETURN_IF_ERROR(spec.params.OnlyKnown({}));
  return std::unique_ptr<Rule>(new RealName(std::move(spec)));
}

RuleOr MakeAnnualCap(RuleSpec spec) {
  const Params& p = spec.params;
  QC_RETURN_IF_ERROR(p.OnlyKnown({"max_per_year", "student_max_per_year",
                                  "counted_kinds", "exempt_work_based"}));
  QC_ASSIGN_OR_RETURN(double cap, p.Number("max_per_year", 1, 12));
  QC_ASSIGN_OR_RETURN(double student_cap,
                      p.NumberOr("student_max_per_year", 1, 12, 0));
  QC_ASSIGN_OR_RETURN(auto kinds, KindList(p, "counted_kinds"));
  QC_ASSIGN_OR_RETURN(bool exempt, p.BoolOr("exempt_work_based", false));
  return std::unique_ptr<Rule>(
      new AnnualCap(std::move(spec), static_cast<int>(cap),
                    static_cast<int>(student_cap), kinds, exempt));
}

RuleOr MakeStudentOnce(RuleSpec spec) {
  const Params& p = spec.params;
  QC_RETURN_IF_ERROR(p.OnlyKnown({"counted_kinds", "exempt_entrepreneurship"}));
  QC_ASSIGN_OR_RETURN(auto kinds, KindList(p, "counted_kinds"));
  QC_ASSIGN_OR_RETURN(bool exempt, p.BoolOr("exempt_entrepreneurship", true));
  return std::unique_ptr<Rule>(new StudentOnce(std::move(spec), kinds, exempt));
}

RuleOr MakeOncePerLevel(RuleSpec spec) {
  const Params& p = spec.params;
  QC_RETURN_IF_ERROR(
      p.OnlyKnown({"counted_kinds", "voucher_once", "no_lower_after_higher"}));
  QC_ASSIGN_OR_RETURN(auto kinds, KindList(p, "counted_kinds"));
  QC_ASSIGN_OR_RETURN(bool voucher, p.BoolOr("voucher_once", false));
  QC_ASSIGN_OR_RETURN(bool no_lower, p.BoolOr("no_lower_after_higher", false));
  return std::unique_ptr<Rule>(
      new OncePerLevel(std::move(spec), kinds, voucher, no_lower));
}

RuleOr MakeWorkBased(RuleSpec spec) {
  const Params& p = spec.params;
  QC_RETURN_IF_ERROR(p.OnlyKnown(
      {"unaware_max_share", "arrears_since_year", "no_certificate_share"}));
  SettlementTerms t;
  QC_ASSIGN_OR_RETURN(t.unaware_max_share, p.Number("unaware_max_share", 0, 1));
  QC_ASSIGN_OR_RETURN(double year, p.Number("arrears_since_year", 1990, 2100));
  t.arrears_since_year = static_cast<int>(year);
  QC_ASSIGN_OR_RETURN(t.no_certificate_share,
                      p.Number("no_certificate_share", 0, 1));
  return std::unique_ptr<Rule>(new WorkBased(std::move(spec), t));
}

RuleOr MakeInstitutionQualified(RuleSpec spec) {
  QC_RETURN_IF_ERROR(spec.params.OnlyKnown({}));
  return std::unique_ptr<Rule>(new InstitutionQualified(std::move(spec)));
}

}  // namespace qiancheng::policy::internal
