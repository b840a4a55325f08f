// The rule kinds that shape amounts (R5, R6, R7), add-ons (R8, R9),
// settlement terms (R10, R14), ranking (R15) and notes (R4). None of them
// refuses a subsidy, except shortage_share with require_listed (Tianjin:
// only occupations in the catalog are subsidised).
#include <algorithm>
#include <cmath>

#include "policy/internal/kinds.h"

namespace qiancheng::policy::internal {
namespace {

// The training mode as the notices name it.
std::string ModeName(TrainingMode mode) {
  switch (mode) {
    case TrainingMode::kOffline:
      return "线下培训";
    case TrainingMode::kOnline:
      return "纯线上培训";
    case TrainingMode::kBlended:
      return "线上线下相结合培训";
  }
  return "培训";
}

std::string Percent(double share) {
  return std::to_string(static_cast<int>(std::lround(share * 100))) + "%";
}

// Shaanxi 2021 三(一): region and household registration are never a condition.
// The message is constant on purpose: nothing here may depend on the hukou.
class NoResidenceCondition : public Rule {
 public:
  using Rule::Rule;
  std::string_view effect() const override { return "note"; }
  void Apply(const Facts&, DecisionBuilder* out) const override {
    Say(out, true, "不以地域、户籍为前提条件限制参加培训和享受培训补贴。");
  }
};

// Xi'an 2025 二(二): shortage occupations get up to +30% over the base
// standard.
class ShortageUplift : public Rule {
 public:
  ShortageUplift(RuleSpec spec, double max,
                 std::map<std::string, double> by_degree, double ungraded)
      : Rule(std::move(spec)),
        max_(max),
        by_degree_(std::move(by_degree)),
        ungraded_(ungraded) {}
  std::string_view effect() const override { return "amount"; }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    if (f.shortage == nullptr) {
      return Say(out, false, "不在急需紧缺职业目录内，补贴不上浮。");
    }
    double rate = ungraded_;
    auto it = by_degree_.find(std::to_string(f.shortage->degree));
    if (f.shortage->degree > 0 && it != by_degree_.end()) rate = it->second;
    rate = std::min(rate, max_);  // never above the ceiling the text sets
    out->shortage_uplift_rate = rate;
    SayBuilt(out, true, [&] {
      return "属急需紧缺职业（" + f.shortage->catalog + "），按基础标准上浮" +
             Percent(rate) + "（上限" + Percent(max_) + "）。";
    });
  }

 private:
  double max_;
  std::map<std::string, double> by_degree_;
  double ungraded_;
};

// Tianjin 2022 第九条: the share of the catalog standard by degree of shortage;
// 技师 and above get the full standard.
class ShortageShare : public Rule {
 public:
  ShortageShare(RuleSpec spec, std::map<std::string, double> by_degree,
                double ungraded, SkillLevel full_from, double full_share,
                bool require_listed)
      : Rule(std::move(spec)),
        by_degree_(std::move(by_degree)),
        ungraded_(ungraded),
        full_from_(full_from),
        full_share_(full_share),
        require_listed_(require_listed) {}
  std::string_view effect() const override {
    return require_listed_ ? "gate" : "amount";
  }
  bool Admits(const Facts& f) const override {
    return !require_listed_ || Share(f) >= 0;
  }
  bool AdmitsReadsShortage() const override { return require_listed_; }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    double share = Share(f);
    if (share < 0) {
      return Say(
          out, !require_listed_,
          "职业不在本地紧缺职业目录（按紧缺程度分档）内，不予按目录标准补贴。");
    }
    out->shortage_factor = share;
    SayBuilt(out, true, [&] {
      return "目录内职业（紧缺程度" + std::to_string(f.shortage->degree) +
             "），按目录标准的" + Percent(share) + "补贴。";
    });
  }

 private:
  // The share for the project, or -1 when its occupation is not graded in
  // the catalog (an ungraded row counts only when ungraded_share is given).
  double Share(const Facts& f) const {
    if (f.shortage == nullptr) return -1;
    double share = ungraded_;
    auto it = by_degree_.find(std::to_string(f.shortage->degree));
    if (it != by_degree_.end()) share = it->second;
    if (share >= 0 && LevelRank(f.project.level) >= LevelRank(full_from_))
      share = full_share_;
    return share;
  }
  std::map<std::string, double> by_degree_;
  double ungraded_;  // -1: not given
  SkillLevel full_from_;
  double full_share_;
  bool require_listed_;
};

