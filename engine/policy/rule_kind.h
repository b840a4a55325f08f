// policy/rule_kind.h -- a rule kind is code, a rule instance is data.
// A RuleSpec is one entry of a policy file's "rules" (rule id, kind, clause,
// quoted text, parameters). MakeRule() turns it into a configured Rule of the
// named kind, validating the parameters (kInvalidArgument naming
// "params.<name>"). A Rule answers three questions:
//   Admits()  -- the gate, no strings: the batch filter's hot path;
//   Apply()   -- the full decision: one reason with its Chinese sentence, and
//                any change to the amounts;
//   Contribute() -- the terms it sets for settlement from outcomes.
// Invariant: Apply() marks a gate reason passed exactly when Admits() is true,
// so the filter and Decide() never disagree. Rules never read the worker's
// household registration (R4). Immutable after MakeRule(); all methods const
// and thread-safe.
#ifndef QIANCHENG_POLICY_RULE_KIND_H_
#define QIANCHENG_POLICY_RULE_KIND_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/domain.h"
#include "core/subsidy.h"
#include "policy/params.h"

namespace qiancheng::policy {

struct RuleSpec {
  std::string id;      // "R1".."R15"
  std::string kind;    // "real_name", "annual_cap", ...
  std::string clause;  // "三(三)"
  std::string text;    // the clause text quoted from the document
  std::string note;    // how the text was read, where a reading was needed
  Params params;
  // Filled by the loader from the enclosing document.
  std::string doc;
};

// What a rule sees for one (worker, project) pair.
struct Facts {
  const Worker& worker;
  const TrainingProject& project;
  const Institution* institution;  // null when unknown: R13 then refuses
  const ShortageEntry* shortage;   // the catalog row for the project, or null
  Date day;
  // The calendar year of `day` as [year_begin, year_end): yearly caps compare
  // dates against it instead of converting every record to a year.
  Date year_begin, year_end;

  bool InYear(Date d) const { return year_begin <= d && d < year_end; }
};

// [Jan 1 of day's year, Jan 1 of the next year).
inline std::pair<Date, Date> CalendarYear(Date day) {
  return {Date::FromYmd(day.year(), 1, 1), Date::FromYmd(day.year() + 1, 1, 1)};
}

// Which reasons Apply() records. Everything else Apply() writes (the amount
// terms, `priority`) is the same whatever is recorded, so a ranking pass can
// decide fifty classes with kNone and explain only the ten it shows.
enum class Record {
  kAll,     // every rule's reason (Decide(), audits, settlement)
  kFailed,  // only the reasons of rules that did not pass (brief lists)
  kNone,    // no reason: the verdict, amounts and priority only
};

// What Apply() writes: reasons and the amount terms of SubsidyAmounts.
struct DecisionBuilder {
  Record record = Record::kAll;
  std::vector<SubsidyReason> reasons;
  double shortage_uplift_rate = 0;
  double shortage_factor = 1;
  double online_factor = 1;
  double flexible_multiplier = 1;
  double stable_multiplier = 1;
  double living_yuan = 0;
  double transport_yuan = 0;
  double skill_upgrade_yuan = 0;
  bool priority = false;

  // Whether a reason that `passed` is recorded at this level.
  bool Wants(bool passed) const {
    return record == Record::kAll || (record == Record::kFailed && !passed);
  }
};

// A citation kept for the settlement reasons.
struct Citation {
  std::string rule, doc, clause, kind, quote;
  bool present() const { return !rule.empty(); }
};

// The settlement terms the applicable rules set (defaults: no such rule).
struct SettlementTerms {
  double flexible_multiplier = 1, stable_multiplier = 1;  // R7
  Citation outcome;
  double min_employment_rate =
      0;  // R10: below it only employed trainees are paid
  Citation employment_floor;
  double unaware_max_share = 1;  // R11: refused at or above this share
  int arrears_since_year =
      0;  // R11: refused with arrears since this year (0 = none)
  double no_certificate_share =
      1;  // R11: share paid without a higher certificate
  Citation work_based;
  bool voucher_once = false;  // R12
  Citation duplicate;
  bool certificate_direct =
      false;  // R14: out-of-province certificate paid to the worker
  Citation direct;
};

class Rule {
 public:
  explicit Rule(RuleSpec spec) : spec_(std::move(spec)) {}
  virtual ~Rule() = default;
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;

  const RuleSpec& spec() const { return spec_; }
  // "gate", "amount", "addon", "settlement", "rank" or "note".
  virtual std::string_view effect() const = 0;
  // False refuses the subsidy. Only gate rules ever return false.
  virtual bool Admits(const Facts& facts) const {
    (void)facts;
    return true;
  }
  // True when Admits() reads facts.shortage (the filter looks it up only then).
  virtual bool AdmitsReadsShortage() const { return false; }
  virtual void Apply(const Facts& facts, DecisionBuilder* out) const = 0;
  virtual void Contribute(SettlementTerms* terms) const { (void)terms; }

 protected:
  // Appends the reason for this rule with `passed` and `message`, when the
  // builder records such a reason (DecisionBuilder::Wants).
  void Say(DecisionBuilder* out, bool passed, std::string message) const;
  // The same for a constant sentence: no string is built when not recorded.
  void Say(DecisionBuilder* out, bool passed, const char* message) const;
  // The same for a sentence built from the facts: `make()` runs only when the
  // reason is recorded (the formatting is most of a decision's cost).
  template <class Make>
  void SayBuilt(DecisionBuilder* out, bool passed, Make make) const {
    if (out->Wants(passed)) Say(out, passed, std::string(make()));
  }
  Citation Cite() const;

 private:
  RuleSpec spec_;
};

// The configured rule of `spec.kind`. kInvalidArgument naming "kind" for an
// unknown kind, or "params.<name>" for a bad parameter.
Result<std::unique_ptr<Rule>> MakeRule(RuleSpec spec);

// The kinds MakeRule() knows, in a stable order (documentation and tests).
const std::vector<std::string_view>& RuleKindNames();

// Shared helpers of the kinds.
bool InGroup(const Worker& worker, TargetGroup group);
bool IsStudent(const Worker& worker);
std::string Yuan(
    double yuan);  // "1,500元" style without separators: "1500元", "1050.5元"

}  // namespace qiancheng::policy

#endif  // QIANCHENG_POLICY_RULE_KIND_H_
