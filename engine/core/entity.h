// core/entity.h -- any stored entity, and its kind. The store, the write path
// and the API's generic routes (PUT/GET/DELETE /v1/{kind}/{id}) speak Entity;
// the pipelines use the concrete structs. Value types; thread-compatible.
#ifndef QIANCHENG_CORE_ENTITY_H_
#define QIANCHENG_CORE_ENTITY_H_

#include <array>
#include <string>
#include <string_view>
#include <variant>

#include "core/domain.h"

namespace qiancheng {

// The order matches Entity's alternatives (index() == static_cast<int>(kind)).
enum class EntityKind {
  kOccupation,
  kShortageEntry,
  kInstitution,
  kTrainingProject,
  kVacancy,
  kWorker,
  kOutcome
};
inline constexpr std::array<EntityKind, 7> kAllEntityKinds = {
    EntityKind::kOccupation,  EntityKind::kShortageEntry,
    EntityKind::kInstitution, EntityKind::kTrainingProject,
    EntityKind::kVacancy,     EntityKind::kWorker,
    EntityKind::kOutcome};

using Entity = std::variant<Occupation, ShortageEntry, Institution,
                            TrainingProject, Vacancy, Worker, Outcome>;

EntityKind KindOf(const Entity& entity);
// The entity's key: the occupation code for an Occupation, else its id.
const std::string& IdOf(const Entity& entity);

// Collection names of the API routes and the CLI: "occupations",
// "shortage-entries", "institutions", "training-projects", "vacancies",
// "workers", "outcomes".
std::string_view CollectionName(EntityKind kind);
// Singular names used in messages and the store: "occupation",
// "training_project"...
std::string_view SingularName(EntityKind kind);
// Accepts the collection name or the singular name; kInvalidArgument otherwise.
Result<EntityKind> ParseEntityKind(std::string_view text,
                                   std::string_view field = "kind");

}  // namespace qiancheng

#endif  // QIANCHENG_CORE_ENTITY_H_
