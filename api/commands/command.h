// api/commands/command.h -- what every `qiancheng <command>` implementation
// gets. main.cc owns argv, the environment and file locations; a command
// receives its own arguments (those after the command name) and this context,
// writes results to `out` and progress or errors to `err`, and returns the
// process exit code (0 ok, 1 failure, 2 usage error). `--help` prints the usage
// to `out`, returns 0.
#ifndef QIANCHENG_API_COMMANDS_COMMAND_H_
#define QIANCHENG_API_COMMANDS_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

namespace qiancheng::api {

struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  // The folder of reference data (the repository's data/: occupations/,
  // regions/, shortage/, dict/, policies/). From --reference-dir or
  // QIANCHENG_REFERENCE_DIR, else the source tree's data/ baked in at build
  // time.
  std::string reference_dir;
  // QIANCHENG_ADMIN_KEY from the environment (empty when unset).
  std::string admin_key_env;
};

using CommandArgs = std::vector<std::string>;

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_COMMAND_H_
