#include "recommend/follower.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <thread>
#include <utility>

#include "embed/recipes.h"
#include "index/faiss_index.h"

namespace qiancheng::recommend {
namespace {

constexpr EntityKind kIndexedKinds[] = {
    EntityKind::kTrainingProject, EntityKind::kVacancy, EntityKind::kWorker};

// Load order: what others refer to first (a class's outcome totals need the
// class; it does not matter for correctness, only for fewer re-counts).
constexpr EntityKind kLoadOrder[] = {
    EntityKind::kShortageEntry,   EntityKind::kInstitution,
    EntityKind::kTrainingProject, EntityKind::kVacancy,
    EntityKind::kWorker,          EntityKind::kOutcome};

bool Indexed(EntityKind kind) {
  for (EntityKind k : kIndexedKinds)
    if (k == kind) return true;
  return false;
}

}  // namespace

index::VectorIndex* IndexSet::For(EntityKind kind) const {
  switch (kind) {
    case EntityKind::kTrainingProject:
      return projects.get();
    case EntityKind::kVacancy:
      return vacancies.get();
    case EntityKind::kWorker:
      return workers.get();
    default:
      return nullptr;
  }
}

IndexSet MakeIndexSet(size_t dim) {
  IndexSet set;
  set.projects = std::make_unique<index::FaissIndex>(dim);
  set.vacancies = std::make_unique<index::FaissIndex>(dim);
  set.workers = std::make_unique<index::FaissIndex>(dim);
  return set;
}

embed::EmbedInput WorkerSearchInput(
    const Worker& worker, const CatalogView& view,
    const taxonomy::OccupationClassifier* classifier) {
  embed::EmbedInput input = embed::WorkerInput(worker, classifier);
  for (const Outcome* o : view.OutcomesOf(worker.id.str())) {
    const TrainingProject* p = view.FindProject(o->project_id.str());
    if (p == nullptr) continue;
    input.occupations.push_back(
        embed::WeightedOccupation{p->occupation_code.str(), 1.5f});
  }
  return input;
}

ChangeFollower::ChangeFollower(store::Store& store,
                               const embed::Embedder& embedder,
                               const taxonomy::OccupationClassifier* classifier,
                               Catalog& catalog, IndexSet& indexes,
                               FollowerOptions options)
    : store_(store),
      embedder_(embedder),
      classifier_(classifier),
      catalog_(catalog),
      indexes_(indexes),
      options_(std::move(options)) {}

void ChangeFollower::SetEventSink(EventSink sink) {
  std::lock_guard lock(mu_);
  sink_ = std::move(sink);
}

std::string ChangeFollower::SnapshotPath(EntityKind kind) const {
  std::string path = options_.snapshot_dir;
  path += '/';
  path += SingularName(kind);
  path += ".index";
  return path;
}

Result<std::vector<float>> ChangeFollower::EmbedEntity(
    const Entity& entity) const {
  switch (KindOf(entity)) {
    case EntityKind::kTrainingProject:
      return embedder_.Embed(
          embed::ProjectInput(std::get<TrainingProject>(entity)));
    case EntityKind::kVacancy:
      return embedder_.Embed(embed::VacancyInput(std::get<Vacancy>(entity)));
    case EntityKind::kWorker: {
      const Worker& w = std::get<Worker>(entity);
      embed::EmbedInput input = catalog_.Read([&](const CatalogView& view) {
        return WorkerSearchInput(w, view, classifier_);
      });
      return embedder_.Embed(input);
    }
    default:
      return Status::InvalidArgument("kind", "this kind is not embedded");
  }
}

Status ChangeFollower::LoadCatalog(const Progress& progress) {
  for (EntityKind kind : kLoadOrder) {
    store::ListOptions options;
    options.limit = options_.page;
    size_t loaded = 0;
    do {
      QC_ASSIGN_OR_RETURN(store::Page page, store_.List(kind, options));
      for (const Entity& e : page.items) catalog_.Apply(e);
      loaded += page.items.size();
      options.cursor = page.next_cursor;
    } while (!options.cursor.empty());
    if (progress) {
      progress(std::string("catalog: ") + std::string(CollectionName(kind)) +
               " " + std::to_string(loaded));
    }
  }
  return Status::Ok();
}

Status ChangeFollower::Reindex(EntityKind kind,
                               const std::vector<std::string>& ids) {
  index::VectorIndex* index = indexes_.For(kind);
  if (index == nullptr || ids.empty()) return Status::Ok();
  // Entities as the catalog holds them now (the catalog was updated first).
  std::vector<std::optional<Entity>> entities =
      catalog_.Read([&](const CatalogView& view) {
        std::vector<std::optional<Entity>> out;
        out.reserve(ids.size());
        for (const std::string& id : ids) {
          switch (kind) {
            case EntityKind::kTrainingProject:
              if (auto* p = view.FindProject(id)) {
                out.emplace_back(*p);
                continue;
              }
              break;
            case EntityKind::kVacancy:
              if (auto* v = view.FindVacancy(id)) {
                out.emplace_back(*v);
                continue;
              }
              break;
            case EntityKind::kWorker:
              if (auto* w = view.FindWorker(id)) {
                out.emplace_back(*w);
                continue;
              }
              break;
            default:
              break;
          }
          out.emplace_back(std::nullopt);
        }
        return out;
      });
  std::vector<std::string> upsert_ids;
  std::vector<const Entity*> to_embed;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!entities[i]) {
      Status removed = index->Remove(ids[i]);
      if (!removed.ok() && removed.code() != Code::kNotFound) return removed;
      continue;
    }
    upsert_ids.push_back(ids[i]);
    to_embed.push_back(&*entities[i]);
  }
  // Embedding is the cost of a rebuild (tens of microseconds an item, a
  // million items at start): large batches use every core. The embedder and
  // classifier are thread-safe; each thread writes its own rows.
  const size_t dim = embedder_.dim();
  std::vector<float> vecs(to_embed.size() * dim);
  const size_t threads =
      to_embed.size() < 512
          ? 1
          : std::max<size_t>(1, std::thread::hardware_concurrency());
  std::vector<Status> failures(threads);
  auto embed_range = [&](size_t t) {
    for (size_t i = t; i < to_embed.size(); i += threads) {
      Result<std::vector<float>> vec = EmbedEntity(*to_embed[i]);
      if (!vec.ok()) {
        failures[t] = vec.status();
        return;
      }
      std::copy(vec->begin(), vec->end(), vecs.begin() + i * dim);
    }
  };
  if (threads == 1) {
    embed_range(0);
  } else {
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads; ++t) pool.emplace_back(embed_range, t);
    for (std::thread& th : pool) th.join();
  }
  for (const Status& f : failures) QC_RETURN_IF_ERROR(f);
  if (!upsert_ids.empty()) {
    QC_RETURN_IF_ERROR(index->UpsertBatch(upsert_ids, vecs));
  }
  // The upserted items have new rows: tables built since the catalog took
  // the change may hold the old ones.
  catalog_.TouchRows(kind, upsert_ids);
  return Status::Ok();
}

