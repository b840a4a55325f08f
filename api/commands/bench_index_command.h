// api/commands/bench_index_command.h -- `qiancheng bench-index`: builds a
// FaissIndex (engine/index) of N clustered synthetic vectors and measures
// filtered top-10 search per selectivity against the exact filtered scan of
// the same index: recall@10, p50/p99 latency of both, build time and bytes
// per vector. Searches run one at a time on the calling thread; the build uses
// every core (OpenMP). See command.h for the calling convention.
// Thread-compatible.
#ifndef QIANCHENG_API_COMMANDS_BENCH_INDEX_COMMAND_H_
#define QIANCHENG_API_COMMANDS_BENCH_INDEX_COMMAND_H_

#include "api/commands/command.h"

namespace qiancheng::api {

// qiancheng bench-index [--n N] [--dim D] [--queries Q]
//                       [--selectivity 1,0.1,0.01,0.001] [--layout ivf|hnsw]
//                       [--nprobe P] [--ef E] [--seed S] [--json]
// --layout picks the large layout (IVF by default, as FaissIndexOptions);
// --nprobe (IVF) and --ef (HNSW) override the index's search defaults.
// With --json prints one JSON object per selectivity: {"selectivity",
// "recall_at_10", "p50_us", "p99_us", "exact_p50_us", "exact_p99_us",
// "build_s", "bytes_per_vector", "layout", "nprobe", "ef", ...}; else a
// table. Returns 0, or 2 for a usage error, 1 if the index fails.
int RunBenchIndexCommand(const CommandArgs& args, const CommandContext& ctx);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_BENCH_INDEX_COMMAND_H_
