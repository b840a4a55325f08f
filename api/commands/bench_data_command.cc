#include "api/commands/bench_data_command.h"

#include <chrono>
#include <cstdint>
#include <iomanip>
#include <string>

#include "world/reference.h"
#include "world/writer.h"

namespace qiancheng::api {
namespace {

constexpr const char* kUsage =
    "usage: qiancheng bench-data [--scale small|medium|large] [--seed S] "
    "[--out DIR]\n"
    "                            [--today YYYY-MM-DD]\n"
    "Writes a GENERATED world for benchmarks and demos: one NDJSON file per "
    "entity kind\n"
    "(occupations, shortage-entries, institutions, training-projects, "
    "vacancies, workers,\n"
    "outcomes) in API form, ready for `qiancheng import`, and manifest.json.\n"
    "  --scale  small (2k projects, 20k vacancies, 20k workers; default), "
    "medium (100k,\n"
    "           1M, 1M), large (200k, 2M, 10M; streamed)\n"
    "  --seed   unsigned integer, default 1; the same seed gives the same "
    "bytes\n"
    "  --out    output folder, default ./world-<scale>-seed<S>\n"
    "  --today  reference date of the world, default 2026-11-24\n";

struct Flags {
  std::string scale = "small";
  std::string seed = "1";
  std::string out;
  std::string today = "2026-11-24";
};

// Fills `flags` from "--name value" or "--name=value"; an error message if not.
std::string ParseBenchDataFlags(const CommandArgs& args, Flags* flags) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i], value;
    const size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return name + " needs a value";
    }
    if (name == "--scale") {
      flags->scale = value;
    } else if (name == "--seed") {
      flags->seed = value;
    } else if (name == "--out") {
      flags->out = value;
    } else if (name == "--today") {
      flags->today = value;
    } else {
      return "unknown option " + name;
    }
  }
  return "";
}

bool ParseSeed(const std::string& text, uint64_t* seed) {
  if (text.empty() || text.size() > 19) return false;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  *seed = value;
  return true;
}

int UsageError(const CommandContext& ctx, const std::string& message) {
  ctx.err << "bench-data: " << message << "\n" << kUsage;
  return 2;
}

}  // namespace

int RunBenchDataCommand(const CommandArgs& args, const CommandContext& ctx) {
  for (const auto& arg : args) {
    if (arg == "--help" || arg == "-h") {
      ctx.out << kUsage;
      return 0;
    }
  }
  Flags flags;
  if (std::string error = ParseBenchDataFlags(args, &flags); !error.empty())
    return UsageError(ctx, error);
  world::WorldOptions options;
  auto scale = world::ScaleNamed(flags.scale);
  if (!scale.ok()) return UsageError(ctx, scale.status().ToString());
  options.scale = *scale;
  if (!ParseSeed(flags.seed, &options.seed))
    return UsageError(ctx, "--seed must be an unsigned integer");
  auto today = Date::Parse(flags.today, "--today");
  if (!today.ok()) return UsageError(ctx, today.status().ToString());
  options.today = *today;
  const std::string out_dir =
      flags.out.empty() ? "world-" + flags.scale + "-seed" + flags.seed
                        : flags.out;

  const auto start = std::chrono::steady_clock::now();
  auto ref = world::LoadReferenceData(ctx.reference_dir);
  if (!ref.ok()) {
    ctx.err << "bench-data: reference data: " << ref.status().ToString()
            << "\n";
    return 1;
  }
  auto report = world::WriteWorld(*ref, options, out_dir);
  if (!report.ok()) {
    ctx.err << "bench-data: " << report.status().ToString() << "\n";
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  int64_t total = report->manifest_bytes;
  for (const auto& f : report->files) {
    ctx.out << std::left << std::setw(26) << f.file << std::right
            << std::setw(10) << f.count << " lines " << std::setw(13) << f.bytes
            << " bytes\n";
    total += f.bytes;
  }
  ctx.out << "generated world (" << flags.scale << ", seed " << options.seed
          << ", today " << options.today.ToString() << ") in " << out_dir
          << ": " << total << " bytes in " << std::fixed << std::setprecision(2)
          << seconds << " s\n";
  return 0;
}

}  // namespace qiancheng::api
