// A small hand-built world with known answers for the recommendation
// pipelines: classes, vacancies and workers around 雁塔区 (Xi'an) on the real
// taxonomy, policies and a fitted embedder, behind a real SQLite store and the
// change follower. Shared by the pipeline, feed and restart tests.
#ifndef QIANCHENG_TESTS_RECOMMEND_WORLD_H_
#define QIANCHENG_TESTS_RECOMMEND_WORLD_H_

#include <memory>
#include <string>
#include <vector>

#include "embed/tfidf_lsa.h"
#include "policy/policy_set.h"
#include "rank/weights.h"
#include "recommend/catalog.h"
#include "recommend/feed.h"
#include "recommend/follower.h"
#include "recommend/recommender.h"
#include "store/sqlite_store.h"
#include "taxonomy/classifier.h"
#include "taxonomy/regions.h"
#include "taxonomy/taxonomy.h"

namespace qiancheng::testing {

// Loaded once per process (the taxonomy and the fitted model take seconds).
struct SharedModels {
  std::unique_ptr<taxonomy::Taxonomy> taxonomy;
  std::unique_ptr<taxonomy::RegionTable> regions;
  std::unique_ptr<taxonomy::OccupationClassifier> classifier;
  std::unique_ptr<embed::TfidfLsaEmbedder> embedder;
  policy::PolicySet policies;
  rank::WeightTable weights;
};
const SharedModels& Models();

inline const Date kToday = Date::FromYmd(2026, 11, 24);

// The entities of the world (see recommend_world.cc for the map).
std::vector<Entity> WorldEntities();

// A store at `dir` with the world, the read side following it.
struct WorldStack {
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<recommend::Catalog> catalog;
  recommend::IndexSet indexes;
  std::unique_ptr<recommend::ChangeFollower> follower;
  std::unique_ptr<recommend::Recommender> recommender;
  std::unique_ptr<recommend::FeedService> feed;
  std::vector<std::string> start_log;  // the follower's progress lines
};
// An empty directory for one test's world, <system temp>/qc_<name>_<pid>
// (emptied if a killed run left it behind).
std::string FreshWorldDir(const std::string& name);

// Opens (creating) the store at dir/qiancheng.db; writes the world when
// `write_world`; starts the follower with snapshots in dir/indexes.
std::unique_ptr<WorldStack> OpenWorld(const std::string& dir, bool write_world);

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_RECOMMEND_WORLD_H_
