#include "api/commands/fit_command.h"

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <variant>

#include "api/commands/flags.h"
#include "embed/recipes.h"
#include "embed/tfidf_lsa.h"
#include "store/sqlite_store.h"
#include "taxonomy/taxonomy.h"

namespace qiancheng::api {
namespace {

constexpr const char* kUsage =
    R"(usage: qiancheng fit [--data-dir DIR] [--dim 256] [--occupation-dims 64]
                    [--seed 1] [--out PATH]
Fits the embedder on the occupation catalog plus the vacancies and training
projects stored in DIR/qiancheng.db (if present) and writes the model to
DIR/models/embedder.bin (or PATH) atomically. Progress goes to stderr; stdout
gets {"embedder", "dim", "documents", "vocabulary", "seconds"}.
)";

constexpr int kPageSize = 5000;

embed::EmbedInput RecipeInput(const Entity& entity) {
  if (const auto* v = std::get_if<Vacancy>(&entity))
    return embed::VacancyInput(*v);
  if (const auto* p = std::get_if<TrainingProject>(&entity))
    return embed::ProjectInput(*p);
  return {};
}

// Appends the recipe input of every stored entity of `kind`, page by page.
Status ReadKind(const store::Store& db, EntityKind kind,
                std::vector<embed::EmbedInput>* inputs) {
  store::ListOptions options;
  options.limit = kPageSize;
  do {
    QC_ASSIGN_OR_RETURN(store::Page page, db.List(kind, options));
    for (const Entity& e : page.items) inputs->push_back(RecipeInput(e));
    options.cursor = page.next_cursor;
  } while (!options.cursor.empty());
  return Status::Ok();
}

// The stored vacancies and projects, or none when the data dir has no store.
Result<std::vector<embed::EmbedInput>> StoredInputs(const std::string& data_dir,
                                                    std::ostream& err) {
  std::vector<embed::EmbedInput> inputs;
  const std::string db_path = data_dir + "/qiancheng.db";
  if (!std::filesystem::exists(db_path)) {
    err << "fit: no store at " << db_path << "; fitting on the catalog only\n";
    return inputs;
  }
  QC_ASSIGN_OR_RETURN(auto db, store::SqliteStore::Open(db_path));
  QC_RETURN_IF_ERROR(ReadKind(*db, EntityKind::kVacancy, &inputs));
  const size_t vacancies = inputs.size();
  QC_RETURN_IF_ERROR(ReadKind(*db, EntityKind::kTrainingProject, &inputs));
  err << "fit: read " << vacancies << " vacancies and "
      << inputs.size() - vacancies << " training projects from " << db_path
      << "\n";
  return inputs;
}

Result<embed::FitOptions> Options(const ParsedFlags& flags) {
  embed::FitOptions options;
  QC_ASSIGN_OR_RETURN(const long dim, flags.GetInt("--dim", 256, 16, 4096));
  QC_ASSIGN_OR_RETURN(const long occupation_dims,
                      flags.GetInt("--occupation-dims", 64, 0, 4096));
  QC_ASSIGN_OR_RETURN(const long seed,
                      flags.GetInt("--seed", 1, 0, 0xffffffffL));
  if (dim % 8 != 0)
    return Status::InvalidArgument("--dim", "must be a multiple of 8");
  if (occupation_dims % 8 != 0 || occupation_dims >= dim)
    return Status::InvalidArgument(
        "--occupation-dims", "must be a multiple of 8 and less than --dim");
  options.dim = static_cast<size_t>(dim);
  options.occupation_dims = static_cast<size_t>(occupation_dims);
  options.seed = static_cast<uint32_t>(seed);
  return options;
}

int Fail(const CommandContext& ctx, const Status& status) {
  ctx.err << "fit: " << status << "\n";
  return 1;
}

}  // namespace

int RunFitCommand(const CommandArgs& args, const CommandContext& ctx) {
  Result<ParsedFlags> flags = ParseFlags(
      args, {"--data-dir", "--dim", "--occupation-dims", "--seed", "--out"},
      {"--help"});
  if (!flags.ok() || flags->Has("--help") || !flags->positional.empty()) {
    if (!flags.ok()) ctx.err << "fit: " << flags.status() << "\n";
    (flags.ok() && flags->Has("--help") ? ctx.out : ctx.err) << kUsage;
    return flags.ok() && flags->Has("--help") ? 0 : 2;
  }
  Result<embed::FitOptions> options = Options(*flags);
  if (!options.ok()) {
    ctx.err << "fit: " << options.status() << "\n" << kUsage;
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string data_dir = flags->Get("--data-dir", "qiancheng-data");
  const std::string out_path =
      flags->Get("--out", data_dir + "/models/embedder.bin");
  auto tax = taxonomy::LoadTaxonomy(ctx.reference_dir);
  if (!tax.ok()) return Fail(ctx, tax.status());
  auto extra = StoredInputs(data_dir, ctx.err);
  if (!extra.ok()) return Fail(ctx, extra.status());
  auto embedder = embed::TfidfLsaEmbedder::Fit(
      *tax, *extra, *options,
      [&](std::string_view stage, size_t done, size_t total) {
        ctx.err << "fit: " << stage << " " << done << "/" << total << "\n";
      });
  if (!embedder.ok()) return Fail(ctx, embedder.status());
  const Status saved = (*embedder)->Save(out_path);
  if (!saved.ok()) return Fail(ctx, saved);
  ctx.err << "fit: wrote " << out_path << "\n";
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const nlohmann::json line = {{"embedder", (*embedder)->id()},
                               {"dim", (*embedder)->dim()},
                               {"documents", (*embedder)->documents()},
                               {"vocabulary", (*embedder)->vocabulary_size()},
                               {"seconds", seconds}};
  ctx.out << line.dump() << "\n";
  return 0;
}

}  // namespace qiancheng::api
