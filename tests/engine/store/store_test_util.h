// tests/engine/store/store_test_util.h -- helpers of the store tests: sample
// entities in the form ingest hands to the store (worker contact hashed and
// masked, then cleared), and the shared TempDir.
#ifndef QIANCHENG_TESTS_ENGINE_STORE_STORE_TEST_UTIL_H_
#define QIANCHENG_TESTS_ENGINE_STORE_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>

#include "core/contact.h"
#include "core/json_codec.h"
#include "fakes/sample_entities.h"
#include "fakes/temp_dir.h"

namespace qiancheng::store::testing {

using qiancheng::testing::TempDir;

// What ingest does before storing a worker: keyed hashes (here a stand-in),
// masked forms, and the clear values dropped.
inline void HashAndMaskContact(Worker* worker) {
  worker->id_hash = "hash-of-id-" + worker->id.str();
  worker->phone_hash = "hash-of-phone-" + worker->id.str();
  worker->id_masked = MaskIdNumber(worker->contact.id_number);
  worker->phone_masked = MaskPhone(worker->contact.phone);
  worker->contact = ContactInput();
}

// The sample of `kind` (tests/fakes/sample_entities.h) with `id`, ready to
// store.
inline Entity SampleEntity(EntityKind kind, const std::string& id = "") {
  Result<Entity> entity = DecodeEntityText(
      kind, qiancheng::testing::SampleJson(kind, id), CodecMode::kApi);
  EXPECT_TRUE(entity.ok()) << entity.status();
  if (!entity.ok()) return Occupation();
  if (auto* worker = std::get_if<Worker>(&*entity)) HashAndMaskContact(worker);
  return *entity;
}

inline std::string Stored(const Entity& entity) {
  return EncodeEntityText(entity, CodecMode::kStored);
}

}  // namespace qiancheng::store::testing

#endif  // QIANCHENG_TESTS_ENGINE_STORE_STORE_TEST_UTIL_H_
