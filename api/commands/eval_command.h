// api/commands/eval_command.h -- `qiancheng eval`: the offline evaluation of
// the trainings pipeline (recommend/evaluation.h) over an imported data dir:
// held-out employed outcomes and held-out occupation texts, recall@k, nDCG@k,
// coverage, per target group and province, a per-feature ablation and
// learned-vs-hand-set weights.
//   eval --data-dir DIR [--k 10] [--json] [--today YYYY-MM-DD] [--seed 1]
//        [--max-cases 1000] [--max-texts 600] [--no-ablation]
// Reads DIR/qiancheng.db, DIR/models/embedder.bin and the index snapshots in
// DIR/indexes (rebuilt in memory when stale); writes nothing to DIR. The
// classifier is built with the evaluated texts held out of its index.
// Progress goes to stderr; stdout gets a table, or one JSON document.
#ifndef QIANCHENG_API_COMMANDS_EVAL_COMMAND_H_
#define QIANCHENG_API_COMMANDS_EVAL_COMMAND_H_

#include "api/commands/command.h"

namespace qiancheng::api {

// Exit codes per command.h: 0 ok, 1 failure (data, store, model), 2 usage.
int RunEvalCommand(const CommandArgs& args, const CommandContext& ctx);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_EVAL_COMMAND_H_
