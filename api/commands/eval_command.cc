#include "api/commands/eval_command.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "api/commands/flags.h"
#include "api/read_side.h"
#include "embed/tfidf_lsa.h"
#include "policy/policy_set.h"
#include "recommend/evaluation.h"
#include "store/sqlite_store.h"
#include "taxonomy/evaluation.h"
#include "taxonomy/regions.h"
#include "taxonomy/taxonomy.h"

namespace qiancheng::api {
namespace {

using nlohmann::json;

constexpr const char* kUsage =
    R"(usage: qiancheng eval --data-dir DIR [--k 10] [--json] [--today YYYY-MM-DD]
                     [--seed 1] [--max-cases 1000] [--max-texts 600] [--no-ablation]
Offline evaluation of the trainings pipeline over the world in DIR (imported,
with DIR/models/embedder.bin from `qiancheng serve` or `qiancheng fit`):
  outcomes  completed-and-employed outcomes, hidden, asked about 3 days before
            the class started; relevant = that class (and its occupation);
  texts     held-out 工种 names and main-task sentences as the wish of an
            anonymous worker placed at an open class of that occupation.
Reports recall@k, nDCG@k, coverage, per target group and province, an ablation
(each trainings weight set to 0) and weights learned on half of the outcome
cases, measured on the other half. Writes nothing to DIR.
)";

// Everything the evaluation reads, loaded once.
struct Loaded {
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<taxonomy::Taxonomy> taxonomy;
  std::unique_ptr<taxonomy::RegionTable> regions;
  std::unique_ptr<taxonomy::OccupationClassifier> classifier;
  std::unique_ptr<embed::TfidfLsaEmbedder> embedder;
  policy::PolicySet policies;
  rank::WeightTable weights;
  std::vector<taxonomy::EvalCase> texts;
};

Status Load(const std::string& data_dir, const std::string& ref, Loaded* l) {
  const std::string db = data_dir + "/qiancheng.db";
  if (!std::filesystem::exists(db)) {
    return Status::NotFound("no store at " + db + " (import a world first)");
  }
  QC_ASSIGN_OR_RETURN(l->store, store::SqliteStore::Open(db));
  QC_ASSIGN_OR_RETURN(taxonomy::Taxonomy tax, taxonomy::LoadTaxonomy(ref));
  l->taxonomy = std::make_unique<taxonomy::Taxonomy>(std::move(tax));
  QC_ASSIGN_OR_RETURN(
      taxonomy::RegionTable regions,
      taxonomy::RegionTable::Load(ref + "/regions/regions_gbt2260.csv"));
  l->regions = std::make_unique<taxonomy::RegionTable>(std::move(regions));
  l->texts = taxonomy::SelectHeldOutWorkTypes(*l->taxonomy);
  for (taxonomy::EvalCase& c :
       taxonomy::SelectHeldOutTaskSentences(*l->taxonomy)) {
    l->texts.push_back(std::move(c));
  }
  taxonomy::ClassifierOptions options;
  QC_ASSIGN_OR_RETURN(
      options.curated_aliases,
      taxonomy::LoadCuratedAliases(ref + "/dict/curated_aliases.tsv"));
  // The evaluated texts are held out of the classifier's index.
  for (const taxonomy::EvalCase& c : l->texts) {
    options.held_out.insert(l->taxonomy->normalizer.Normalize(c.text));
  }
  l->classifier = std::make_unique<taxonomy::OccupationClassifier>(
      *l->taxonomy, std::move(options));
  const std::string model = data_dir + "/models/embedder.bin";
  Result<std::unique_ptr<embed::TfidfLsaEmbedder>> embedder =
      embed::TfidfLsaEmbedder::Load(model, *l->taxonomy);
  if (!embedder.ok()) {
    return Status::FailedPrecondition(
        "no model at " + model + " (" + embedder.status().message() +
        "); run `qiancheng fit --data-dir DIR` or start `serve` once");
  }
  l->embedder = std::move(*embedder);
  QC_ASSIGN_OR_RETURN(l->policies, policy::PolicySet::Load(ref + "/policies"));
  QC_ASSIGN_OR_RETURN(l->weights,
                      rank::WeightTable::Load(ref + "/rank/weights.json"));
  return Status::Ok();
}

json Metrics(const recommend::SetMetrics& m) {
  return {{"cases", m.cases},
          {"recall", m.recall},
          {"ndcg", m.ndcg},
          {"occupation_hit", m.occupation_hit},
          {"occupation_precision", m.occupation_precision},
          {"empty", m.empty},
          {"distinct_recommended", m.distinct_recommended},
          {"coverage", m.coverage}};
}

json Config(const recommend::ConfigResult& c) {
  return {{"name", c.name},
          {"outcomes", Metrics(c.outcomes)},
          {"texts", Metrics(c.texts)}};
}

json Groups(const std::vector<recommend::GroupMetrics>& groups) {
  json out = json::array();
  for (const auto& g : groups) {
    json m = Metrics(g.metrics);
    m["group"] = g.group;
    out.push_back(std::move(m));
  }
  return out;
}

json Encode(const recommend::EvalReport& r, const std::string& data_dir,
            double seconds) {
  json doc = {
      {"data_dir", data_dir},
      {"k", r.k},
      {"today", r.today.ToString()},
      {"seconds", seconds},
      {"sets",
       {{"employed_outcomes", r.employed_outcomes},
        {"fit_cases", r.fit_cases},
        {"eval_cases", r.eval_cases},
        {"text_cases", r.text_cases},
        {"text_cases_skipped", r.text_cases_skipped},
        {"open_classes_today", r.open_classes_today},
        {"open_classes_as_of", r.open_classes_as_of},
        {"reopened_classes", r.reopened_classes}}},
      {"hand", Config(r.hand)},
      {"outcomes_by_group", Groups(r.outcomes_by_group)},
      {"outcomes_by_province", Groups(r.outcomes_by_province)},
      {"texts_by_province", Groups(r.texts_by_province)},
      {"texts_by_kind", Groups(r.texts_by_kind)},
  };
  json ablation = json::array();
  for (const auto& c : r.ablation) ablation.push_back(Config(c));
  doc["ablation"] = std::move(ablation);
  const recommend::LearnerReport& l = r.learner;
  json learner = {{"fit_cases", l.fit_cases},
                  {"cases_with_positive", l.cases_with_positive},
                  {"hand_weights", l.hand}};
  if (!l.status.ok()) {
    learner["error"] = l.status.message();
  } else {
    learner["learned_weights"] = l.learned.weights;
    learner["bias"] = l.learned.bias;
    learner["examples"] = l.learned.examples;
    learner["positives"] = l.learned.positives;
    learner["iterations"] = l.learned.iterations;
    learner["log_loss"] = l.learned.log_loss;
  }
  doc["learner"] = std::move(learner);
  if (r.learned) doc["learned"] = Config(*r.learned);
  return doc;
}

std::string Row(const std::string& name, const recommend::SetMetrics& o,
                const recommend::SetMetrics& t) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "%-34s %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f %6.3f\n",
                name.c_str(), o.recall, o.ndcg, o.occupation_hit, t.recall,
                t.ndcg, t.occupation_hit, t.coverage);
  return buf;
}

