#include "engine/recommend/recommend_world.h"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "core/json_codec.h"

namespace qiancheng::testing {
namespace {

template <class T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) {
    throw std::runtime_error(std::string(what) + ": " + r.status().ToString());
  }
  return std::move(r).value();
}

RegionCode Region(const char* code) {
  return Must(RegionCode::Parse(code), code);
}
OccupationCode Occ(const char* code) {
  return Must(OccupationCode::Parse(code), code);
}

Institution MakeInstitution(const char* id, const char* name, bool blacklisted,
                            double employment) {
  Institution i;
  i.id = InstitutionId(id);
  i.name = name;
  i.region = Region("610113");
  i.qualified = true;
  i.blacklisted = blacklisted;
  i.pass_rate = 0.8;
  i.employment_rate = employment;
  return i;
}

TrainingProject MakeProject(const char* id, const char* inst, const char* occ,
                            const char* title, const char* region, double lat,
                            double lon) {
  TrainingProject p;
  p.id = ProjectId(id);
  p.institution_id = InstitutionId(inst);
  p.occupation_code = Occ(occ);
  p.title = title;
  p.description = title;
  p.level = SkillLevel::k5;
  p.hours = 80;
  p.mode = TrainingMode::kOffline;
  p.schedule = {Schedule::kWeekday};
  p.region = Region(region);
  p.lat = lat;
  p.lon = lon;
  p.start_date = kToday.AddDays(14);
  p.end_date = kToday.AddDays(60);
  p.seats = 30;
  p.fee_yuan = 2000;
  p.base_subsidy_yuan = 1500;
  return p;
}

Vacancy MakeVacancy(const char* id, const char* employer, const char* occ,
                    const char* title, double lat, double lon, double salary) {
  Vacancy v;
  v.id = VacancyId(id);
  v.employer = employer;
  v.occupation_code = Occ(occ);
  v.title = title;
  v.description = title;
  v.salary_min = salary;
  v.salary_max = salary + 1000;
  v.region = Region("610113");
  v.lat = lat;
  v.lon = lon;
  v.headcount = 5;
  v.posted_date = kToday.AddDays(-3);
  v.expiry_date = kToday.AddDays(60);
  return v;
}

Worker MakeWorker(const char* id, const char* wish, double lat, double lon) {
  Worker w;
  w.id = WorkerId(id);
  w.real_name_verified = true;
  w.id_masked = "610***********123X";
  w.birth_date = Date::FromYmd(1980, 5, 1);
  w.education = Education::kPrimary;
  w.region = Region("610113");
  w.lat = lat;
  w.lon = lon;
  w.hukou_region = Region("610113");
  w.groups = {TargetGroup::kRegisteredUnemployed};
  w.employment_status = EmploymentStatus::kUnemployed;
  w.wishes.text = wish;
  return w;
}

}  // namespace

const SharedModels& Models() {
  static const SharedModels* models = [] {
    auto* m = new SharedModels();
    const std::string data = std::string(QC_SOURCE_DIR) + "/data";
    m->taxonomy = std::make_unique<taxonomy::Taxonomy>(
        Must(taxonomy::LoadTaxonomy(data), "taxonomy"));
    m->regions = std::make_unique<taxonomy::RegionTable>(
        Must(taxonomy::RegionTable::Load(data + "/regions/regions_gbt2260.csv"),
             "regions"));
    taxonomy::ClassifierOptions options;
    options.curated_aliases =
        Must(taxonomy::LoadCuratedAliases(data + "/dict/curated_aliases.tsv"),
             "aliases");
    m->classifier = std::make_unique<taxonomy::OccupationClassifier>(
        *m->taxonomy, std::move(options));
    embed::FitOptions fit;
    m->embedder = Must(
        embed::TfidfLsaEmbedder::Fit(*m->taxonomy, {}, fit, nullptr), "fit");
    m->policies = Must(policy::PolicySet::Load(data + "/policies"), "policies");
    m->weights =
        Must(rank::WeightTable::Load(data + "/rank/weights.json"), "weights");
    return m;
  }();
  return *models;
}

