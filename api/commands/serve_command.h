// api/commands/serve_command.h -- `qiancheng serve`: opens the data dir, makes
// sure an admin key exists, serves the API until SIGTERM or SIGINT, then lets
// in-flight requests finish and exits 0.
#ifndef QIANCHENG_API_COMMANDS_SERVE_COMMAND_H_
#define QIANCHENG_API_COMMANDS_SERVE_COMMAND_H_

#include "api/commands/command.h"

namespace qiancheng::api {

int RunServeCommand(const CommandArgs& args, const CommandContext& ctx);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_SERVE_COMMAND_H_