Status ChangeFollower::BuildIndex(EntityKind kind, const Progress& progress) {
  std::vector<std::string> ids = catalog_.Read([&](const CatalogView& view) {
    std::vector<std::string> out;
    switch (kind) {
      case EntityKind::kTrainingProject:
        for (const auto& [id, p] : view.projects) out.push_back(id);
        break;
      case EntityKind::kVacancy:
        for (const auto& [id, v] : view.vacancies) out.push_back(id);
        break;
      case EntityKind::kWorker:
        for (const auto& [id, w] : view.workers) out.push_back(id);
        break;
      default:
        break;
    }
    return out;
  });
  std::sort(ids.begin(), ids.end());
  constexpr size_t kChunk = 4096;
  for (size_t begin = 0; begin < ids.size(); begin += kChunk) {
    const size_t end = std::min(ids.size(), begin + kChunk);
    QC_RETURN_IF_ERROR(Reindex(
        kind,
        std::vector<std::string>(ids.begin() + begin, ids.begin() + end)));
    if (progress && (end == ids.size() || (begin / kChunk) % 10 == 9)) {
      progress(std::string("index: ") + std::string(CollectionName(kind)) +
               " embedded " + std::to_string(end) + "/" +
               std::to_string(ids.size()));
    }
  }
  return Status::Ok();
}

Status ChangeFollower::ReplayIndex(EntityKind kind, store::Sequence from,
                                   store::Sequence to) {
  std::set<std::string> touched;
  store::Sequence after = from;
  while (after < to) {
    QC_ASSIGN_OR_RETURN(std::vector<store::Change> changes,
                        store_.ChangesSince(after, options_.page));
    if (changes.empty()) break;
    for (const store::Change& c : changes) {
      if (c.seq > to) break;
      if (c.kind == kind) touched.insert(c.id);
      // A worker's vector includes the occupations of their classes.
      if (kind == EntityKind::kWorker && c.kind == EntityKind::kOutcome) {
        catalog_.Read([&](const CatalogView& view) {
          auto it = view.outcomes.find(c.id);
          if (it != view.outcomes.end())
            touched.insert(it->second.worker_id.str());
        });
      }
      after = c.seq;
    }
    if (changes.back().seq > to) break;
  }
  return Reindex(kind,
                 std::vector<std::string>(touched.begin(), touched.end()));
}

