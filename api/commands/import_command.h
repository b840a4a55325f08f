// api/commands/import_command.h -- `qiancheng import FILE --kind KIND`: bulk
// load through the same write path as the HTTP routes (ingest::Ingestor). Valid
// rows are committed in chunks (one transaction each); invalid rows are skipped
// and reported with their line and field. Progress goes to stderr for large
// files.
#ifndef QIANCHENG_API_COMMANDS_IMPORT_COMMAND_H_
#define QIANCHENG_API_COMMANDS_IMPORT_COMMAND_H_

#include "api/commands/command.h"

namespace qiancheng::api {

int RunImportCommand(const CommandArgs& args, const CommandContext& ctx);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_IMPORT_COMMAND_H_
