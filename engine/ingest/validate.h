// ingest/validate.h -- part of stage 1: checks that need more than one field of
// a record (dates in order, salary range) and references between records. Field
// by field checks happened already in the JSON codec (core/json_codec.h).
// Thread-safety: pure functions; Store access goes through its own guarantees.
#ifndef QIANCHENG_INGEST_VALIDATE_H_
#define QIANCHENG_INGEST_VALIDATE_H_

#include <functional>
#include <string_view>

#include "core/entity.h"

namespace qiancheng::ingest {

// kInvalidArgument naming the field when the record contradicts itself:
// a project ending before it starts, salary_max < salary_min, a vacancy
// expiring before it is posted, a completion or employment date before
// enrolment, a certificate or subsidy dated before the worker's birth, a birth
// date that does not match the ID number.
Status ValidateRecord(const Entity& entity);

// Answers whether an entity of `kind` with `id` exists (in the store, or
// earlier in the same batch).
using ExistsFn = std::function<bool(EntityKind kind, std::string_view id)>;

// kInvalidArgument naming the field when a required reference is missing: a
// project's institution, an outcome's worker and project. (Order-class links
// between projects and vacancies may point either way and are not required.)
Status ValidateReferences(const Entity& entity, const ExistsFn& exists);

}  // namespace qiancheng::ingest

#endif  // QIANCHENG_INGEST_VALIDATE_H_
