#include "api/app.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "store/open_store.h"

namespace qiancheng::api {
namespace {

constexpr size_t kSecretBytes = 32;
// The store's meta key holding the secret's check value (see app.h).
constexpr std::string_view kSecretCheckKey = "contact_secret_check";

Result<std::string> ReadSecret(const std::filesystem::path& path,
                               std::ifstream& in) {
  std::string secret((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
  if (secret.size() != kSecretBytes) {
    return Status::FailedPrecondition(path.string() +
                                      " is damaged (expected 32 bytes)");
  }
  return secret;
}

// Writes a new random secret to `path` (0600, fsynced). link() publishes it
// only if no file is there yet, so replicas starting at once on one shared
// secret file all end up reading the same secret.
Status CreateSecret(const std::filesystem::path& path) {
  std::string secret(kSecretBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()),
                 kSecretBytes) != 1) {
    return Status::Internal("no random bytes for the contact secret");
  }
  std::string tmp = path.string();
  tmp += ".tmp.";
  tmp += std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return Status::Unavailable("cannot create " + tmp);
  bool ok = ::write(fd, secret.data(), secret.size()) ==
                static_cast<ssize_t>(secret.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  const bool linked = ok && ::link(tmp.c_str(), path.c_str()) == 0;
  const bool lost_race = ok && !linked && errno == EEXIST;
  ::unlink(tmp.c_str());
  if (!linked && !lost_race) {
    return Status::Unavailable("cannot write " + path.string());
  }
  int dir =
      ::open(path.parent_path().empty() ? "." : path.parent_path().c_str(),
             O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Status::Ok();
}

// Reads the secret at `path`, creating it first when missing and `may_create`.
Result<std::string> LoadOrCreateSecret(const std::filesystem::path& path,
                                       bool may_create) {
  {
    std::ifstream in(path, std::ios::binary);
    if (in) return ReadSecret(path, in);
  }
  if (!may_create) {
    return Status::FailedPrecondition(
        path.string() +
        " is missing, and the store holds contact hashes made with a secret: "
        "give the cluster's secret file (--secret-file or "
        "QIANCHENG_SECRET_FILE)");
  }
  QC_RETURN_IF_ERROR(CreateSecret(path));
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Unavailable("cannot read " + path.string());
  return ReadSecret(path, in);
}

std::string EnvOrEmpty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

AppOptions AppOptionsFromEnvironment(const std::string& data_dir) {
  AppOptions options;
  options.data_dir = data_dir;
  options.store_url = EnvOrEmpty("QIANCHENG_STORE_URL");
  options.secret_file = EnvOrEmpty("QIANCHENG_SECRET_FILE");
  return options;
}

Result<std::unique_ptr<App>> App::Open(const std::string& data_dir,
                                       const std::string& reference_dir) {
  return Open(AppOptionsFromEnvironment(data_dir), reference_dir);
}

Result<std::unique_ptr<App>> App::Open(const AppOptions& options,
                                       const std::string& reference_dir) {
  const std::string& data_dir = options.data_dir;
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec)
    return Status::Unavailable("cannot create data dir " + data_dir + ": " +
                               ec.message());
  ::chmod(data_dir.c_str(), 0700);
  std::unique_ptr<App> app(new App());
  app->data_dir_ = data_dir;
  const std::string location = options.store_url.empty()
                                   ? data_dir + "/qiancheng.db"
                                   : options.store_url;
  app->store_shown_as_ = store::ShownLocation(location);
  QC_ASSIGN_OR_RETURN(app->store_, store::OpenStore(location));
  QC_RETURN_IF_ERROR(app->OpenSecret(options.secret_file.empty()
                                         ? data_dir + "/secret.key"
                                         : options.secret_file));
  app->ingestor_ =
      std::make_unique<ingest::Ingestor>(*app->store_, *app->protector_);
  QC_ASSIGN_OR_RETURN(app->policies_,
                      policy::PolicySet::Load(reference_dir + "/policies"));
  return app;
}

Status App::OpenSecret(const std::string& path) {
  QC_ASSIGN_OR_RETURN(std::optional<std::string> check,
                      store_->GetMeta(kSecretCheckKey));
  QC_ASSIGN_OR_RETURN(std::string secret,
                      LoadOrCreateSecret(path, !check.has_value()));
  protector_ = std::make_unique<ingest::ContactProtector>(std::move(secret));
  // A keyed hash of a fixed text: equal for equal secrets, and telling
  // nothing about the secret itself.
  const std::string mine = protector_->Hash("secret-check", "qiancheng");
  if (!check) return store_->PutMeta(kSecretCheckKey, mine);
  if (*check != mine) {
    return Status::FailedPrecondition(
        path +
        " is not the secret this store's contact hashes were made with: every "
        "replica of a store must be given the same secret file "
        "(--secret-file)");
  }
  return Status::Ok();
}

Result<policy::ShortageList> App::LoadShortage() const {
  std::vector<ShortageEntry> entries;
  store::ListOptions options;
  options.limit = 5000;
  do {
    QC_ASSIGN_OR_RETURN(store::Page page,
                        store_->List(EntityKind::kShortageEntry, options));
    for (Entity& e : page.items) {
      entries.push_back(std::get<ShortageEntry>(std::move(e)));
    }
    options.cursor = page.next_cursor;
  } while (!options.cursor.empty());
  return policy::ShortageList(std::move(entries));
}

Status App::StartReadSide(ReadSideOptions options,
                          const ReadSide::Progress& progress) {
  options.data_dir = data_dir_;
  QC_ASSIGN_OR_RETURN(
      read_side_,
      ReadSide::Start(*store_, policies_, std::move(options), progress));
  return Status::Ok();
}

void App::AfterWrite() {
  if (read_side_) (void)read_side_->CatchUp();
}

}  // namespace qiancheng::api