Status ChangeFollower::Start(const Progress& progress) {
  std::lock_guard lock(mu_);
  QC_ASSIGN_OR_RETURN(store::Sequence last, store_.LastSequence());
  QC_RETURN_IF_ERROR(LoadCatalog(progress));
  if (!options_.snapshot_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options_.snapshot_dir, ec);
  }
  for (EntityKind kind : kIndexedKinds) {
    index::VectorIndex* index = indexes_.For(kind);
    bool loaded = false;
    if (!options_.snapshot_dir.empty()) {
      Result<index::SnapshotInfo> info =
          index->Load(SnapshotPath(kind), embedder_.id());
      if (info.ok() && info->sequence <= static_cast<uint64_t>(last)) {
        QC_RETURN_IF_ERROR(ReplayIndex(
            kind, static_cast<store::Sequence>(info->sequence), last));
        loaded = true;
        if (progress) {
          progress(std::string("index: ") + std::string(CollectionName(kind)) +
                   " snapshot at " + std::to_string(info->sequence) +
                   ", replayed to " + std::to_string(last));
        }
      } else if (progress) {
        progress(std::string("index: ") + std::string(CollectionName(kind)) +
                 " rebuilding (" +
                 (info.ok() ? std::string("snapshot newer than the store")
                            : info.status().message()) +
                 ")");
      }
    }
    if (!loaded) {
      // A half-loaded or stale index is replaced by a fresh one.
      if (index->size() != 0) {
        if (kind == EntityKind::kTrainingProject)
          indexes_.projects = std::make_unique<index::FaissIndex>(index->dim());
        if (kind == EntityKind::kVacancy)
          indexes_.vacancies =
              std::make_unique<index::FaissIndex>(index->dim());
        if (kind == EntityKind::kWorker)
          indexes_.workers = std::make_unique<index::FaissIndex>(index->dim());
      }
      QC_RETURN_IF_ERROR(BuildIndex(kind, progress));
    }
  }
  applied_.store(last);
  return Status::Ok();
}

Result<store::Sequence> ChangeFollower::CatchUp() {
  std::lock_guard lock(mu_);
  store::Sequence after = applied_.load();
  std::vector<FollowEvent> events;
  for (;;) {
    QC_ASSIGN_OR_RETURN(std::vector<store::Change> changes,
                        store_.ChangesSince(after, options_.page));
    if (changes.empty()) break;
    std::map<EntityKind, std::vector<std::string>> touched;
    for (const store::Change& c : changes) {
      Result<Entity> current = store_.Get(c.kind, c.id);
      if (!current.ok() && current.status().code() != Code::kNotFound) {
        return current.status();
      }
      if (!current.ok()) {
        catalog_.Remove(c.kind, c.id);
      } else {
        // Transitions the push feed reacts to, judged against the old state.
        const Entity& e = *current;
        catalog_.Read([&](const CatalogView& view) {
          if (const auto* v = std::get_if<Vacancy>(&e)) {
            const Vacancy* old = view.FindVacancy(c.id);
            if (v->status == EntityStatus::kOpen &&
                (old == nullptr || old->status != EntityStatus::kOpen)) {
              events.push_back(
                  {FollowEvent::Kind::kVacancyOpened, c.id, c.seq});
            }
          } else if (const auto* o = std::get_if<Outcome>(&e)) {
            auto it = view.outcomes.find(c.id);
            const bool was = it != view.outcomes.end() && it->second.completed;
            if (o->completed && !was) {
              events.push_back(
                  {FollowEvent::Kind::kTrainingCompleted, c.id, c.seq});
            }
          } else if (const auto* p = std::get_if<TrainingProject>(&e)) {
            const TrainingProject* old = view.FindProject(c.id);
            if (p->status == EntityStatus::kOpen &&
                (old == nullptr || old->status != EntityStatus::kOpen) &&
                view.shortage->Find(p->region, p->occupation_code) != nullptr) {
              events.push_back(
                  {FollowEvent::Kind::kShortageClass, c.id, c.seq});
            }
          }
        });
        catalog_.Apply(e);
      }
      if (Indexed(c.kind)) touched[c.kind].push_back(c.id);
      // An outcome changes the worker's trained occupations.
      if (c.kind == EntityKind::kOutcome && current.ok()) {
        touched[EntityKind::kWorker].push_back(
            std::get<Outcome>(*current).worker_id.str());
      }
      after = c.seq;
    }
    for (auto& [kind, ids] : touched) {
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      QC_RETURN_IF_ERROR(Reindex(kind, ids));
    }
    applied_.store(after);
    if (static_cast<int>(changes.size()) < options_.page) break;
  }
  if (!events.empty() && sink_) sink_(events);
  return applied_.load();
}

Status ChangeFollower::Snapshot() {
  std::lock_guard lock(mu_);
  if (options_.snapshot_dir.empty()) return Status::Ok();
  index::SnapshotInfo info;
  info.sequence = static_cast<uint64_t>(applied_.load());
  info.embedder = embedder_.id();
  for (EntityKind kind : kIndexedKinds) {
    QC_RETURN_IF_ERROR(indexes_.For(kind)->Save(SnapshotPath(kind), info));
  }
  return Status::Ok();
}

}  // namespace qiancheng::recommend
