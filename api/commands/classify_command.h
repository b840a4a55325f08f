// api/commands/classify_command.h -- `qiancheng classify`: free text -> the
// top occupation codes of 职业分类大典 2022 (taxonomy/classifier.h), and the
// evaluation of that classifier on a labelled set (data/eval/).
//   classify TEXT [--json] [--k N] [--no-curated]
//   classify --eval FILE [--no-curated] [--misses]
//   classify --build-eval DIR   (writes data/eval/ held-out sets)
// Loads the dictionaries, the catalog and the classifier index on every call
// (about 0.7 s of CPU; see benchmarks/taxonomy_bench.cc).
#ifndef QIANCHENG_API_COMMANDS_CLASSIFY_COMMAND_H_
#define QIANCHENG_API_COMMANDS_CLASSIFY_COMMAND_H_

#include "api/commands/command.h"

namespace qiancheng::api {

// Exit codes per command.h: 0 ok, 1 failure (data missing, bad eval file), 2
// usage.
int RunClassifyCommand(const CommandArgs& args, const CommandContext& ctx);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_CLASSIFY_COMMAND_H_
