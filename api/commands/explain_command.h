// api/commands/explain_command.h -- `qiancheng explain`: one subsidy decision
// with its citations, in Chinese (or as the API's subsidy_decision JSON).
//   qiancheng explain --worker FILE --project FILE [--institution FILE]
//                     [--shortage FILE] [--date YYYY-MM-DD] [--json]
// Files hold API-form JSON (a worker, a training_project, an institution; the
// shortage file a JSON list of shortage_entry). Policies come from
// <reference_dir>/policies. The date defaults to the project's start date.
// Exit 0 when a decision was printed (eligible or not), 1 on a bad file or
// no policy in force, 2 on a usage error. Lookup by stored id comes later.
#ifndef QIANCHENG_API_COMMANDS_EXPLAIN_COMMAND_H_
#define QIANCHENG_API_COMMANDS_EXPLAIN_COMMAND_H_

#include "api/commands/command.h"

namespace qiancheng::api {

int RunExplainCommand(const CommandArgs& args, const CommandContext& ctx);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_EXPLAIN_COMMAND_H_
