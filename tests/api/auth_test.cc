// KeyService's cache of verified keys: a revocation through the same service
// takes effect at once, one through another replica (another KeyService on
// the same store) within the cache's time to live, and a cached key still
// needs its secret.
#include "api/auth.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "fakes/temp_dir.h"
#include "store/open_store.h"

namespace qiancheng::api {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

class KeyCacheTest : public ::testing::Test {
 protected:
  // Two replicas: two stores on one SQLite file, a KeyService on each, both
  // on the hand-moved clock.
  void SetUp() override {
    for (auto* store : {&store_a_, &store_b_}) {
      Result<std::unique_ptr<store::Store>> opened =
          store::OpenStore(dir_.File("keys.db"));
      ASSERT_TRUE(opened.ok()) << opened.status();
      *store = std::move(*opened);
    }
    a_ = std::make_unique<KeyService>(*store_a_, Options());
    b_ = std::make_unique<KeyService>(*store_b_, Options());
  }

  KeyCacheOptions Options(milliseconds ttl = milliseconds(1000)) {
    KeyCacheOptions options;
    options.ttl = ttl;
    options.now = [this] { return start_ + elapsed_; };
    return options;
  }

  static std::string Bearer(const std::string& key) { return "Bearer " + key; }

  qiancheng::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_a_, store_b_;
  std::unique_ptr<KeyService> a_, b_;
  const steady_clock::time_point start_ = steady_clock::now();
  milliseconds elapsed_{0};
};

TEST_F(KeyCacheTest, RevokedThroughTheSameServiceIsRefusedAtOnce) {
  Result<NewKey> key = a_->Create(Role::kService, {});
  ASSERT_TRUE(key.ok()) << key.status();
  ASSERT_TRUE(a_->Authenticate(Bearer(key->key)).ok());  // now cached

  ASSERT_TRUE(a_->Revoke(key->key_id).ok());

  Result<Principal> after = a_->Authenticate(Bearer(key->key));
  EXPECT_EQ(after.status().code(), Code::kUnauthenticated);
}

TEST_F(KeyCacheTest, RevokedThroughAnotherReplicaIsRefusedOnceTheTtlPasses) {
  Result<NewKey> key = a_->Create(Role::kService, {});
  ASSERT_TRUE(key.ok()) << key.status();
  ASSERT_TRUE(b_->Authenticate(Bearer(key->key)).ok());  // cached on b

  ASSERT_TRUE(a_->Revoke(key->key_id).ok());
  EXPECT_EQ(a_->Authenticate(Bearer(key->key)).status().code(),
            Code::kUnauthenticated);

  elapsed_ = milliseconds(1000);  // b's entry is now as old as its ttl
  EXPECT_EQ(b_->Authenticate(Bearer(key->key)).status().code(),
            Code::kUnauthenticated);
}

TEST_F(KeyCacheTest, WithoutTheCacheARevocationElsewhereIsSeenAtOnce) {
  KeyService uncached(*store_b_, Options(milliseconds(0)));
  Result<NewKey> key = a_->Create(Role::kService, {});
  ASSERT_TRUE(key.ok()) << key.status();
  ASSERT_TRUE(uncached.Authenticate(Bearer(key->key)).ok());

  ASSERT_TRUE(a_->Revoke(key->key_id).ok());

  EXPECT_EQ(uncached.Authenticate(Bearer(key->key)).status().code(),
            Code::kUnauthenticated);
}

TEST_F(KeyCacheTest, ACachedKeyStillNeedsItsSecret) {
  Result<NewKey> key =
      a_->Create(Role::kCounselor, {*RegionCode::Parse("610100")});
  ASSERT_TRUE(key.ok()) << key.status();
  Result<Principal> who = a_->Authenticate(Bearer(key->key));
  ASSERT_TRUE(who.ok()) << who.status();
  EXPECT_EQ(who->role, Role::kCounselor);
  ASSERT_EQ(who->regions.size(), 1u);
  EXPECT_EQ(who->regions[0].str(), "610100");

  std::string wrong = key->key;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  EXPECT_EQ(a_->Authenticate(Bearer(wrong)).status().code(),
            Code::kUnauthenticated);
  EXPECT_EQ(a_->Authenticate("Bearer qck_" + key->key_id + "_").status().code(),
            Code::kUnauthenticated);
  EXPECT_TRUE(a_->Authenticate(Bearer(key->key)).ok());
}

TEST_F(KeyCacheTest, AnExpiredEntryIsReadAgainAndStillWorks) {
  Result<NewKey> key = a_->Create(Role::kAnalyst, {});
  ASSERT_TRUE(key.ok()) << key.status();
  ASSERT_TRUE(a_->Authenticate(Bearer(key->key)).ok());
  elapsed_ = milliseconds(5000);
  Result<Principal> who = a_->Authenticate(Bearer(key->key));
  ASSERT_TRUE(who.ok()) << who.status();
  EXPECT_EQ(who->role, Role::kAnalyst);
}

}  // namespace
}  // namespace qiancheng::api
