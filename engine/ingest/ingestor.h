// ingest/ingestor.h -- stage 1 of engine/README.md: the one write path.
// Decoded entities -> ValidateRecord -> ValidateReferences -> ContactProtector
// -> Store, so the HTTP routes and `qiancheng import` accept and refuse exactly
// the same records. A call that returns an error has written nothing.
// Thread-safety: as safe as the Store it writes to (SqliteStore: any thread).
#ifndef QIANCHENG_INGEST_INGESTOR_H_
#define QIANCHENG_INGEST_INGESTOR_H_

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/entity.h"
#include "ingest/contact_protector.h"
#include "store/store.h"

namespace qiancheng::ingest {

struct RowError {
  int64_t row = 0;  // index into the caller's input (add the caller's offset)
  Status status;
};

struct BatchReport {
  int64_t accepted = 0;
  std::vector<RowError> rejected;
  store::Sequence last_seq = 0;
};

class Ingestor {
 public:
  // Both must outlive the Ingestor.
  Ingestor(store::Store& store, const ContactProtector& protector);

  // Validates and upserts one entity. kInvalidArgument naming the field.
  Result<store::Sequence> Put(Entity entity) const;

  // All or nothing: if any entity is invalid nothing is written and the error's
  // field is prefixed with "[i]" (its index in `entities`).
  Result<store::Sequence> PutAll(std::vector<Entity> entities) const;

  // Writes the valid entities of `entities` in one transaction and reports the
  // invalid ones (row = index + `row_offset`). An error Status means the store
  // failed and nothing of this call was written.
  Result<BatchReport> PutValid(std::vector<Entity> entities,
                               int64_t row_offset = 0) const;

  // kNotFound when absent.
  Result<store::Sequence> Delete(EntityKind kind, std::string_view id) const;

 private:
  // (kind, id) of the entities accepted earlier in the same call.
  using PendingKeys = std::set<std::pair<EntityKind, std::string>>;
  // Validates `entity` against itself and the store plus `pending`, and
  // protects worker contact data.
  Status Prepare(Entity* entity, const PendingKeys& pending) const;
  void CarryOverContact(Worker* worker) const;

  store::Store& store_;
  const ContactProtector& protector_;
};

}  // namespace qiancheng::ingest

#endif  // QIANCHENG_INGEST_INGESTOR_H_
