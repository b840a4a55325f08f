// api/commands/fit_command.h -- `qiancheng fit`: fits the embedder
// (embed/tfidf_lsa.h) on the occupation catalog plus the vacancies and
// training projects stored in DIR/qiancheng.db (when present), and writes the
// model atomically to DIR/models/embedder.bin (or --out).
//   fit [--data-dir DIR] [--dim 256] [--occupation-dims 64] [--seed 1]
//       [--out PATH]
// Progress goes to stderr; stdout gets one JSON line:
//   {"embedder": id, "dim": ..., "documents": ..., "vocabulary": ...,
//    "seconds": ...}
// A refit changes the embedder id, so index snapshots taken with the old
// model are rebuilt.
#ifndef QIANCHENG_API_COMMANDS_FIT_COMMAND_H_
#define QIANCHENG_API_COMMANDS_FIT_COMMAND_H_

#include "api/commands/command.h"

namespace qiancheng::api {

// Exit codes per command.h: 0 ok, 1 failure (data, store, write), 2 usage.
int RunFitCommand(const CommandArgs& args, const CommandContext& ctx);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_FIT_COMMAND_H_
