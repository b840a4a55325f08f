#include "api/commands/flags.h"

#include <charconv>

namespace qiancheng::api {

Result<long> ParsedFlags::GetInt(const std::string& name, long fallback,
                                 long lo, long hi) const {
  auto it = values.find(name);
  if (it == values.end()) return fallback;
  long n = 0;
  const std::string& text = it->second;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size() || n < lo ||
      n > hi) {
    return Status::InvalidArgument(name, "must be a whole number from " +
                                             std::to_string(lo) + " to " +
                                             std::to_string(hi));
  }
  return n;
}

Result<ParsedFlags> ParseFlags(const CommandArgs& args,
                               const std::set<std::string>& with_value,
                               const std::set<std::string>& switches) {
  ParsedFlags out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      out.positional.push_back(arg);
      continue;
    }
    std::string name = arg, value;
    bool has_value = false;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    if (switches.count(name)) {
      if (has_value) return Status::InvalidArgument(name, "takes no value");
      out.switches.insert(name);
    } else if (with_value.count(name)) {
      if (!has_value) {
        if (i + 1 >= args.size())
          return Status::InvalidArgument(name, "needs a value");
        value = args[++i];
      }
      out.values[name] = value;
    } else {
      return Status::InvalidArgument(name, "unknown flag");
    }
  }
  return out;
}

}  // namespace qiancheng::api
