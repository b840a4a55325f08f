#include "policy/policy_set.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace qiancheng::policy {
namespace {

// How local a jurisdiction is: national 0, province 1, city 2, district 3.
int Depth(const RegionCode& r) {
  if (r.IsNational()) return 0;
  if (r == r.Province()) return 1;
  if (r == r.City()) return 2;
  return 3;
}

// The number of a rule id ("R10" -> 10) as atoi() reads what follows the
// first character; 0 when there is none. Parsed by hand: Resolve() runs once
// per decided class, and strtol's locale handling was most of its cost.
long RuleNumber(const std::string& id) {
  if (id.size() < 2) return 0;
  const char* s = id.c_str() + 1;
  while (*s == ' ' || (*s >= '\t' && *s <= '\r')) ++s;
  const bool negative = *s == '-';
  if (*s == '-' || *s == '+') ++s;
  long n = 0;
  for (; *s >= '0' && *s <= '9'; ++s) n = n * 10 + (*s - '0');
  return negative ? -n : n;
}

// A rule of a resolution with its id's number, ordered "R2" < "R10".
struct NumberedRule {
  long number;
  const std::string* id;
  const Rule* rule;
  bool operator<(const NumberedRule& o) const {
    if (number != o.number) return number < o.number;
    return *id < *o.id;
  }
};

}  // namespace

Result<PolicySet> PolicySet::Load(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  if (ec) return Status::NotFound("policy folder " + dir + ": " + ec.message());
  if (files.empty())
    return Status::NotFound("no policy file (*.json) in " + dir);
  std::sort(files.begin(), files.end());
  std::vector<PolicyDocument> documents;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return Status::NotFound("cannot read " + file.string());
    auto parsed = ParsePolicyDocument(file.stem().string(), text.str());
    if (!parsed.ok()) return parsed.status().WithContext(file.string());
    documents.push_back(std::move(parsed).value());
  }
  return FromDocuments(std::move(documents));
}

Result<PolicySet> PolicySet::FromDocuments(
    std::vector<PolicyDocument> documents) {
  std::set<std::string> seen;
  for (const auto& d : documents) {
    if (!seen.insert(d.doc).second) {
      return Status::InvalidArgument("doc",
                                     "duplicate policy document id " + d.doc);
    }
  }
  PolicySet set;
  set.documents_ = std::move(documents);
  return set;
}

Result<ResolvedPolicy> PolicySet::Resolve(const RegionCode& region,
                                          Date day) const {
  ResolvedPolicy out;
  out.documents = InForce(region, day);
  if (out.documents.empty()) {
    return Status::FailedPrecondition(
        "no policy document in force for region " + region.str() + " on " +
        day.ToString());
  }
  // Most local first; among equals the later one (a newer text refines an
  // older).
  std::stable_sort(out.documents.begin(), out.documents.end(),
                   [](const PolicyDocument* a, const PolicyDocument* b) {
                     int da = Depth(a->jurisdiction),
                         db = Depth(b->jurisdiction);
                     if (da != db) return da > db;
                     return a->effective_from > b->effective_from;
                   });
  // One rule per id, the most local document's (the first seen), in id
  // order. A handful of documents of ~15 rules: a scan beats a map.
  std::vector<NumberedRule> by_id;
  for (const PolicyDocument* d : out.documents) {
    for (const auto& rule : d->rules) {
      const std::string& id = rule->spec().id;
      const bool seen =
          std::any_of(by_id.begin(), by_id.end(),
                      [&](const NumberedRule& r) { return *r.id == id; });
      if (!seen) by_id.push_back({RuleNumber(id), &id, rule.get()});
    }
  }
  std::sort(by_id.begin(), by_id.end());
  out.rules.reserve(by_id.size());
  for (const NumberedRule& r : by_id) out.rules.push_back(r.rule);
  return out;
}

std::vector<const PolicyDocument*> PolicySet::InForce(const RegionCode& region,
                                                      Date day) const {
  std::vector<const PolicyDocument*> out;
  for (const auto& d : documents_) {
    if (d.jurisdiction.Contains(region) && d.InForce(day)) out.push_back(&d);
  }
  return out;
}

const PolicyDocument* PolicySet::Find(const std::string& doc) const {
  for (const auto& d : documents_) {
    if (d.doc == doc) return &d;
  }
  return nullptr;
}

}  // namespace qiancheng::policy
