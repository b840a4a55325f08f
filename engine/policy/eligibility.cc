#include "policy/eligibility.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

namespace qiancheng::policy {
namespace {

double Cents(double yuan) { return std::round(yuan * 100) / 100; }

// subsidy_yuan = (base * shortage_factor + uplift) * online_factor
// (core/subsidy.h).
SubsidyAmounts Amounts(const TrainingProject& project, const DecisionBuilder& b,
                       bool eligible) {
  SubsidyAmounts a;
  a.base_yuan = Cents(project.base_subsidy_yuan);
  a.shortage_uplift_yuan = Cents(a.base_yuan * b.shortage_uplift_rate);
  a.shortage_factor = b.shortage_factor;
  a.online_factor = b.online_factor;
  a.worker_pays_yuan = Cents(std::max(0.0, project.fee_yuan));
  if (!eligible) return a;  // nothing payable (invariant of core/subsidy.h)
  a.subsidy_yuan =
      Cents((a.base_yuan * b.shortage_factor + a.shortage_uplift_yuan) *
            b.online_factor);
  a.by_outcome = {a.subsidy_yuan, Cents(a.subsidy_yuan * b.flexible_multiplier),
                  Cents(a.subsidy_yuan * b.stable_multiplier)};
  a.living_allowance_yuan = Cents(b.living_yuan);
  a.transport_allowance_yuan = Cents(b.transport_yuan);
  a.skill_upgrade_yuan = Cents(b.skill_upgrade_yuan);
  a.worker_pays_yuan = Cents(std::max(0.0, project.fee_yuan - a.subsidy_yuan));
  return a;
}

// The gate rules per region for one Filter() call. Candidates cluster in a
// few regions, so a short list searched linearly beats hashing each code.
class GateCache {
 public:
  struct Entry {
    std::string region;
    bool in_force = false;
    bool reads_shortage = false;
    std::vector<const Rule*> gates;  // only rules whose Admits() can refuse
  };

  GateCache(const PolicySet& policies, Date day)
      : policies_(policies), day_(day) {}

  const Entry* For(const RegionCode& region) {
    if (last_ != nullptr && last_->region == region.str()) return last_;
    for (const auto& e : entries_) {
      if (e->region == region.str()) return last_ = e.get();
    }
    auto e = std::make_unique<Entry>();
    e->region = region.str();
    auto resolved = policies_.Resolve(region, day_);
    if (resolved.ok()) {
      e->in_force = true;
      for (const Rule* r : resolved->rules) {
        if (r->effect() != "gate") continue;
        e->gates.push_back(r);
        e->reads_shortage = e->reads_shortage || r->AdmitsReadsShortage();
      }
    }
    entries_.push_back(std::move(e));
    return last_ = entries_.back().get();
  }

 private:
  const PolicySet& policies_;
  Date day_;
  std::vector<std::unique_ptr<Entry>> entries_;
  const Entry* last_ = nullptr;
};

}  // namespace

Result<SubsidyDecision> Eligibility::Decide(const Worker& worker,
                                            const TrainingProject& project,
                                            const Institution* institution,
                                            Date day) const {
  QC_ASSIGN_OR_RETURN(ResolvedPolicy resolved,
                      policies_.Resolve(project.region, day));
  return DecideResolved(resolved, worker, project, institution, day);
}

SubsidyDecision Eligibility::DecideResolved(const ResolvedPolicy& resolved,
                                            const Worker& worker,
                                            const TrainingProject& project,
                                            const Institution* institution,
                                            Date day, Record record) const {
  auto year = CalendarYear(day);
  Facts facts{
      worker,      project,
      institution, shortage_.Find(project.region, project.occupation_code),
      day,         year.first,
      year.second};
  DecisionBuilder builder;
  builder.record = record;
  bool eligible = true;
  for (const Rule* rule : resolved.rules) {
    eligible = rule->Admits(facts) && eligible;
    rule->Apply(facts, &builder);
  }
  SubsidyDecision d;
  d.eligible = eligible;
  d.reasons = std::move(builder.reasons);
  d.amounts = Amounts(project, builder, eligible);
  if (record != Record::kNone) {
    for (const PolicyDocument* doc : resolved.documents)
      d.policies.push_back(doc->Ref());
  }
  d.worker_id = worker.id;
  d.project_id = project.id;
  d.as_of = day;
  d.priority = builder.priority;
  return d;
}

std::vector<bool> Eligibility::Filter(const Worker& worker,
                                      std::span<const TrainingProject> projects,
                                      const InstitutionMap& institutions,
                                      Date day) const {
  std::vector<bool> bits(projects.size(), false);
  GateCache gates(policies_, day);
  auto year = CalendarYear(day);
  for (size_t i = 0; i < projects.size(); ++i) {
    const TrainingProject& p = projects[i];
    const GateCache::Entry* entry = gates.For(p.region);
    if (!entry->in_force) continue;
    auto inst = institutions.find(p.institution_id);
    const ShortageEntry* row = entry->reads_shortage
                                   ? shortage_.Find(p.region, p.occupation_code)
                                   : nullptr;
    Facts facts{
        worker,     p,   inst == institutions.end() ? nullptr : &inst->second,
        row,        day, year.first,
        year.second};
    bool ok = true;
    for (const Rule* rule : entry->gates) {
      if (!rule->Admits(facts)) {
        ok = false;
        break;
      }
    }
    bits[i] = ok;
  }
  return bits;
}

Result<SubsidyDecision> Eligibility::Replay(
    const SubsidyDecision& recorded, const Worker& worker,
    const TrainingProject& project, const Institution* institution) const {
  for (const PolicyRef& ref : recorded.policies) {
    const PolicyDocument* doc = policies_.Find(ref.doc);
    if (doc == nullptr || doc->version != ref.version) {
      return Status::FailedPrecondition(
          "policy " + ref.doc + " version " + ref.version +
          " is not the loaded one; cannot replay");
    }
  }
  return Decide(worker, project, institution, recorded.as_of);
}

}  // namespace qiancheng::policy