// Map of the world (雁塔区 at 34.213 N, 108.948 E):
//   p-elder-near   养老护理员, good institution, 1 km      -> first for w-elder
//   p-elder-far    养老护理员, good institution, 临潼 ~30 km
//   p-electric     电工, good institution, 1 km
//   p-elder-black  养老护理员, blacklisted institution, 1 km (never shown)
//   p-elder-closed 养老护理员, closed class, 1 km (never shown)
//   p-order        养老护理员 order class (订单班) of 示例颐养中心, linked to
//                  v-order; w-trainee is enrolled
//   v-order        the order class's vacancy (示例颐养中心)
//   v-other        养老护理员 elsewhere: nearer, better paid, not the order
//   v-electric     电工 vacancy
//   w-elder        wishes "想学照顾老人", no history
//   w-cap          same wish, three training subsidies this year (R2 cap)
//   w-trainee      enrolled in p-order (outcome o-trainee, not completed)
//   w-employed     employed, no training (not a candidate)
std::vector<Entity> WorldEntities() {
  std::vector<Entity> out;
  ShortageEntry s;
  s.id = "sx-2025-4-10-01-05";
  s.catalog = "陕西省紧缺职业目录（测试）";
  s.region = Region("610000");
  s.period = "2025";
  s.occupation_code = Occ("4-10-01-05");
  s.occupation_name = "养老护理员";
  s.rank = 3;
  s.source = "test fixture";
  out.push_back(s);
  out.push_back(MakeInstitution("inst-good", "示例职业培训学校", false, 0.85));
  out.push_back(MakeInstitution("inst-black", "示例失信培训机构", true, 0.9));
  out.push_back(MakeProject("p-elder-near", "inst-good", "4-10-01-05",
                            "养老护理员（五级）培训班", "610113", 34.220,
                            108.950));
  out.push_back(MakeProject("p-elder-far", "inst-good", "4-10-01-05",
                            "养老护理员（五级）培训班 临潼", "610115", 34.372,
                            109.214));
  out.push_back(MakeProject("p-electric", "inst-good", "6-31-01-03",
                            "电工（五级）培训班", "610113", 34.210, 108.945));
  out.push_back(MakeProject("p-elder-black", "inst-black", "4-10-01-05",
                            "养老护理员速成班", "610113", 34.214, 108.949));
  TrainingProject closed =
      MakeProject("p-elder-closed", "inst-good", "4-10-01-05",
                  "养老护理员（五级）周末班", "610113", 34.215, 108.951);
  closed.status = EntityStatus::kClosed;
  out.push_back(closed);
  TrainingProject order =
      MakeProject("p-order", "inst-good", "4-10-01-05",
                  "颐养中心订单班 养老护理员", "610113", 34.230, 108.960);
  order.start_date = kToday.AddDays(-50);
  order.end_date = kToday.AddDays(-1);
  order.linked_vacancy_ids = {VacancyId("v-order")};
  out.push_back(order);
  Vacancy v_order = MakeVacancy("v-order", "示例颐养中心", "4-10-01-05",
                                "招聘养老护理员", 34.260, 109.010, 3500);
  v_order.training_project_id = ProjectId("p-order");
  out.push_back(v_order);
  out.push_back(MakeVacancy("v-other", "示例护理院", "4-10-01-05",
                            "养老护理员 照顾老人 高薪", 34.214, 108.949, 5000));
  out.push_back(MakeVacancy("v-electric", "示例电力公司", "6-31-01-03",
                            "招聘电工", 34.212, 108.947, 4500));
  out.push_back(MakeWorker("w-elder", "想学照顾老人", 34.213, 108.948));
  Worker cap = MakeWorker("w-cap", "想学照顾老人", 34.213, 108.948);
  for (int m = 2; m <= 6; m += 2) {
    SubsidyRecord r;
    r.kind = SubsidyKind::kTraining;
    r.date = Date::FromYmd(2026, m, 10);
    r.occupation_code = Occ("4-04-05-05");
    r.level = SkillLevel::k5;
    r.amount_yuan = 1000;
    cap.subsidy_history.push_back(r);
  }
  out.push_back(cap);
  out.push_back(MakeWorker("w-trainee", "养老护理", 34.240, 108.970));
  Worker employed = MakeWorker("w-employed", "养老护理员", 34.213, 108.948);
  employed.employment_status = EmploymentStatus::kEmployed;
  out.push_back(employed);
  Outcome o;
  o.id = "o-trainee";
  o.worker_id = WorkerId("w-trainee");
  o.project_id = ProjectId("p-order");
  o.enrolled_date = kToday.AddDays(-50);
  out.push_back(o);
  return out;
}

std::unique_ptr<WorldStack> OpenWorld(const std::string& dir,
                                      bool write_world) {
  const SharedModels& m = Models();
  auto stack = std::make_unique<WorldStack>();
  stack->store = Must(store::SqliteStore::Open(dir + "/qiancheng.db"), "store");
  if (write_world) {
    std::vector<Entity> world = WorldEntities();
    Must(stack->store->UpsertBatch(world), "world");
  }
  stack->catalog = std::make_unique<recommend::Catalog>(m.regions.get());
  stack->indexes = recommend::MakeIndexSet(m.embedder->dim());
  recommend::FollowerOptions options;
  options.snapshot_dir = dir + "/indexes";
  stack->follower = std::make_unique<recommend::ChangeFollower>(
      *stack->store, *m.embedder, m.classifier.get(), *stack->catalog,
      stack->indexes, options);
  std::vector<std::string>* log = &stack->start_log;
  Status started = stack->follower->Start(
      [log](std::string_view line) { log->emplace_back(line); });
  if (!started.ok()) throw std::runtime_error(started.ToString());
  stack->recommender = std::make_unique<recommend::Recommender>(
      *stack->catalog, stack->indexes, *m.embedder, m.classifier.get(),
      &m.taxonomy->occupations, m.policies, m.weights);
  stack->feed = std::make_unique<recommend::FeedService>(
      *stack->store, *stack->catalog, *stack->recommender,
      [] { return kToday; });
  recommend::FeedService* feed = stack->feed.get();
  stack->follower->SetEventSink(
      [feed](const std::vector<recommend::FollowEvent>& events) {
        feed->Handle(events);
      });
  return stack;
}

std::string FreshWorldDir(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("qc_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace qiancheng::testing
