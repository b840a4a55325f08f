#include "core/entity.h"

namespace qiancheng {
namespace {

struct KindNames {
  EntityKind kind;
  std::string_view collection;
  std::string_view singular;
};

constexpr std::array<KindNames, 7> kKindNames{{
    {EntityKind::kOccupation, "occupations", "occupation"},
    {EntityKind::kShortageEntry, "shortage-entries", "shortage_entry"},
    {EntityKind::kInstitution, "institutions", "institution"},
    {EntityKind::kTrainingProject, "training-projects", "training_project"},
    {EntityKind::kVacancy, "vacancies", "vacancy"},
    {EntityKind::kWorker, "workers", "worker"},
    {EntityKind::kOutcome, "outcomes", "outcome"},
}};

}  // namespace

EntityKind KindOf(const Entity& entity) {
  return static_cast<EntityKind>(entity.index());
}

const std::string& IdOf(const Entity& entity) {
  return std::visit(
      [](const auto& e) -> const std::string& {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, Occupation>) {
          return e.code.str();
        } else if constexpr (std::is_same_v<T, ShortageEntry> ||
                             std::is_same_v<T, Outcome>) {
          return e.id;
        } else {
          return e.id.str();
        }
      },
      entity);
}

std::string_view CollectionName(EntityKind kind) {
  return kKindNames[static_cast<size_t>(kind)].collection;
}

std::string_view SingularName(EntityKind kind) {
  return kKindNames[static_cast<size_t>(kind)].singular;
}

Result<EntityKind> ParseEntityKind(std::string_view text,
                                   std::string_view field) {
  for (const auto& names : kKindNames) {
    if (text == names.collection || text == names.singular) return names.kind;
  }
  return Status::InvalidArgument(
      field,
      "must be one of occupations, shortage-entries, institutions, "
      "training-projects, "
      "vacancies, workers, outcomes");
}

}  // namespace qiancheng
