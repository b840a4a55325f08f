#include "api/commands/classify_command.h"

#include <cstdio>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <string>

#include "taxonomy/classifier.h"
#include "taxonomy/evaluation.h"
#include "taxonomy/taxonomy.h"

namespace qiancheng::api {
namespace {

constexpr const char* kUsage =
    "usage: qiancheng classify TEXT [--json] [--k N] [--no-curated]\n"
    "       qiancheng classify --eval FILE [--no-curated] [--misses]\n"
    "       qiancheng classify --build-eval DIR\n"
    "Maps free text (a job title, a vacancy, a training wish) to occupation "
    "codes of\n"
    "职业分类大典 2022. --json prints {\"candidates\": [{\"code\", \"name\", "
    "\"score\"}]}.\n"
    "--eval prints top-1/top-5 accuracy per kind of a labelled TSV "
    "(data/eval/);\n"
    "--build-eval writes the held-out sets derived from the classification to "
    "DIR.\n"
    "--no-curated leaves out data/dict/curated_aliases.tsv (the hand-added "
    "aliases).\n";

struct Flags {
  std::string text, eval_file, build_eval_dir;
  bool json = false, curated = true, misses = false, help = false;
  size_t k = 5;
};

// Returns an error message, or "" when `args` parse.
std::string ParseFlags(const CommandArgs& args, Flags* f) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--help" || a == "-h") {
      f->help = true;
    } else if (a == "--json") {
      f->json = true;
    } else if (a == "--no-curated") {
      f->curated = false;
    } else if (a == "--misses") {
      f->misses = true;
    } else if (a == "--k" && has_value) {
      const int k = std::atoi(args[++i].c_str());
      if (k < 1 || k > 100) return "--k must be 1..100";
      f->k = static_cast<size_t>(k);
    } else if (a == "--eval" && has_value) {
      f->eval_file = args[++i];
    } else if (a == "--build-eval" && has_value) {
      f->build_eval_dir = args[++i];
    } else if (a.rfind("--", 0) == 0) {
      return "unknown or incomplete flag " + a;
    } else if (f->text.empty()) {
      f->text = a;
    } else {
      f->text += " " + a;
    }
  }
  const int modes =
      !f->text.empty() + !f->eval_file.empty() + !f->build_eval_dir.empty();
  if (!f->help && modes != 1)
    return "give exactly one of TEXT, --eval FILE, --build-eval DIR";
  return "";
}

Result<taxonomy::ClassifierOptions> Options(const Flags& f,
                                            const CommandContext& ctx) {
  taxonomy::ClassifierOptions options;
  if (f.curated) {
    QC_ASSIGN_OR_RETURN(options.curated_aliases,
                        taxonomy::LoadCuratedAliases(
                            ctx.reference_dir + "/dict/curated_aliases.tsv"));
  }
  return options;
}

int PrintClassification(const taxonomy::Taxonomy& tax,
                        taxonomy::ClassifierOptions options, const Flags& f,
                        const CommandContext& ctx) {
  const taxonomy::OccupationClassifier classifier(tax, std::move(options));
  const auto found = classifier.Classify(f.text, f.k);
  if (f.json) {
    nlohmann::json candidates = nlohmann::json::array();
    for (const auto& c : found) {
      candidates.push_back(
          {{"code", c.code}, {"name", c.name}, {"score", c.score}});
    }
    const nlohmann::json doc = {{"candidates", candidates}};
    ctx.out << doc.dump(-1, ' ', false,
                        nlohmann::json::error_handler_t::replace)
            << "\n";
    return 0;
  }
  for (const auto& c : found) {
    ctx.out << c.code << "\t" << std::fixed << std::setprecision(3) << c.score
            << "\t" << c.name << "\n";
  }
  return 0;
}

int PrintEvaluation(const taxonomy::Taxonomy& tax,
                    taxonomy::ClassifierOptions options, const Flags& f,
                    const CommandContext& ctx) {
  auto cases = taxonomy::ReadEvalSet(f.eval_file);
  if (!cases.ok()) {
    ctx.err << "classify: " << cases.status() << "\n";
    return 1;
  }
  for (const auto& r : taxonomy::Evaluate(tax, *cases, std::move(options))) {
    const double n = static_cast<double>(std::max<size_t>(1, r.cases));
    ctx.out << r.kind << "\tcases=" << r.cases << std::fixed
            << std::setprecision(3)
            << "\ttop1=" << static_cast<double>(r.top1) / n
            << "\ttop5=" << static_cast<double>(r.top5) / n << "\n";
    if (!f.misses) continue;
    for (const auto& m : r.misses) {
      ctx.out << "  miss\t" << m.example.text << "\twant "
              << m.example.codes.front() << "\tgot";
      for (const auto& g : m.got) ctx.out << " " << g.code << ":" << g.name;
      ctx.out << "\n";
    }
  }
  return 0;
}

int BuildEvalSets(const taxonomy::Taxonomy& tax, const Flags& f,
                  const CommandContext& ctx) {
  const std::string how =
      "Derived from data/occupations/occupations_2022.csv by `qiancheng "
      "classify --build-eval "
      "data/eval`.\nGenerated, not curated: each text is held out of the "
      "classifier's index "
      "while it is evaluated.";
  Status s = taxonomy::WriteEvalSet(
      f.build_eval_dir + "/heldout_work_types.tsv",
      how +
          "\n工种 names whose FNV-1a hash % 5 == 0, with the codes "
          "that list them.",
      taxonomy::SelectHeldOutWorkTypes(tax));
  if (s.ok()) {
    s = taxonomy::WriteEvalSet(
        f.build_eval_dir + "/heldout_main_tasks.tsv",
        how + "\nmain-task sentences whose FNV-1a hash % 12 == 0.",
        taxonomy::SelectHeldOutTaskSentences(tax));
  }
  if (!s.ok()) {
    ctx.err << "classify: " << s << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int RunClassifyCommand(const CommandArgs& args, const CommandContext& ctx) {
  Flags f;
  const std::string error = ParseFlags(args, &f);
  if (f.help) {
    ctx.out << kUsage;
    return 0;
  }
  if (!error.empty()) {
    ctx.err << "classify: " << error << "\n" << kUsage;
    return 2;
  }
  auto tax = taxonomy::LoadTaxonomy(ctx.reference_dir);
  auto options = tax.ok() ? Options(f, ctx)
                          : Result<taxonomy::ClassifierOptions>(tax.status());
  if (!options.ok()) {
    ctx.err << "classify: " << options.status() << "\n";
    return 1;
  }
  if (!f.build_eval_dir.empty()) return BuildEvalSets(*tax, f, ctx);
  if (!f.eval_file.empty())
    return PrintEvaluation(*tax, std::move(*options), f, ctx);
  return PrintClassification(*tax, std::move(*options), f, ctx);
}

}  // namespace qiancheng::api
