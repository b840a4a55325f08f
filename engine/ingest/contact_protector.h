// ingest/contact_protector.h -- part of stage 1 (write path): replaces a
// worker's clear ID number and phone with keyed hashes (HMAC-SHA256, for lookup
// and duplicate detection) and masked forms (for display), so the clear values
// never reach the store, a response or a log line (DESIGN.md quality bars). The
// key comes from the data dir (api/config.cc creates it on first start);
// without the key a hash cannot be reversed by trying all 10^11 phone numbers.
// Immutable after construction; thread-safe.
#ifndef QIANCHENG_INGEST_CONTACT_PROTECTOR_H_
#define QIANCHENG_INGEST_CONTACT_PROTECTOR_H_

#include <string>
#include <string_view>

#include "core/domain.h"

namespace qiancheng::ingest {

class ContactProtector {
 public:
  // REQUIRES: key.size() >= 32 (bytes of secret material).
  explicit ContactProtector(std::string key);

  // Hex HMAC-SHA256 of `value` under the key, domain-separated by `purpose`
  // ("id" or "phone") so equal digits in the two fields hash differently.
  std::string Hash(std::string_view purpose, std::string_view value) const;

  // Moves `worker->contact` into id_hash/phone_hash and id_masked/phone_masked,
  // then clears `contact`. A field left empty keeps its previous hash and mask.
  void Protect(Worker* worker) const;

 private:
  std::string key_;
};

}  // namespace qiancheng::ingest

#endif  // QIANCHENG_INGEST_CONTACT_PROTECTOR_H_