void PrintTable(const recommend::EvalReport& r, std::ostream& out) {
  out << "outcomes: " << r.eval_cases << " evaluated (" << r.fit_cases
      << " for fitting) of " << r.employed_outcomes
      << " employed; texts: " << r.text_cases << " (" << r.text_cases_skipped
      << " without an open class)\n";
  out << "k=" << r.k
      << "                             outcomes: recall ndcg  occ@k | texts: "
         "recall ndcg  occ@k  coverage\n";
  out << Row("hand", r.hand.outcomes, r.hand.texts);
  for (const auto& c : r.ablation) out << Row(c.name, c.outcomes, c.texts);
  if (r.learned) out << Row("learned", r.learned->outcomes, r.learned->texts);
  if (!r.learner.status.ok())
    out << "learner: " << r.learner.status.message() << "\n";
}

}  // namespace

int RunEvalCommand(const CommandArgs& args, const CommandContext& ctx) {
  Result<ParsedFlags> flags = ParseFlags(
      args,
      {"--data-dir", "--k", "--today", "--seed", "--max-cases", "--max-texts"},
      {"--help", "--json", "--no-ablation"});
  if (!flags.ok() || flags->Has("--help") || !flags->positional.empty()) {
    if (!flags.ok()) ctx.err << "eval: " << flags.status() << "\n";
    (flags.ok() && flags->Has("--help") ? ctx.out : ctx.err) << kUsage;
    return flags.ok() && flags->Has("--help") ? 0 : 2;
  }
  recommend::EvalOptions options;
  Result<long> k = flags->GetInt("--k", 10, 1, 100);
  Result<long> seed = flags->GetInt("--seed", 1, 0, 0x7fffffffL);
  Result<long> cases = flags->GetInt("--max-cases", 1000, 1, 1000000);
  Result<long> texts = flags->GetInt("--max-texts", 600, 0, 1000000);
  const std::string today_text = flags->Get("--today");
  Result<Date> today = today_text.empty() ? Result<Date>(TodayInChina())
                                          : Date::Parse(today_text, "--today");
  for (const Status& s : {k.status(), seed.status(), cases.status(),
                          texts.status(), today.status()}) {
    if (!s.ok()) {
      ctx.err << "eval: " << s << "\n" << kUsage;
      return 2;
    }
  }
  options.k = static_cast<size_t>(*k);
  options.seed = static_cast<uint64_t>(*seed);
  options.max_outcome_cases = static_cast<size_t>(*cases);
  options.max_text_cases = static_cast<size_t>(*texts);
  options.today = *today;
  options.ablation = !flags->Has("--no-ablation");

  const auto start = std::chrono::steady_clock::now();
  const std::string data_dir = flags->Get("--data-dir", "qiancheng-data");
  Loaded l;
  if (Status s = Load(data_dir, ctx.reference_dir, &l); !s.ok()) {
    ctx.err << "eval: " << s << "\n";
    return 1;
  }
  recommend::Catalog catalog(l.regions.get());
  recommend::IndexSet indexes = recommend::MakeIndexSet(l.embedder->dim());
  recommend::FollowerOptions follow;
  follow.snapshot_dir = data_dir + "/indexes";
  recommend::ChangeFollower follower(*l.store, *l.embedder, l.classifier.get(),
                                     catalog, indexes, follow);
  Status started = follower.Start(
      [&](std::string_view line) { ctx.err << "eval: " << line << "\n"; });
  if (!started.ok()) {
    ctx.err << "eval: " << started << "\n";
    return 1;
  }
  recommend::Evaluator evaluator(catalog, indexes, *l.embedder,
                                 l.classifier.get(), &l.taxonomy->occupations,
                                 l.policies, l.weights);
  ctx.err << "eval: evaluating\n";
  Result<recommend::EvalReport> report = evaluator.Evaluate(l.texts, options);
  if (!report.ok()) {
    ctx.err << "eval: " << report.status() << "\n";
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (flags->Has("--json")) {
    ctx.out << Encode(*report, data_dir, seconds).dump(2) << "\n";
  } else {
    PrintTable(*report, ctx.out);
  }
  return 0;
}

}  // namespace qiancheng::api
