#include "ingest/ingestor.h"

#include <set>
#include <utility>

#include "ingest/validate.h"

namespace qiancheng::ingest {
namespace {

// "[i]". Built by appends: g++ 12 warns falsely (-Wrestrict) on "[" + s + "]".
std::string IndexField(size_t i) {
  std::string field = "[";
  field += std::to_string(i);
  field += ']';
  return field;
}

}  // namespace

Ingestor::Ingestor(store::Store& store, const ContactProtector& protector)
    : store_(store), protector_(protector) {}

void Ingestor::CarryOverContact(Worker* worker) const {
  // An update that omits id_number or phone keeps what was registered before:
  // clients never get the clear values back, so they cannot resend them.
  if (!worker->contact.id_number.empty() && !worker->contact.phone.empty())
    return;
  Result<Entity> existing = store_.Get(EntityKind::kWorker, worker->id.str());
  if (!existing.ok()) return;
  const Worker& before = std::get<Worker>(*existing);
  if (worker->contact.id_number.empty()) {
    worker->id_hash = before.id_hash;
    worker->id_masked = before.id_masked;
  }
  if (worker->contact.phone.empty()) {
    worker->phone_hash = before.phone_hash;
    worker->phone_masked = before.phone_masked;
  }
}

Status Ingestor::Prepare(Entity* entity, const PendingKeys& pending) const {
  QC_RETURN_IF_ERROR(ValidateRecord(*entity));
  auto exists = [&](EntityKind kind, std::string_view id) {
    return pending.count({kind, std::string(id)}) > 0 ||
           store_.Get(kind, id).ok();
  };
  QC_RETURN_IF_ERROR(ValidateReferences(*entity, exists));
  if (auto* worker = std::get_if<Worker>(entity)) {
    CarryOverContact(worker);
    protector_.Protect(worker);
  }
  return Status::Ok();
}

Result<store::Sequence> Ingestor::Put(Entity entity) const {
  QC_RETURN_IF_ERROR(Prepare(&entity, {}));
  return store_.Upsert(entity);
}

Result<store::Sequence> Ingestor::PutAll(std::vector<Entity> entities) const {
  PendingKeys keys;
  for (size_t i = 0; i < entities.size(); ++i) {
    Status s = Prepare(&entities[i], keys);
    if (!s.ok()) return s.WithFieldPrefix(IndexField(i));
    keys.emplace(KindOf(entities[i]), IdOf(entities[i]));
  }
  return store_.UpsertBatch(entities);
}

Result<BatchReport> Ingestor::PutValid(std::vector<Entity> entities,
                                       int64_t row_offset) const {
  BatchReport report;
  std::vector<Entity> ready;
  ready.reserve(entities.size());
  PendingKeys keys;
  for (size_t i = 0; i < entities.size(); ++i) {
    Status s = Prepare(&entities[i], keys);
    if (!s.ok()) {
      report.rejected.push_back(
          {row_offset + static_cast<int64_t>(i), std::move(s)});
      continue;
    }
    keys.emplace(KindOf(entities[i]), IdOf(entities[i]));
    ready.push_back(std::move(entities[i]));
  }
  QC_ASSIGN_OR_RETURN(report.last_seq, store_.UpsertBatch(ready));
  report.accepted = static_cast<int64_t>(ready.size());
  return report;
}

Result<store::Sequence> Ingestor::Delete(EntityKind kind,
                                         std::string_view id) const {
  return store_.Delete(kind, id);
}

}  // namespace qiancheng::ingest
