// api/auth.h -- API keys and what each role may do (API contract v1).
// A key is "qck_<key_id>_<secret>"; the store keeps only the SHA-256 of the
// secret. The admin key given in QIANCHENG_ADMIN_KEY may be any string of 16+
// characters; it is stored under the key id "env-admin".
// Roles: admin (everything); service (the mini-program backend: reads, writes
// workers and outcomes, no bulk export); counselor (workers and outcomes only
// inside the regions on the key, and their children; other entities read-only);
// analyst (no person-level reads). Thread-safe (the store is, and the cache
// of verified keys has its own lock).
#ifndef QIANCHENG_API_AUTH_H_
#define QIANCHENG_API_AUTH_H_

#include <chrono>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/entity.h"
#include "store/store.h"

namespace qiancheng::api {

struct Principal {
  std::string key_id;
  Role role = Role::kService;
  std::vector<RegionCode> regions;  // counselor scope
};

struct NewKey {
  std::string key_id;
  std::string key;  // shown once; never stored
};

enum class Access { kRead, kWrite, kBulk };

// Verified keys are kept in memory for a short time so that a request does
// not pay a store read per call (about half of the HTTP overhead of a
// recommendation before this cache). What is kept is what the store holds
// (the secret's hash, role and regions), never the key itself; every request
// still hashes its secret and compares.
struct KeyCacheOptions {
  // How long a key read from the store is trusted without reading it again.
  // A key revoked through this KeyService stops working at once; revoked
  // through another replica (another process on the same store), within this
  // time. 0 turns the cache off.
  std::chrono::milliseconds ttl{1000};
  size_t max_entries = 4096;  // the cache is emptied when it is full
  // The clock (tests move it by hand); empty = std::chrono::steady_clock.
  std::function<std::chrono::steady_clock::time_point()> now;
};

class KeyService {
 public:
  explicit KeyService(store::Store& store, KeyCacheOptions cache = {})
      : store_(store), cache_options_(std::move(cache)) {}

  // Creates a key. kInvalidArgument for a counselor without regions, or regions
  // given to another role.
  Result<NewKey> Create(Role role,
                        const std::vector<RegionCode>& regions) const;
  // Creates the env admin key, or confirms the stored one matches `key`.
  // kFailedPrecondition if a different env admin key is already stored.
  Status EnsureAdminKey(std::string_view key) const;
  // Checks an "Authorization: Bearer ..." header value. kUnauthenticated on
  // a missing, malformed, unknown, revoked or wrong key.
  Result<Principal> Authenticate(std::string_view authorization) const;
  // kNotFound for an unknown id.
  Status Revoke(std::string_view key_id) const;

 private:
  struct CachedKey {
    std::string secret_hash;
    Principal who;
    std::chrono::steady_clock::time_point read_at;
  };
  std::chrono::steady_clock::time_point Now() const;
  // The store's record of `key_id` unless revoked, through the cache.
  Result<CachedKey> Lookup(const std::string& key_id) const;
  void Forget(std::string_view key_id) const;

  store::Store& store_;
  const KeyCacheOptions cache_options_;
  mutable std::shared_mutex cache_mu_;
  mutable std::unordered_map<std::string, CachedKey> cache_;
  mutable uint64_t forgotten_ = 0;  // Forget() calls, under cache_mu_
};

// kPermissionDenied unless `who` may do `access` on an entity of `kind` whose
// person-region is `region` (empty when the entity has none).
Status Authorize(const Principal& who, Access access, EntityKind kind,
                 const RegionCode& region);

// The region that scopes `entity` for counselors: a worker's region, an
// outcome's worker's region (looked up), else empty.
RegionCode ScopeRegionOf(const Entity& entity, const store::Store& store);

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_AUTH_H_
