// api/commands/bench_data_command.h -- `qiancheng bench-data`: writes a
// generated world (benchmarks/world/) as NDJSON files that `qiancheng import`
// and POST /v1/{kind}:batch accept, plus manifest.json. Same options, same
// bytes. See command.h for the calling convention. Thread-compatible.
#ifndef QIANCHENG_API_COMMANDS_BENCH_DATA_COMMAND_H_
#define QIANCHENG_API_COMMANDS_BENCH_DATA_COMMAND_H_

#include "api/commands/command.h"

namespace qiancheng::api {

// qiancheng bench-data [--scale small|medium|large] [--seed S] [--out DIR]
//                      [--today YYYY-MM-DD]
// Reads the reference data from ctx.reference_dir. Returns 0 after writing the
// world and a summary to ctx.out; 2 for a usage error; 1 if the reference data
// cannot be read or a file cannot be written (message on ctx.err).
int RunBenchDataCommand(const CommandArgs& args, const CommandContext& ctx);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_COMMANDS_BENCH_DATA_COMMAND_H_
