// api/commands/export_command.h -- `qiancheng export --kind KIND`: every entity
// of a kind as NDJSON in the API form (masked contact data, birth year only),
// the same form `import` reads back (minus the clear ID and phone, which are
// never exported).
#ifndef QIANCHENG_API_COMMANDS_EXPORT_COMMAND_H_
#define QIANCHENG_API_COMMANDS_EXPORT_COMMAND_H_

#include "api/commands/command.h"

namespace qiancheng::api {

int RunExportCommand(const CommandArgs& args, const CommandContext& ctx);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_EXPORT_COMMAND_H_
