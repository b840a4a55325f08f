// api/auth.h -- API keys and what each role may do (API contract v1).
// A key is "qck_<key_id>_<secret>"; the store keeps only the SHA-256 of the
// secret. The admin key given in QIANCHENG_ADMIN_KEY may be any string of 16+
// characters; it is stored under the key id "env-admin".
// Roles: admin (everything); service (the mini-program backend: reads, writes
// workers and outcomes, no bulk export); counselor (workers and outcomes only
// inside the regions on the key, and their children; other entities read-only);
// analyst (no person-level reads). Thread-safe (the store is).
#ifndef QIANCHENG_API_AUTH_H_
#define QIANCHENG_API_AUTH_H_

#include <string>
#include <string_view>
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

class KeyService {
 public:
  explicit KeyService(store::Store& store) : store_(store) {}

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
  store::Store& store_;
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
