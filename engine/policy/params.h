// policy/params.h -- the parameters of one rule instance, as read from a
// policy file, before a rule kind turns them into its own typed fields.
// Kept free of JSON types so that only policy_loader.cc sees nlohmann.
// Every getter names the offending parameter ("params.max_per_year") in its
// kInvalidArgument. Value type; thread-compatible.
#ifndef QIANCHENG_POLICY_PARAMS_H_
#define QIANCHENG_POLICY_PARAMS_H_

#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"

namespace qiancheng::policy {

using ParamValue =
    std::variant<double, bool, std::string, std::vector<std::string>,
                 std::map<std::string, double>>;

class Params {
 public:
  Params() = default;
  explicit Params(std::map<std::string, ParamValue> values)
      : values_(std::move(values)) {}

  // A number in [lo, hi]. kInvalidArgument when missing, of another type or out
  // of range.
  Result<double> Number(const std::string& name, double lo, double hi) const;
  // As Number(), but `fallback` when the parameter is absent.
  Result<double> NumberOr(const std::string& name, double lo, double hi,
                          double fallback) const;
  Result<bool> BoolOr(const std::string& name, bool fallback) const;
  Result<std::string> Text(const std::string& name) const;
  // A list of strings; absent gives an empty list.
  Result<std::vector<std::string>> List(const std::string& name) const;
  // A table of string keys to numbers, each in [lo, hi]; absent gives an empty
  // table.
  Result<std::map<std::string, double>> Table(const std::string& name,
                                              double lo, double hi) const;
  // kInvalidArgument naming the first parameter not in `known` (a misspelt
  // parameter must fail the load, not be silently ignored).
  Status OnlyKnown(const std::set<std::string>& known) const;

  bool Has(const std::string& name) const { return values_.count(name) > 0; }

 private:
  std::map<std::string, ParamValue> values_;
};

}  // namespace qiancheng::policy

#endif  // QIANCHENG_POLICY_PARAMS_H_
