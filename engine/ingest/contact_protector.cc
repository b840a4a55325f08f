#include "ingest/contact_protector.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cassert>

#include "core/contact.h"

namespace qiancheng::ingest {

ContactProtector::ContactProtector(std::string key) : key_(std::move(key)) {
  // A short key would make the hashes guessable; config.cc always makes 32
  // bytes.
  assert(key_.size() >= 32);
}

std::string ContactProtector::Hash(std::string_view purpose,
                                   std::string_view value) const {
  std::string message(purpose);
  message += '\0';
  message += value;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
       digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

void ContactProtector::Protect(Worker* worker) const {
  ContactInput& contact = worker->contact;
  if (!contact.id_number.empty()) {
    // Normalise the check character so "x" and "X" are the same person.
    std::string id = contact.id_number;
    if (id.back() == 'x') id.back() = 'X';
    worker->id_hash = Hash("id", id);
    worker->id_masked = MaskIdNumber(id);
  }
  if (!contact.phone.empty()) {
    worker->phone_hash = Hash("phone", contact.phone);
    worker->phone_masked = MaskPhone(contact.phone);
  }
  // Overwrite before clearing so the clear digits do not linger in the buffer.
  std::fill(contact.id_number.begin(), contact.id_number.end(), '\0');
  std::fill(contact.phone.begin(), contact.phone.end(), '\0');
  contact = ContactInput{};
}

}  // namespace qiancheng::ingest
