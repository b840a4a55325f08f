// Add-on, settlement and ranking rule kinds: R8 allowance, R9 skill-upgrade
// subsidy, R10 employment-rate floor, R14 certificate direct payment, R15
// priority boost. None of them refuses the training subsidy.
#include <algorithm>

#include "policy/internal/kinds.h"

namespace qiancheng::policy::internal {
namespace {

struct AllowanceTerms {
  std::vector<TargetGroup> groups;
  std::vector<TargetGroup> graduate_with;  // with graduate_not_continuing
  double daily_living = 0, daily_transport = 0, period_max = 0, lump_sum = 0;
  bool once_per_year = true;
};

// Shaanxi 2021 三(一): living <= 20/day, transport <= 30/day, <= 2500 a period,
// once a year, for the groups the clause names. Tianjin 2022 第十一条: 1000
// yuan once.
class Allowance : public Rule {
 public:
  Allowance(RuleSpec spec, AllowanceTerms t)
      : Rule(std::move(spec)), t_(std::move(t)) {}
  std::string_view effect() const override { return "addon"; }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    if (f.project.work_based)
      return Say(out, false,
                 "以工代训不属就业创业培训，无生活费、交通费补贴。");
    if (!Covered(f.worker))
      return Say(out, false, "不属于生活费、交通费补贴对象人群。");
    if (t_.once_per_year && UsedThisYear(f)) {
      return Say(out, false,
                 "本年度已享受过生活费、交通费补贴（每年只享受1次）。");
    }
    if (t_.lump_sum > 0) {
      out->living_yuan = t_.lump_sum;
      return SayBuilt(out, true, [&] {
        return "属补贴对象，可享受一次性生活费补贴" + Yuan(t_.lump_sum) + "。";
      });
    }
    int days = std::max(1, f.project.end_date - f.project.start_date + 1);
    out->living_yuan = std::min(t_.daily_living * days, t_.period_max);
    out->transport_yuan =
        std::min(t_.daily_transport * days, t_.period_max - out->living_yuan);
    SayBuilt(out, true, [&] {
      return "属补贴对象，培训期" + std::to_string(days) + "天，生活费最高" +
             Yuan(out->living_yuan) + "、交通费最高" +
             Yuan(out->transport_yuan) + "（每期合计不超过" +
             Yuan(t_.period_max) + "，每年1次）。";
    });
  }

 private:
  bool Covered(const Worker& w) const {
    if (AnyGroup(w, t_.groups)) return true;
    return InGroup(w, TargetGroup::kGraduateNotContinuing) &&
           AnyGroup(w, t_.graduate_with);
  }
  static bool UsedThisYear(const Facts& f) {
    return std::any_of(
        f.worker.subsidy_history.begin(), f.worker.subsidy_history.end(),
        [&](const SubsidyRecord& r) {
          return r.kind == SubsidyKind::kLiving && f.InYear(r.date);
        });
  }
  AllowanceTerms t_;
};

// National 2025 (七): insured workers who obtain a certificate and have not
// had a training subsidy for it get the skill-upgrade subsidy. The text gives
// no amount: it is 0 here and the message says it is set by local standard.
class SkillUpgrade : public Rule {
 public:
  using Rule::Rule;
  std::string_view effect() const override { return "addon"; }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    if (!f.worker.unemployment_insured)
      return Say(out, false, "未参加失业保险，无技能提升补贴。");
    if (f.project.level == SkillLevel::kSpecial) {
      return Say(
          out, false,
          "专项能力培训不取得职业资格或职业技能等级证书，无技能提升补贴。");
    }
    bool had = std::any_of(
        f.worker.subsidy_history.begin(), f.worker.subsidy_history.end(),
        [&](const SubsidyRecord& r) {
          return r.kind == SubsidyKind::kTraining &&
                 r.occupation_code == f.project.occupation_code &&
                 r.level == f.project.level;
        });
    if (had)
      return Say(out, false,
                 "已领取过该证书的职业培训补贴，不再给予技能提升补贴。");
    Say(out, true,
        "参保人员培训后取得证书且未领取职业培训补贴的，可按规定申领技能提升补贴"
        "（金额按当地失业保险标准核定）。");
  }
};

// Shaanxi 2021 四(三): a class below 30% employment is paid for its employed
// only.
class EmploymentRateFloor : public Rule {
 public:
  EmploymentRateFloor(RuleSpec spec, double rate)
      : Rule(std::move(spec)), rate_(rate) {}
  std::string_view effect() const override { return "settlement"; }
  void Apply(const Facts&, DecisionBuilder* out) const override {
    SayBuilt(out, true, [&] {
      return "结算时，培训后就业率未达到" +
             std::to_string(static_cast<int>(rate_ * 100 + 0.5)) +
             "%的班级只按就业人数核算补贴。";
    });
  }
  void Contribute(SettlementTerms* t) const override {
    t->min_employment_rate = rate_;
    t->employment_floor = Cite();
  }

