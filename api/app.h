// api/app.h -- one opened data dir: the store, the contact-protection key and
// the write path built on them. Built once by `serve`, `import` and `export`.
// Layout of a data dir: qiancheng.db (SQLite, the record of truth) and
// secret.key (32 random bytes, mode 0600, created on first start: the key of
// the keyed hashes of ID and phone numbers; losing it makes those
// unsearchable). Thread-safety: the members are thread-safe; App itself is
// immutable after Open.
#ifndef QIANCHENG_API_APP_H_
#define QIANCHENG_API_APP_H_

#include <memory>
#include <string>

#include "api/read_side.h"
#include "ingest/contact_protector.h"
#include "ingest/ingestor.h"
#include "policy/policy_set.h"
#include "policy/shortage.h"
#include "store/store.h"

namespace qiancheng::api {

class App {
 public:
  // Creates `data_dir` and its secret key if missing, opens the store, and
  // loads the policy documents from `reference_dir`/policies (a malformed
  // policy file fails the open, naming the file and field).
  static Result<std::unique_ptr<App>> Open(const std::string& data_dir,
                                           const std::string& reference_dir);

  store::Store& store() { return *store_; }
  const ingest::Ingestor& ingestor() const { return *ingestor_; }
  const ingest::ContactProtector& protector() const { return *protector_; }
  const std::string& data_dir() const { return data_dir_; }
  const policy::PolicySet& policies() const { return policies_; }
  // The shortage catalogs in the store (read per call: a few hundred rows,
  // and a catalog posted through the API takes effect at once).
  Result<policy::ShortageList> LoadShortage() const;

  // The query side (serve only): see read_side.h. Null until started.
  Status StartReadSide(ReadSideOptions options,
                       const ReadSide::Progress& progress);
  ReadSide* read_side() { return read_side_.get(); }
  const ReadSide* read_side() const { return read_side_.get(); }
  // After an acknowledged write: the read side applies it before the reply,
  // so the writer's next query sees it. A failure here is not the write's:
  // the background loop retries.
  void AfterWrite();

 private:
  App() = default;
  std::string data_dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ingest::ContactProtector> protector_;
  std::unique_ptr<ingest::Ingestor> ingestor_;
  policy::PolicySet policies_;
  std::unique_ptr<ReadSide> read_side_;  // destroyed first (uses the store)
};

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_APP_H_
