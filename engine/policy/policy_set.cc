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

// "R2" < "R10": order rule ids by their number.
bool RuleIdLess(const std::string& a, const std::string& b) {
  auto num = [](const std::string& s) {
    return s.size() > 1 ? std::atoi(s.c_str() + 1) : 0;
  };
  if (num(a) != num(b)) return num(a) < num(b);
  return a < b;
}

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
  for (const auto& d : documents_) {
    if (d.jurisdiction.Contains(region) && d.InForce(day))
      out.documents.push_back(&d);
  }
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
  std::map<std::string, const Rule*, decltype(&RuleIdLess)> by_id(&RuleIdLess);
  for (const PolicyDocument* d : out.documents) {
    for (const auto& rule : d->rules)
      by_id.emplace(rule->spec().id, rule.get());
  }
  for (const auto& [id, rule] : by_id) out.rules.push_back(rule);
  return out;
}

const PolicyDocument* PolicySet::Find(const std::string& doc) const {
  for (const auto& d : documents_) {
    if (d.doc == doc) return &d;
  }
  return nullptr;
}

}  // namespace qiancheng::policy
