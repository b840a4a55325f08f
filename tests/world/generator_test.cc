// Tests of world/generator.h: validity, references and coverage of a reduced
// world (the same code paths as `small`, in a fraction of the time).
#include "world/generator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/contact.h"
#include "core/json_codec.h"
#include "world/writer.h"
#include "world_fixture.h"

namespace qiancheng::world {
namespace {

using testing::Reference;

WorldOptions TestOptions(uint64_t seed = 1) {
  WorldOptions options;
  options.scale = {"test", 30, 300, 3000, 3000, 800};
  options.seed = seed;
  return options;
}

WorldGenerator MakeGenerator(const WorldOptions& options = TestOptions()) {
  auto gen = WorldGenerator::Create(Reference(), options);
  EXPECT_TRUE(gen.ok()) << gen.status().ToString();
  return std::move(gen).value();
}

template <class T>
T Decoded(EntityKind kind, const Entity& entity) {
  const std::string line = EncodeLine(entity);
  auto decoded = DecodeEntityText(kind, line, CodecMode::kApi);
  EXPECT_TRUE(decoded.ok()) << decoded.status().ToString() << "\n" << line;
  return decoded.ok() ? std::get<T>(*decoded) : T{};
}

TEST(ScaleNamed, KnowsTheThreeScales) {
  auto small = ScaleNamed("small");
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(small->projects, 2000);
  EXPECT_EQ(small->vacancies, 20000);
  EXPECT_EQ(small->workers, 20000);
  EXPECT_EQ(ScaleNamed("large")->workers, 10000000);
  EXPECT_EQ(ScaleNamed("huge").status().code(), Code::kInvalidArgument);
}

TEST(WorldGenerator, RefusesAnEmptyScale) {
  WorldOptions options = TestOptions();
  options.scale.workers = 0;
  EXPECT_EQ(WorldGenerator::Create(Reference(), options).status().code(),
            Code::kInvalidArgument);
}

TEST(WorldGenerator, SameIndexSameEntity) {
  const WorldGenerator a = MakeGenerator(), b = MakeGenerator();
  EXPECT_EQ(EncodeLine(a.MakeWorker(17)), EncodeLine(b.MakeWorker(17)));
  EXPECT_EQ(EncodeLine(a.MakeVacancy(5)), EncodeLine(b.MakeVacancy(5)));
  EXPECT_NE(EncodeLine(a.MakeWorker(17)), EncodeLine(a.MakeWorker(18)));
}

TEST(WorldGenerator, EveryEntityDecodesInApiForm) {
  const WorldGenerator gen = MakeGenerator();
  const ScaleSpec& s = gen.options().scale;
  for (int64_t i = 0; i < s.institutions; ++i) {
    Decoded<Institution>(EntityKind::kInstitution, gen.MakeInstitution(i));
  }
  for (int64_t i = 0; i < s.projects; ++i) {
    Decoded<TrainingProject>(EntityKind::kTrainingProject, gen.MakeProject(i));
  }
  for (int64_t i = 0; i < s.vacancies; ++i)
    Decoded<Vacancy>(EntityKind::kVacancy, gen.MakeVacancy(i));
  for (int64_t i = 0; i < s.workers; ++i)
    Decoded<Worker>(EntityKind::kWorker, gen.MakeWorker(i));
  for (int64_t i = 0; i < s.outcomes; ++i)
    Decoded<Outcome>(EntityKind::kOutcome, gen.MakeOutcome(i));
}

TEST(WorldGenerator, WorkersHaveValidUniqueContactsAndConsistentBirthDates) {
  const WorldGenerator gen = MakeGenerator();
  std::set<std::string> ids, phones;
  for (int64_t i = 0; i < gen.options().scale.workers; ++i) {
    const Worker w = Decoded<Worker>(EntityKind::kWorker, gen.MakeWorker(i));
    ASSERT_TRUE(ValidateIdNumber(w.contact.id_number).ok())
        << w.contact.id_number;
    ASSERT_TRUE(ValidatePhone(w.contact.phone).ok()) << w.contact.phone;
    EXPECT_EQ(BirthDateOfIdNumber(w.contact.id_number), w.birth_date)
        << w.id.str();
    EXPECT_EQ(w.contact.id_number.substr(0, 6), w.hukou_region.str());
    const int age = AgeOn(w.birth_date, gen.options().today);
    EXPECT_GE(age, 16) << w.id.str();
    EXPECT_LE(age, 60) << w.id.str();
    ids.insert(w.contact.id_number);
    phones.insert(w.contact.phone);
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(gen.options().scale.workers));
  EXPECT_EQ(phones.size(), static_cast<size_t>(gen.options().scale.workers));
}

TEST(WorldGenerator, ReferencesPointInsideTheWorld) {
  const WorldGenerator gen = MakeGenerator();
  const ScaleSpec& s = gen.options().scale;
  std::set<std::string> institutions, workers;
  std::map<std::string, TrainingProject> projects;
  for (int64_t i = 0; i < s.institutions; ++i)
    institutions.insert(gen.MakeInstitution(i).id.str());
  for (int64_t i = 0; i < s.workers; ++i)
    workers.insert(gen.MakeWorker(i).id.str());
  int order_classes = 0;
  for (int64_t i = 0; i < s.projects; ++i) {
    TrainingProject p = gen.MakeProject(i);
    EXPECT_TRUE(institutions.count(p.institution_id.str())) << p.id.str();
    EXPECT_LE(p.start_date, p.end_date);
    order_classes += !p.linked_vacancy_ids.empty();
    projects[p.id.str()] = std::move(p);
  }
  EXPECT_GT(order_classes, 0);
  std::map<std::string, Vacancy> vacancies;
  for (int64_t i = 0; i < s.vacancies; ++i) {
    Vacancy v = gen.MakeVacancy(i);
    EXPECT_LE(v.salary_min, v.salary_max);
    if (v.training_project_id) {  // order class: the project links back
      const TrainingProject& p = projects.at(v.training_project_id->str());
      EXPECT_NE(std::find(p.linked_vacancy_ids.begin(),
                          p.linked_vacancy_ids.end(), v.id),
                p.linked_vacancy_ids.end())
          << v.id.str();
      EXPECT_EQ(p.occupation_code, v.occupation_code);
      EXPECT_EQ(p.region, v.region);
    }
    vacancies[v.id.str()] = std::move(v);
  }
  for (const auto& [id, p] : projects) {
    for (const auto& vid : p.linked_vacancy_ids) {
      ASSERT_TRUE(vacancies.count(vid.str())) << id;
      EXPECT_EQ(vacancies.at(vid.str()).training_project_id->str(), id);
    }
  }
  for (int64_t i = 0; i < s.outcomes; ++i) {
    const Outcome o = gen.MakeOutcome(i);
    EXPECT_TRUE(workers.count(o.worker_id.str())) << o.id;
    ASSERT_TRUE(projects.count(o.project_id.str())) << o.id;
    if (o.completion_date) {
      EXPECT_LE(*o.completion_date, gen.options().today);
    }
    if (o.employment_date) {
      EXPECT_LE(*o.employment_date, gen.options().today);
    }
  }
}

TEST(WorldGenerator, CoversEveryTargetGroupAndTheAnnualCap) {
  const WorldGenerator gen = MakeGenerator();
  std::set<TargetGroup> groups;
  int at_cap = 0, colloquial = 0, verified = 0;
  const int year = gen.options().today.year();
  for (int64_t i = 0; i < gen.options().scale.workers; ++i) {
    const Worker w = gen.MakeWorker(i);
    groups.insert(w.groups.begin(), w.groups.end());
    int this_year = 0;
    for (const auto& r : w.subsidy_history) {
      this_year += r.date.year() == year && r.kind == SubsidyKind::kTraining;
    }
    at_cap += this_year >= 3;
    colloquial +=
        w.wishes.text.rfind("想", 0) == 0 || w.wishes.text.rfind("找", 0) == 0;
    verified += w.real_name_verified;
  }
  EXPECT_EQ(groups.size(), 11u);  // every TargetGroup
  EXPECT_GT(at_cap, 0);
  EXPECT_GT(colloquial, gen.options().scale.workers / 2);
  EXPECT_GT(verified, gen.options().scale.workers * 9 / 10);
  EXPECT_LT(verified, gen.options().scale.workers);
}

TEST(WorldGenerator, NamesSayTheyAreGenerated) {
  const WorldGenerator gen = MakeGenerator();
  int blacklisted = 0, unqualified = 0;
  for (int64_t i = 0; i < gen.options().scale.institutions; ++i) {
    const Institution inst = gen.MakeInstitution(i);
    EXPECT_NE(inst.name.find("（示例）"), std::string::npos) << inst.name;
    EXPECT_EQ(inst.id.str().rfind("gen-", 0), 0u);
  }
  for (int64_t i = 0; i < 100; ++i) {
    EXPECT_NE(gen.MakeVacancy(i).employer.find("（示例）"), std::string::npos);
  }
  WorldOptions big = TestOptions();
  big.scale.institutions = 2000;
  const WorldGenerator many = MakeGenerator(big);
  for (int64_t i = 0; i < big.scale.institutions; ++i) {
    const Institution inst = many.MakeInstitution(i);
    blacklisted += inst.blacklisted;
    unqualified += !inst.qualified;
  }
  EXPECT_GT(blacklisted, 0);  // some, few
  EXPECT_LT(blacklisted, 100);
  EXPECT_GT(unqualified, 0);
  EXPECT_LT(unqualified, 200);
}

}  // namespace
}  // namespace qiancheng::world
