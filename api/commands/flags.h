// api/commands/flags.h -- "--name value", "--name=value" and "--switch" parsing
// for the CLI commands. Unknown flags are usage errors, never ignored.
#ifndef QIANCHENG_API_COMMANDS_FLAGS_H_
#define QIANCHENG_API_COMMANDS_FLAGS_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "api/commands/command.h"
#include "core/result.h"

namespace qiancheng::api {

struct ParsedFlags {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  // "--port" -> "8080"
  std::set<std::string> switches;             // "--json"

  std::string Get(const std::string& name,
                  const std::string& fallback = "") const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
  bool Has(const std::string& name) const { return switches.count(name) > 0; }
  // kInvalidArgument naming the flag unless its value is a whole number in [lo,
  // hi].
  Result<long> GetInt(const std::string& name, long fallback, long lo,
                      long hi) const;
};

// `with_value` lists flags that take a value, `switches` those that do not.
Result<ParsedFlags> ParseFlags(const CommandArgs& args,
                               const std::set<std::string>& with_value,
                               const std::set<std::string>& switches);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_FLAGS_H_
