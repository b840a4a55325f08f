// policy/policy_set.h -- the policy documents of data/policies/, loaded and
// validated once, and the resolution of the rules that apply to a project.
// A document is one JSON file: issuer, number, jurisdiction (region code),
// effective dates, version, and rules (rule_kind.h). Load() fails on the first
// malformed file with kInvalidArgument whose message names the file and whose
// field names the offending field ("rules[2].params.factor").
// Resolution (issue 6 item 3): the documents whose jurisdiction contains the
// project's region (district -> city -> province -> national) and that are in
// force on the day; for each rule id the most local document's instance wins
// (a more local rule refines a national one). Nothing here reads the worker.
// Immutable after Load(); all const methods are thread-safe.
#ifndef QIANCHENG_POLICY_POLICY_SET_H_
#define QIANCHENG_POLICY_POLICY_SET_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/subsidy.h"
#include "policy/rule_kind.h"

namespace qiancheng::policy {

struct PolicyDocument {
  std::string doc;  // id: the file name without ".json"
  std::string title;
  std::string issuer;
  std::string number;  // 文号; empty when the published text carries none
  RegionCode jurisdiction;
  std::string version;
  Date effective_from;
  std::optional<Date> effective_to;  // inclusive; none = no end stated
  std::string source;  // where the text is (policy-sources/ file, URL)
  std::vector<std::unique_ptr<Rule>> rules;

  bool InForce(Date day) const {
    return effective_from <= day && (!effective_to || day <= *effective_to);
  }
  PolicyRef Ref() const {
    return PolicyRef{doc, version, title, number, jurisdiction.str()};
  }
};

// The rules that apply to one (region, day), one per rule id, in rule order.
struct ResolvedPolicy {
  std::vector<const Rule*> rules;
  std::vector<const PolicyDocument*> documents;  // most local first
};

// Parses one policy file's text. `doc` is the document id (file stem).
// kInvalidArgument naming the field; the message does not repeat the file.
Result<PolicyDocument> ParsePolicyDocument(const std::string& doc,
                                           std::string_view text);

class PolicySet {
 public:
  PolicySet() = default;
  PolicySet(PolicySet&&) = default;
  PolicySet& operator=(PolicySet&&) = default;

  // Every *.json directly in `dir`, in name order. kInvalidArgument
  // "<file>: <message>" with the field for a malformed file; kNotFound when
  // `dir` has no policy file.
  static Result<PolicySet> Load(const std::string& dir);
  // From parsed documents (tests). kInvalidArgument on a duplicate doc id.
  static Result<PolicySet> FromDocuments(std::vector<PolicyDocument> documents);

  // kFailedPrecondition when no document is in force for `region` on `day`.
  Result<ResolvedPolicy> Resolve(const RegionCode& region, Date day) const;
  // The documents whose jurisdiction contains `region` and that are in force
  // on `day`, in load order: all Resolve() depends on, so regions with equal
  // lists resolve to equal rules (a caller deciding many classes resolves
  // each list once).
  std::vector<const PolicyDocument*> InForce(const RegionCode& region,
                                             Date day) const;
  // The document with id `doc` or null.
  const PolicyDocument* Find(const std::string& doc) const;
  const std::vector<PolicyDocument>& documents() const { return documents_; }

 private:
  std::vector<PolicyDocument> documents_;
};

}  // namespace qiancheng::policy

#endif  // QIANCHENG_POLICY_POLICY_SET_H_
