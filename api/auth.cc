#include "api/auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <chrono>
#include <ctime>
#include <memory>

namespace qiancheng::api {
namespace {

constexpr std::string_view kPrefix = "qck_";
constexpr std::string_view kEnvAdminId = "env-admin";

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

std::string Sha256Hex(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  // OpenSSL 3's one-shot SHA256() looks the algorithm up on every call (a few
  // microseconds, on every request); the fetched algorithm and a context per
  // thread are kept instead.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(
      EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned int size = 0;
  if (sha256 == nullptr || ctx == nullptr ||
      EVP_DigestInit_ex2(ctx.get(), sha256, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), text.data(), text.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1) {
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(),
           digest);
  }
  return Hex(digest, sizeof digest);
}

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()),
             static_cast<int>(bytes));
  return Hex(reinterpret_cast<const unsigned char*>(raw.data()), bytes);
}

std::string NowIso() {
  std::time_t now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buf;
}

bool SameHash(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool IsPersonKind(EntityKind kind) {
  return kind == EntityKind::kWorker || kind == EntityKind::kOutcome;
}

}  // namespace

Result<NewKey> KeyService::Create(
    Role role, const std::vector<RegionCode>& regions) const {
  if (role == Role::kCounselor && regions.empty()) {
    return Status::InvalidArgument("regions",
                                   "a counselor key needs at least one region");
  }
  if (role != Role::kCounselor && !regions.empty()) {
    return Status::InvalidArgument("regions",
                                   "only counselor keys are scoped to regions");
  }
  store::ApiKeyRecord record;
  record.key_id = RandomHex(6);
  const std::string secret = RandomHex(16);
  record.secret_hash = Sha256Hex(secret);
  record.role = role;
  record.regions = regions;
  record.created_at = NowIso();
  QC_RETURN_IF_ERROR(store_.PutApiKey(record));
  return NewKey{record.key_id,
                std::string(kPrefix) + record.key_id + "_" + secret};
}

Status KeyService::EnsureAdminKey(std::string_view key) const {
  if (key.size() < 16) {
    return Status::InvalidArgument("QIANCHENG_ADMIN_KEY",
                                   "must be at least 16 characters");
  }
  Result<store::ApiKeyRecord> existing = store_.GetApiKey(kEnvAdminId);
  if (existing.ok()) {
    if (!SameHash(existing->secret_hash, Sha256Hex(key)) || existing->revoked) {
      return Status::FailedPrecondition(
          "QIANCHENG_ADMIN_KEY differs from the admin key this data dir was "
          "started with");
    }
    return Status::Ok();
  }
  if (existing.status().code() != Code::kNotFound) return existing.status();
  store::ApiKeyRecord record{std::string(kEnvAdminId),
                             Sha256Hex(key),
                             Role::kAdmin,
                             {},
                             NowIso(),
                             false};
  return store_.PutApiKey(record);
}

Result<Principal> KeyService::Authenticate(
    std::string_view authorization) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.substr(0, kBearer.size()) != kBearer) {
    return Status::Unauthenticated("missing Authorization: Bearer <api key>");
  }
  std::string_view key = authorization.substr(kBearer.size());
  std::string key_id(kEnvAdminId);
  std::string_view secret = key;
  if (key.substr(0, kPrefix.size()) == kPrefix) {
    size_t sep = key.find('_', kPrefix.size());
    if (sep != std::string_view::npos) {
      key_id = std::string(key.substr(kPrefix.size(), sep - kPrefix.size()));
      secret = key.substr(sep + 1);
    }
  }
  QC_ASSIGN_OR_RETURN(CachedKey known, Lookup(key_id));
  if (!SameHash(known.secret_hash, Sha256Hex(secret))) {
    return Status::Unauthenticated("unknown or revoked api key");
  }
  return std::move(known.who);
}

std::chrono::steady_clock::time_point KeyService::Now() const {
  return cache_options_.now ? cache_options_.now()
                            : std::chrono::steady_clock::now();
}

Result<KeyService::CachedKey> KeyService::Lookup(
    const std::string& key_id) const {
  const bool caching = cache_options_.ttl.count() > 0;
  const auto now = caching ? Now() : std::chrono::steady_clock::time_point();
  uint64_t forgotten = 0;
  if (caching) {
    std::shared_lock lock(cache_mu_);
    auto it = cache_.find(key_id);
    if (it != cache_.end() && now - it->second.read_at < cache_options_.ttl) {
      return it->second;
    }
    forgotten = forgotten_;
  }
  Result<store::ApiKeyRecord> record = store_.GetApiKey(key_id);
  // A store that cannot answer now says nothing about the key: the caller
  // retries on 503 instead of dropping a good key on a 401.
  if (!record.ok() && record.status().code() == Code::kUnavailable) {
    return record.status();
  }
  if (!record.ok() || record->revoked) {
    Forget(key_id);
    return Status::Unauthenticated("unknown or revoked api key");
  }
  CachedKey known{record->secret_hash,
                  Principal{record->key_id, record->role, record->regions},
                  now};
  if (caching) {
    std::unique_lock lock(cache_mu_);
    // A revocation that ran while the store was read may have been read
    // before it committed: keep nothing from this read then.
    if (forgotten_ == forgotten) {
      if (cache_.size() >= cache_options_.max_entries) cache_.clear();
      cache_.insert_or_assign(key_id, known);
    }
  }
  return known;
}

void KeyService::Forget(std::string_view key_id) const {
  std::unique_lock lock(cache_mu_);
  ++forgotten_;
  if (auto it = cache_.find(std::string(key_id)); it != cache_.end()) {
    cache_.erase(it);
  }
}

Status KeyService::Revoke(std::string_view key_id) const {
  QC_ASSIGN_OR_RETURN(store::ApiKeyRecord record, store_.GetApiKey(key_id));
  record.revoked = true;
  QC_RETURN_IF_ERROR(store_.PutApiKey(record));
  Forget(key_id);
  return Status::Ok();
}

Status Authorize(const Principal& who, Access access, EntityKind kind,
                 const RegionCode& region) {
  switch (who.role) {
    case Role::kAdmin:
      return Status::Ok();
    case Role::kService:
      if (access == Access::kBulk)
        return Status::PermissionDenied("service keys cannot export");
      if (access == Access::kWrite && !IsPersonKind(kind)) {
        return Status::PermissionDenied(
            "service keys write only workers and outcomes");
      }
      return Status::Ok();
    case Role::kAnalyst:
      if (IsPersonKind(kind))
        return Status::PermissionDenied("analyst keys see aggregates only");
      if (access != Access::kRead)
        return Status::PermissionDenied("analyst keys are read-only");
      return Status::Ok();
    case Role::kCounselor:
      if (!IsPersonKind(kind)) {
        if (access != Access::kRead) {
          return Status::PermissionDenied(
              "counselor keys write only workers and outcomes");
        }
        return Status::Ok();
      }
      for (const RegionCode& scope : who.regions) {
        if (!region.empty() && scope.Contains(region)) return Status::Ok();
      }
      return Status::PermissionDenied(
          "outside the regions of this counselor key");
  }
  return Status::PermissionDenied("unknown role");
}

RegionCode ScopeRegionOf(const Entity& entity, const store::Store& store) {
  if (const auto* w = std::get_if<Worker>(&entity)) return w->region;
  if (const auto* o = std::get_if<Outcome>(&entity)) {
    Result<Entity> worker = store.Get(EntityKind::kWorker, o->worker_id.str());
    if (worker.ok()) return std::get<Worker>(*worker).region;
  }
  return RegionCode();
}

}  // namespace qiancheng::api