// Xi'an 2025 二(二): online-only 70%; Tianjin 2022 第九条: blended 70%.
class ModeFactor : public Rule {
 public:
  ModeFactor(RuleSpec spec, std::vector<TrainingMode> modes, double factor)
      : Rule(std::move(spec)), modes_(std::move(modes)), factor_(factor) {}
  std::string_view effect() const override { return "amount"; }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    bool hit =
        std::find(modes_.begin(), modes_.end(), f.project.mode) != modes_.end();
    if (!hit) {
      return SayBuilt(out, false, [&] {
        return "培训方式为" + ModeName(f.project.mode) + "，按全额标准。";
      });
    }
    out->online_factor = factor_;
    SayBuilt(out, true, [&] {
      return "培训方式为" + ModeName(f.project.mode) + "，按基本补贴标准的" +
             Percent(factor_) + "补贴。";
    });
  }

 private:
  std::vector<TrainingMode> modes_;
  double factor_;
};

// Xi'an 2025 二(三): stable employment 150%, flexible 120% of the standard.
class OutcomeMultiplier : public Rule {
 public:
  OutcomeMultiplier(RuleSpec spec, double flexible, double stable)
      : Rule(std::move(spec)), flexible_(flexible), stable_(stable) {}
  std::string_view effect() const override { return "amount"; }
  void Apply(const Facts& f, DecisionBuilder* out) const override {
    if (f.project.work_based)
      return Say(out, false, "以工代训项目不按就业结果核算。");
    out->flexible_multiplier = flexible_;
    out->stable_multiplier = stable_;
    SayBuilt(out, true, [&] {
      return "训后实现稳定就业的按标准的" + Percent(stable_) +
             "、灵活就业的按" + Percent(flexible_) + "核算。";
    });
  }
  void Contribute(SettlementTerms* t) const override {
    t->flexible_multiplier = flexible_;
    t->stable_multiplier = stable_;
    t->outcome = Cite();
  }

 private:
  double flexible_, stable_;
};

}  // namespace

RuleOr MakeNoResidenceCondition(RuleSpec spec) {
  QC_RETURN_IF_ERROR(spec.params.OnlyKnown({}));
  return std::unique_ptr<Rule>(new NoResidenceCondition(std::move(spec)));
}

RuleOr MakeShortageUplift(RuleSpec spec) {
  const Params& p = spec.params;
  QC_RETURN_IF_ERROR(
      p.OnlyKnown({"max_uplift", "by_degree", "ungraded_uplift"}));
  QC_ASSIGN_OR_RETURN(double max, p.Number("max_uplift", 0, 1));
  QC_ASSIGN_OR_RETURN(auto by_degree, p.Table("by_degree", 0, max));
  QC_ASSIGN_OR_RETURN(double ungraded, p.Number("ungraded_uplift", 0, max));
  return std::unique_ptr<Rule>(
      new ShortageUplift(std::move(spec), max, by_degree, ungraded));
}

RuleOr MakeShortageShare(RuleSpec spec) {
  const Params& p = spec.params;
  QC_RETURN_IF_ERROR(
      p.OnlyKnown({"by_degree", "ungraded_share", "full_share_from_level",
                   "full_share", "require_listed"}));
  QC_ASSIGN_OR_RETURN(auto by_degree, p.Table("by_degree", 0, 1));
  QC_ASSIGN_OR_RETURN(double ungraded, p.NumberOr("ungraded_share", 0, 1, -1));
  QC_ASSIGN_OR_RETURN(std::string level_name, p.Text("full_share_from_level"));
  QC_ASSIGN_OR_RETURN(
      SkillLevel level,
      Parse<SkillLevel>(level_name, "params.full_share_from_level"));
  QC_ASSIGN_OR_RETURN(double full, p.Number("full_share", 0, 1));
  QC_ASSIGN_OR_RETURN(bool require, p.BoolOr("require_listed", false));
  return std::unique_ptr<Rule>(new ShortageShare(
      std::move(spec), by_degree, ungraded, level, full, require));
}

RuleOr MakeModeFactor(RuleSpec spec) {
  const Params& p = spec.params;
  QC_RETURN_IF_ERROR(p.OnlyKnown({"modes", "factor"}));
  QC_ASSIGN_OR_RETURN(auto names, p.List("modes"));
  std::vector<TrainingMode> modes;
  for (const auto& n : names) {
    QC_ASSIGN_OR_RETURN(auto m, Parse<TrainingMode>(n, "params.modes"));
    modes.push_back(m);
  }
  if (modes.empty())
    return Status::InvalidArgument("params.modes", "must list training modes");
  QC_ASSIGN_OR_RETURN(double factor, p.Number("factor", 0, 1));
  return std::unique_ptr<Rule>(new ModeFactor(std::move(spec), modes, factor));
}

RuleOr MakeOutcomeMultiplier(RuleSpec spec) {
  const Params& p = spec.params;
  QC_RETURN_IF_ERROR(p.OnlyKnown({"flexible", "stable"}));
  QC_ASSIGN_OR_RETURN(double flexible, p.Number("flexible", 1, 3));
  QC_ASSIGN_OR_RETURN(double stable, p.Number("stable", 1, 3));
  return std::unique_ptr<Rule>(
      new OutcomeMultiplier(std::move(spec), flexible, stable));
}

}  // namespace qiancheng::policy::internal
