#include "recommend/internal/training_factors.h"

#include <algorithm>
#include <numeric>

#include "rank/features.h"
#include "recommend/internal/pipeline.h"

namespace qiancheng::recommend::internal {

TrainingFactsBuilder::TrainingFactsBuilder(const CatalogView& view,
                                           const Worker& worker,
                                           const std::vector<CityCode>& cities,
                                           Date today)
    : view_(view),
      worker_(worker),
      today_(today),
      home_(view.PointOf(worker.region, worker.lat, worker.lon)) {
  for (const CityCode& city : cities) {
    auto ct = view.local.find(city);
    if (ct != view.local.end()) cities_.push_back(&ct->second);
  }
  const OutcomeCounts all = view.counts_all;
  mean_employment_ = all.completed > 0
                         ? static_cast<double>(all.employed) / all.completed
                         : 0.6;
  mean_pass_ = all.completed > 0
                   ? static_cast<double>(all.certified) / all.completed
                   : 0.7;
}

// Demand near the worker per occupation: open headcount and active trainees
// over the cities within the radius.
std::pair<int, int> TrainingFactsBuilder::DemandOf(const std::string& occ) {
  auto [it, inserted] = demand_.try_emplace(occ, 0, 0);
  if (inserted) {
    for (const auto* totals : cities_) {
      auto ot = totals->find(occ);
      if (ot == totals->end()) continue;
      it->second.first += ot->second.open_headcount;
      it->second.second += ot->second.trainees_active;
    }
  }
  return it->second;
}

TrainingFacts TrainingFactsBuilder::Of(const TrainingProject& p,
                                       const Institution* institution,
                                       const SubsidyDecision& decision,
                                       float distance2) {
  TrainingFacts t;
  t.fit = rank::FitScore(distance2);
  std::tie(t.head, t.active) = DemandOf(p.occupation_code.str());
  t.shortage = view_.shortage->Find(p.region, p.occupation_code);
  const OutcomeCounts ic = view_.CountsOfInstitution(p.institution_id.str());
  t.completed = ic.completed;
  const double prior_e = institution && institution->employment_rate
                             ? *institution->employment_rate
                             : mean_employment_;
  t.employment = rank::ShrunkRate(ic.employed, ic.completed, prior_e, 20);
  const double prior_p = institution && institution->pass_rate
                             ? *institution->pass_rate
                             : mean_pass_;
  t.pass = rank::ShrunkRate(ic.certified, ic.completed, prior_p, 20);
  for (const VacancyId& vid : p.linked_vacancy_ids) {
    const Vacancy* v = view_.FindVacancy(vid.str());
    if (v && v->status == EntityStatus::kOpen && v->expiry_date >= today_)
      ++t.open_linked;
  }
  t.eligible = decision.eligible;
  t.fee = p.fee_yuan;
  t.pays = decision.eligible ? decision.amounts.worker_pays_yuan : p.fee_yuan;
  t.subsidy = decision.amounts.subsidy_yuan;
  t.online = p.mode == TrainingMode::kOnline;
  if (!t.online) t.km = Km(home_, view_.PointOf(p.region, p.lat, p.lon));
  const auto& modes = worker_.wishes.modes;
  t.mode_ok = modes.empty() ||
              std::find(modes.begin(), modes.end(), p.mode) != modes.end();
  const auto& wanted = worker_.wishes.schedules;
  t.schedule_ok = wanted.empty();
  for (Schedule s : p.schedule) {
    t.schedule_ok |= std::find(wanted.begin(), wanted.end(), s) != wanted.end();
  }
  t.seats_left = view_.SeatsLeft(p);
  t.days = p.start_date - today_;
  t.priority = decision.priority;
  return t;
}

std::array<double, kFeatureCount> Values(const TrainingFacts& t) {
  const double per_trainee = static_cast<double>(t.head) / (1.0 + t.active);
  return {
      t.fit,
      rank::LogScale(per_trainee, 20),
      t.shortage ? rank::Unit(1.0 - (t.shortage->rank - 1) / 100.0) : 0.0,
      t.employment,
      t.pass,
      t.open_linked > 0 ? 1.0 : 0.0,
      rank::AffordabilityScore(t.pays, t.fee),
      t.eligible ? rank::Unit(t.subsidy / 3000.0) : 0.0,
      // Online: no commute, but not "at the door" either: a worker near a
      // good offline class should not see it outranked by distance alone.
      t.online ? kOnlineProximity
               : rank::ProximityScore(t.km, kProximityScaleKm),
      t.mode_ok ? 1.0 : 0.0,
      t.schedule_ok ? 1.0 : 0.0,
      rank::Unit(t.seats_left / 10.0),
      rank::ProximityScore(t.days, 30),
      t.priority ? 1.0 : 0.0,
  };
}

namespace {

// What factor `i` measured, in Chinese.
std::string Detail(size_t i, const TrainingFacts& t) {
  using std::to_string;
  switch (i) {
    case 0:
      return "与意愿的相似度 " + Fixed(t.fit, 2);
    case 1:
      return "附近该职业空缺 " + to_string(t.head) + " 人，在培 " +
             to_string(t.active) + " 人";
    case 2:
      return t.shortage ? "列入" + t.shortage->catalog + "第 " +
                              to_string(t.shortage->rank) + " 位"
                        : "未列入紧缺目录";
    case 3:
      return t.completed == 0
                 ? "机构就业率按申报或地区均值计 " + Percent(t.employment) +
                       "（尚无结业记录）"
                 : "机构就业率 " + Percent(t.employment) + "（" +
                       to_string(t.completed) + " 人结业，人数少时向均值收缩）";
    case 4:
      return t.completed == 0 ? "取证率按申报或地区均值计 " + Percent(t.pass)
                              : "取证率 " + Percent(t.pass) + "（" +
                                    to_string(t.completed) + " 人结业）";
    case 5:
      return t.open_linked > 0 ? "订单班：结业对接 " +
                                     to_string(t.open_linked) + " 个在招岗位"
                               : "非订单班";
    case 6:
      return "学费 " + Fixed(t.fee, 0) + " 元，补贴后自付 " + Fixed(t.pays, 0) +
             " 元";
    case 7:
      return t.eligible ? "可获培训补贴 " + Fixed(t.subsidy, 0) + " 元"
                        : "不符合补贴条件";
    case 8:
      return t.online ? "线上课程，不限距离" : DistanceDetail(t.km);
    case 9:
      return t.mode_ok ? "授课方式符合意愿" : "授课方式与意愿不同";
    case 10:
      return t.schedule_ok ? "上课时间符合意愿" : "上课时间与意愿不同";
    case 11:
      return "剩余名额 " + to_string(t.seats_left);
    case 12:
      return to_string(t.days) + " 天后开班";
    default:
      return t.priority ? "重点群体或重点领域，优先推荐" : "无优先加分";
  }
}

}  // namespace

std::vector<rank::Factor> Factors(
    const TrainingFacts& t, const std::array<double, kFeatureCount>& weights,
    size_t details) {
  const std::array<double, kFeatureCount> values = Values(t);
  std::vector<rank::Factor> out(kFeatureCount);
  for (size_t i = 0; i < kFeatureCount; ++i) {
    rank::Factor& f = out[i];
    f.name = TrainingFeatureName(i);
    f.value = rank::Unit(values[i]);
    f.weight = weights[i];
    f.contribution = f.value * f.weight;
  }
  std::array<size_t, kFeatureCount> order;
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return out[a].contribution > out[b].contribution;
  });
  for (size_t n = 0; n < std::min(details, kFeatureCount); ++n)
    out[order[n]].detail = Detail(order[n], t);
  return out;
}

}  // namespace qiancheng::recommend::internal