 private:
  double rate_;
};

// Guizhou 2025 (十): certificates obtained out of province are paid directly.
class CertificateDirect : public Rule {
 public:
  using Rule::Rule;
  std::string_view effect() const override { return "settlement"; }
  void Apply(const Facts&, DecisionBuilder* out) const override {
    Say(out, true, "省外取得职业技能等级证书的，按规定“证书直补”给本人。");
  }
  void Contribute(SettlementTerms* t) const override {
    t->certificate_direct = true;
    t->direct = Cite();
  }
};

// National 2025 二, Xi'an 2025 一, Guizhou 2025 二/三: priority groups and
// sectors are boosted in ranking, never filtered.
class PriorityBoost : public Rule {
 public:
  PriorityBoost(RuleSpec spec, std::vector<TargetGroup> groups,
                std::vector<std::string> prefixes)
      : Rule(std::move(spec)),
        groups_(std::move(groups)),
        prefixes_(std::move(prefixes)) {}
  std::string_view effect() const override { return "rank"; }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    bool group = AnyGroup(f.worker, groups_);
    const std::string& code = f.project.occupation_code.str();
    bool sector = std::any_of(
        prefixes_.begin(), prefixes_.end(),
        [&](const std::string& p) { return code.rfind(p, 0) == 0; });
    out->priority = out->priority || group || sector;
    SayBuilt(out, group || sector, [&] {
      std::string msg = group ? "属重点群体" : "不属重点群体";
      msg += sector ? "，职业属重点领域" : "，职业不属所列重点领域";
      return msg + "；只影响推荐排序，不作为补贴条件。";
    });
  }

 private:
  std::vector<TargetGroup> groups_;
  std::vector<std::string> prefixes_;
};

}  // namespace

RuleOr MakeAllowance(RuleSpec spec) {
  const Params& p = spec.params;
  QC_RETURN_IF_ERROR(p.OnlyKnown(
      {"groups", "graduate_with_any_of", "daily_living_max",
       "daily_transport_max", "period_max", "lump_sum_yuan", "once_per_year"}));
  AllowanceTerms t;
  QC_ASSIGN_OR_RETURN(t.groups, GroupList(p, "groups"));
  if (t.groups.empty())
    return Status::InvalidArgument("params.groups", "must list groups");
  QC_ASSIGN_OR_RETURN(t.graduate_with, GroupList(p, "graduate_with_any_of"));
  QC_ASSIGN_OR_RETURN(t.once_per_year, p.BoolOr("once_per_year", true));
  if (p.Has("lump_sum_yuan")) {
    QC_ASSIGN_OR_RETURN(t.lump_sum, p.Number("lump_sum_yuan", 1, 100000));
  } else {
    QC_ASSIGN_OR_RETURN(t.daily_living, p.Number("daily_living_max", 0, 1000));
    QC_ASSIGN_OR_RETURN(t.daily_transport,
                        p.Number("daily_transport_max", 0, 1000));
    QC_ASSIGN_OR_RETURN(t.period_max, p.Number("period_max", 0, 100000));
  }
  return std::unique_ptr<Rule>(new Allowance(std::move(spec), std::move(t)));
}

RuleOr MakeSkillUpgrade(RuleSpec spec) {
  QC_RETURN_IF_ERROR(spec.params.OnlyKnown({}));
  return std::unique_ptr<Rule>(new SkillUpgrade(std::move(spec)));
}

RuleOr MakeEmploymentRateFloor(RuleSpec spec) {
  QC_RETURN_IF_ERROR(spec.params.OnlyKnown({"min_rate"}));
  QC_ASSIGN_OR_RETURN(double rate, spec.params.Number("min_rate", 0, 1));
  return std::unique_ptr<Rule>(new EmploymentRateFloor(std::move(spec), rate));
}

RuleOr MakeCertificateDirect(RuleSpec spec) {
  QC_RETURN_IF_ERROR(spec.params.OnlyKnown({}));
  return std::unique_ptr<Rule>(new CertificateDirect(std::move(spec)));
}

RuleOr MakePriorityBoost(RuleSpec spec) {
  const Params& p = spec.params;
  QC_RETURN_IF_ERROR(p.OnlyKnown({"groups", "occupation_prefixes"}));
  QC_ASSIGN_OR_RETURN(auto groups, GroupList(p, "groups"));
  QC_ASSIGN_OR_RETURN(auto prefixes, p.List("occupation_prefixes"));
  return std::unique_ptr<Rule>(
      new PriorityBoost(std::move(spec), groups, prefixes));
}

}  // namespace qiancheng::policy::internal
