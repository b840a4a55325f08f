#include "api/read_side.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "embed/recipes.h"

namespace qiancheng::api {
namespace {

// Stored vacancies and projects as fitting documents, evenly thinned to at
// most `max` (the catalog's own texts are always in).
Result<std::vector<embed::EmbedInput>> FitCorpus(store::Store& store,
                                                 size_t max) {
  std::vector<embed::EmbedInput> docs;
  for (EntityKind kind : {EntityKind::kTrainingProject, EntityKind::kVacancy}) {
    QC_ASSIGN_OR_RETURN(int64_t count, store.Count(kind));
    const size_t step =
        count > static_cast<int64_t>(max / 2)
            ? static_cast<size_t>(count) / std::max<size_t>(1, max / 2) + 1
            : 1;
    store::ListOptions options;
    options.limit = 5000;
    size_t i = 0;
    do {
      QC_ASSIGN_OR_RETURN(store::Page page, store.List(kind, options));
      for (const Entity& e : page.items) {
        if (i++ % step != 0) continue;
        docs.push_back(kind == EntityKind::kVacancy
                           ? embed::VacancyInput(std::get<Vacancy>(e))
                           : embed::ProjectInput(std::get<TrainingProject>(e)));
      }
      options.cursor = page.next_cursor;
    } while (!options.cursor.empty());
  }
  return docs;
}

}  // namespace

Date TodayInChina() {
  using namespace std::chrono;
  const auto now = system_clock::now() + hours(8);
  return Date::FromDays(static_cast<int32_t>(
      duration_cast<days>(now.time_since_epoch()).count()));
}

Result<std::unique_ptr<ReadSide>> ReadSide::Start(
    store::Store& store, const policy::PolicySet& policies,
    ReadSideOptions options, const Progress& progress) {
  if (!options.fixed_today.empty()) {
    QC_RETURN_IF_ERROR(Date::Parse(options.fixed_today, "today").status());
  }
  std::unique_ptr<ReadSide> side(new ReadSide(store, std::move(options)));
  QC_RETURN_IF_ERROR(side->Load(policies, progress));
  side->waiter_ = store.WatchChanges();
  side->loop_ = std::thread([raw = side.get()] { raw->Loop(); });
  if (side->waiter_ != nullptr) {
    side->watcher_ = std::thread([raw = side.get()] { raw->Watch(); });
  }
  return side;
}

Status ReadSide::Load(const policy::PolicySet& policies,
                      const Progress& progress) {
  const std::string& ref = options_.reference_dir;
  QC_ASSIGN_OR_RETURN(taxonomy::Taxonomy loaded_taxonomy,
                      taxonomy::LoadTaxonomy(ref));
  taxonomy_ = std::make_unique<taxonomy::Taxonomy>(std::move(loaded_taxonomy));
  QC_ASSIGN_OR_RETURN(
      taxonomy::RegionTable loaded_regions,
      taxonomy::RegionTable::Load(ref + "/regions/regions_gbt2260.csv"));
  regions_ = std::make_unique<taxonomy::RegionTable>(std::move(loaded_regions));
  taxonomy::ClassifierOptions classifier_options;
  QC_ASSIGN_OR_RETURN(
      classifier_options.curated_aliases,
      taxonomy::LoadCuratedAliases(ref + "/dict/curated_aliases.tsv"));
  classifier_ = std::make_unique<taxonomy::OccupationClassifier>(
      *taxonomy_, std::move(classifier_options));
  QC_ASSIGN_OR_RETURN(weights_,
                      rank::WeightTable::Load(ref + "/rank/weights.json"));

  const std::string model = options_.data_dir + "/models/embedder.bin";
  Result<std::unique_ptr<embed::TfidfLsaEmbedder>> loaded =
      embed::TfidfLsaEmbedder::Load(model, *taxonomy_);
  if (loaded.ok()) {
    embedder_ = std::move(*loaded);
    if (progress) progress("model: loaded " + embedder_->id());
  } else {
    if (progress) {
      progress("model: fitting a new one (" + loaded.status().message() + ")");
    }
    QC_ASSIGN_OR_RETURN(std::vector<embed::EmbedInput> corpus,
                        FitCorpus(store_, 200000));
    embed::FitOptions fit;
    QC_ASSIGN_OR_RETURN(
        embedder_, embed::TfidfLsaEmbedder::Fit(
                       *taxonomy_, corpus, fit,
                       [&](std::string_view stage, size_t done, size_t total) {
                         if (progress && (done == total || done % 20000 == 0)) {
                           progress("model: " + std::string(stage) + " " +
                                    std::to_string(done) + "/" +
                                    std::to_string(total));
                         }
                       }));
    QC_RETURN_IF_ERROR(embedder_->Save(model));
    if (progress) progress("model: saved " + embedder_->id());
  }

  catalog_ = std::make_unique<recommend::Catalog>(regions_.get());
  indexes_ = recommend::MakeIndexSet(embedder_->dim());
  recommend::FollowerOptions follow;
  follow.snapshot_dir = options_.data_dir + "/indexes";
  follower_ = std::make_unique<recommend::ChangeFollower>(
      store_, *embedder_, classifier_.get(), *catalog_, indexes_, follow);
  QC_RETURN_IF_ERROR(follower_->Start(progress));
  snapshot_seq_ = follower_->applied();
  recommender_ = std::make_unique<recommend::Recommender>(
      *catalog_, indexes_, *embedder_, classifier_.get(),
      &taxonomy_->occupations, policies, weights_);
  const auto packing = std::chrono::steady_clock::now();
  recommender_->PreparePackedRows();
  if (progress) {
    progress("packed rows: built in " +
             std::to_string(std::chrono::duration<double>(
                                std::chrono::steady_clock::now() - packing)
                                .count()) +
             " s");
  }
  feed_ = std::make_unique<recommend::FeedService>(
      store_, *catalog_, *recommender_, [this] { return Today(); });
  recommend::FeedService* feed = feed_.get();
  follower_->SetEventSink(
      [feed](const std::vector<recommend::FollowEvent>& events) {
        feed->Handle(events);
      });
  // The snapshot after a fresh build spares the next start the embedding.
  QC_RETURN_IF_ERROR(follower_->Snapshot());
  ready_.store(true);
  return Status::Ok();
}

ReadSide::~ReadSide() {
  {
    std::lock_guard lock(loop_mu_);
    stopping_ = true;
  }
  loop_cv_.notify_all();
  if (loop_.joinable()) loop_.join();
  if (watcher_.joinable()) watcher_.join();  // within one Wait timeout
  if (ready_.load()) (void)Snapshot();
}

Date ReadSide::Today() const {
  if (!options_.fixed_today.empty()) {
    Result<Date> d = Date::Parse(options_.fixed_today, "today");
    if (d.ok()) return *d;
  }
  return TodayInChina();
}

Result<store::Sequence> ReadSide::CatchUp() {
  const store::Sequence before = follower_->applied();
  Result<store::Sequence> applied = follower_->CatchUp();
  NotifyApplied();
  // The packed rows the changes made stale are rebuilt here, on the
  // follower's thread, not by the next request near them (a crowded cell
  // holds tens of thousands of items: milliseconds of id lookups).
  if (recommender_ != nullptr && follower_->applied() != before) {
    recommender_->PreparePackedRows();
  }
  return applied;
}

void ReadSide::NotifyApplied() {
  // Taking the mutex orders the notification after a waiter's check of
  // applied(), so no wake-up falls between its check and its wait.
  { std::lock_guard lock(applied_mu_); }
  applied_cv_.notify_all();
}

Status ReadSide::WaitForApplied(store::Sequence seq,
                                std::chrono::milliseconds timeout) {
  if (follower_->applied() >= seq) return Status::Ok();
  {
    std::lock_guard lock(loop_mu_);
    wake_ = true;
  }
  loop_cv_.notify_all();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(applied_mu_);
  const bool applied = applied_cv_.wait_until(
      lock, deadline, [&] { return follower_->applied() >= seq; });
  lock.unlock();
  if (applied) return Status::Ok();
  // Asked only on the slow path: a sequence that was never committed would
  // otherwise look like a replica that is behind, and be retried forever.
  Result<store::Sequence> last = store_.LastSequence();
  if (last.ok() && *last < seq) {
    return Status::InvalidArgument(
        "min_seq", "no change " + std::to_string(seq) +
                       " was committed (the last is " + std::to_string(*last) +
                       ")");
  }
  return Status::Unavailable("change " + std::to_string(seq) +
                             " is not applied on this replica yet");
}

std::vector<ReadSide::IndexAudit> ReadSide::AuditIndexes() const {
  std::vector<IndexAudit> out;
  for (EntityKind kind : {EntityKind::kTrainingProject, EntityKind::kVacancy,
                          EntityKind::kWorker}) {
    const index::VectorIndex* index = indexes_.For(kind);
    IndexAudit audit;
    audit.kind = kind;
    std::vector<std::string> ids =
        catalog_->Read([&](const recommend::CatalogView& view) {
          std::vector<std::string> all;
          auto collect = [&](const auto& map) {
            all.reserve(map.size());
            for (const auto& entry : map) all.emplace_back(entry.first);
          };
          if (kind == EntityKind::kTrainingProject) collect(view.projects);
          if (kind == EntityKind::kVacancy) collect(view.vacancies);
          if (kind == EntityKind::kWorker) collect(view.workers);
          return all;
        });
    audit.catalog_size = ids.size();
    audit.index_size = index->size();
    std::sort(ids.begin(), ids.end());
    uint64_t digest = 14695981039346656037ull;  // FNV-1a 64 offset basis
    for (const std::string& id : ids) {
      if (!index->Contains(id)) continue;
      ++audit.indexed;
      for (char ch : id) {
        digest = (digest ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
      }
      digest = (digest ^ static_cast<unsigned char>('\n')) * 1099511628211ull;
    }
    audit.digest = digest;
    out.push_back(audit);
  }
  return out;
}

Status ReadSide::Snapshot() {
  Status s = follower_->Snapshot();
  if (s.ok()) {
    std::lock_guard lock(loop_mu_);
    snapshot_seq_ = follower_->applied();
  }
  return s;
}

Result<int64_t> ReadSide::Lag() const {
  QC_ASSIGN_OR_RETURN(store::Sequence last, store_.LastSequence());
  return std::max<int64_t>(0, last - follower_->applied());
}

void ReadSide::Watch() {
  // Short waits so that the destructor's join does not wait long.
  constexpr std::chrono::milliseconds kWait(250);
  while (true) {
    {
      std::lock_guard lock(loop_mu_);
      if (stopping_) return;
    }
    Result<bool> woken = waiter_->Wait(kWait);
    // An error (the server is down) was already paced by Wait; the loop's
    // own polling keeps trying the change log meanwhile.
    if (!woken.ok() || !*woken) continue;
    change_notices_.fetch_add(1);
    {
      std::lock_guard lock(loop_mu_);
      wake_ = true;
    }
    loop_cv_.notify_all();
  }
}

void ReadSide::Loop() {
  const std::chrono::milliseconds interval(
      waiter_ != nullptr ? options_.notified_follow_interval_ms
                         : options_.follow_interval_ms);
  std::unique_lock lock(loop_mu_);
  while (!stopping_) {
    loop_cv_.wait_for(lock, interval, [&] { return stopping_ || wake_; });
    if (stopping_) break;
    wake_ = false;
    lock.unlock();
    (void)CatchUp();
    const store::Sequence applied = follower_->applied();
    lock.lock();
    if (applied - snapshot_seq_ >= options_.snapshot_every_changes) {
      lock.unlock();
      (void)Snapshot();
      lock.lock();
    }
  }
}

}  // namespace qiancheng::api
