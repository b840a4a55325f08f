// api/main.cc -- the `qiancheng` binary: reads the environment, picks the
// command, hands it its arguments. Each command lives in api/commands/.
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "api/commands/bench_data_command.h"
#include "api/commands/bench_index_command.h"
#include "api/commands/classify_command.h"
#include "api/commands/eval_command.h"
#include "api/commands/explain_command.h"
#include "api/commands/export_command.h"
#include "api/commands/fit_command.h"
#include "api/commands/import_command.h"
#include "api/commands/serve_command.h"

namespace {

using qiancheng::api::CommandArgs;
using qiancheng::api::CommandContext;

struct CommandEntry {
  const char* name;
  int (*run)(const CommandArgs&, const CommandContext&);
  const char* summary;
};

constexpr CommandEntry kCommands[] = {
    {"serve", qiancheng::api::RunServeCommand,
     "serve the HTTP API and console"},
    {"import", qiancheng::api::RunImportCommand,
     "bulk-load NDJSON or CSV through the write path"},
    {"export", qiancheng::api::RunExportCommand,
     "write a kind's entities as NDJSON"},
    {"fit", qiancheng::api::RunFitCommand,
     "fit the embedding model (TF-IDF + LSA) on the taxonomy and stored items"},
    {"classify", qiancheng::api::RunClassifyCommand,
     "free text -> top occupation codes (or --eval FILE)"},
    {"explain", qiancheng::api::RunExplainCommand,
     "a subsidy decision with its policy citations"},
    {"eval", qiancheng::api::RunEvalCommand,
     "offline evaluation of the trainings ranking (recall, nDCG, ablation)"},
    {"bench-data", qiancheng::api::RunBenchDataCommand,
     "write a generated world (NDJSON) for demos and benchmarks"},
    {"bench-index", qiancheng::api::RunBenchIndexCommand,
     "filtered top-10 recall and latency on synthetic vectors (JSON)"},
};

int Usage(std::ostream& os, int code) {
  os << "usage: qiancheng <command> [options]   (qiancheng <command> --help "
        "for details)\n";
  for (const auto& c : kCommands)
    os << "  " << c.name << "\t" << c.summary << "\n";
  os << "  --reference-dir DIR before the command overrides the reference data "
        "folder\n";
  return code;
}

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CommandArgs args(argv + 1, argv + argc);
  std::string reference_dir = Env("QIANCHENG_REFERENCE_DIR");
  if (reference_dir.empty()) reference_dir = QC_DEFAULT_REFERENCE_DIR;
  if (args.size() >= 2 && args[0] == "--reference-dir") {
    reference_dir = args[1];
    args.erase(args.begin(), args.begin() + 2);
  }
  if (args.empty()) return Usage(std::cerr, 2);
  if (args[0] == "--help" || args[0] == "help") return Usage(std::cout, 0);
  CommandContext ctx{std::cout, std::cerr, reference_dir,
                     Env("QIANCHENG_ADMIN_KEY")};
  for (const auto& c : kCommands) {
    if (args[0] == c.name)
      return c.run(CommandArgs(args.begin() + 1, args.end()), ctx);
  }
  std::cerr << "qiancheng: unknown command '" << args[0] << "'\n";
  return Usage(std::cerr, 2);
}
