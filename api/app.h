// api/app.h -- one opened deployment: the store, the contact-protection key
// and the write path built on them. Built once by `serve`, `import`, `export`.
// Layout of a data dir: qiancheng.db (SQLite, the record of truth unless a
// PostgreSQL store is named), secret.key (32 random bytes, mode 0600, created
// on first start: the key of the keyed hashes of ID and phone numbers; losing
// it makes those unsearchable), models/ and indexes/ (the read side's, one
// set per replica).
// Several replicas on one PostgreSQL store share one secret, given to each as
// --secret-file: the secret is deliberately not kept in the database, since
// a dump of the hashes together with their key would let anyone recover the
// numbers by trying every 11-digit phone number. What the database keeps is
// a check value (a keyed hash of a fixed text): a process holding another
// secret refuses to open the store instead of writing hashes nobody can
// match.
// Thread-safety: the members are thread-safe; App itself is immutable after
// Open.
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

struct AppOptions {
  // models/, indexes/ and, unless named below, the store and the secret.
  std::string data_dir = "qiancheng-data";
  // The record of truth as an OpenStore location ("postgresql://..." or a
  // SQLite path); empty = SQLite at data_dir/qiancheng.db.
  std::string store_url;
  // The contact-protection key; empty = data_dir/secret.key. Created when
  // missing, unless the store already holds hashes made with another key.
  std::string secret_file;
};

// `data_dir` with the store and secret named by the environment:
// QIANCHENG_STORE_URL and QIANCHENG_SECRET_FILE (each empty when unset), so
// every command (import, export, fit, explain) can work on a shared store.
AppOptions AppOptionsFromEnvironment(const std::string& data_dir);

class App {
 public:
  // Creates the data dir and the secret if missing, opens the store, checks
  // the secret against the store's check value (kFailedPrecondition on a
  // mismatch), and loads the policy documents from `reference_dir`/policies
  // (a malformed policy file fails the open, naming the file and field).
  static Result<std::unique_ptr<App>> Open(const AppOptions& options,
                                           const std::string& reference_dir);
  // Open(AppOptionsFromEnvironment(data_dir), reference_dir).
  static Result<std::unique_ptr<App>> Open(const std::string& data_dir,
                                           const std::string& reference_dir);

  store::Store& store() { return *store_; }
  const ingest::Ingestor& ingestor() const { return *ingestor_; }
  const ingest::ContactProtector& protector() const { return *protector_; }
  const std::string& data_dir() const { return data_dir_; }
  // The store's location for messages: a PostgreSQL password is masked.
  const std::string& store_shown_as() const { return store_shown_as_; }
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
  Status OpenSecret(const std::string& path);

  std::string data_dir_;
  std::string store_shown_as_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ingest::ContactProtector> protector_;
  std::unique_ptr<ingest::Ingestor> ingestor_;
  policy::PolicySet policies_;
  std::unique_ptr<ReadSide> read_side_;  // destroyed first (uses the store)
};

}  // namespace qiancheng::api

#endif  // QIANCHENG_API_APP_H_
