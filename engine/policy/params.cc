#include "policy/params.h"

namespace qiancheng::policy {
namespace {

std::string Field(const std::string& name) { return "params." + name; }

std::string RangeText(double lo, double hi) {
  return "must be a number in [" + std::to_string(lo) + ", " +
         std::to_string(hi) + "]";
}

}  // namespace

Result<double> Params::Number(const std::string& name, double lo,
                              double hi) const {
  auto it = values_.find(name);
  if (it == values_.end())
    return Status::InvalidArgument(Field(name), "is required");
  const double* v = std::get_if<double>(&it->second);
  if (v == nullptr || !(*v >= lo && *v <= hi)) {
    return Status::InvalidArgument(Field(name), RangeText(lo, hi));
  }
  return *v;
}

Result<double> Params::NumberOr(const std::string& name, double lo, double hi,
                                double fallback) const {
  if (!Has(name)) return fallback;
  return Number(name, lo, hi);
}

Result<bool> Params::BoolOr(const std::string& name, bool fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const bool* v = std::get_if<bool>(&it->second);
  if (v == nullptr)
    return Status::InvalidArgument(Field(name), "must be true or false");
  return *v;
}

Result<std::string> Params::Text(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end())
    return Status::InvalidArgument(Field(name), "is required");
  const std::string* v = std::get_if<std::string>(&it->second);
  if (v == nullptr)
    return Status::InvalidArgument(Field(name), "must be a string");
  return *v;
}

Result<std::vector<std::string>> Params::List(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::vector<std::string>{};
  const auto* v = std::get_if<std::vector<std::string>>(&it->second);
  if (v == nullptr)
    return Status::InvalidArgument(Field(name), "must be a list of strings");
  return *v;
}

Result<std::map<std::string, double>> Params::Table(const std::string& name,
                                                    double lo,
                                                    double hi) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::map<std::string, double>{};
  const auto* v = std::get_if<std::map<std::string, double>>(&it->second);
  if (v == nullptr)
    return Status::InvalidArgument(Field(name), "must be an object of numbers");
  for (const auto& [key, value] : *v) {
    if (!(value >= lo && value <= hi)) {
      return Status::InvalidArgument(Field(name) + "." + key,
                                     RangeText(lo, hi));
    }
  }
  return *v;
}

Status Params::OnlyKnown(const std::set<std::string>& known) const {
  for (const auto& [name, value] : values_) {
    if (known.count(name) == 0)
      return Status::InvalidArgument(Field(name), "unknown parameter");
  }
  return Status::Ok();
}

}  // namespace qiancheng::policy
