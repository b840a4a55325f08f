#include "api/app.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "store/sqlite_store.h"

namespace qiancheng::api {
namespace {

constexpr size_t kSecretBytes = 32;

// Reads the data dir's secret, creating it (0600, fsynced) on first start.
Result<std::string> LoadOrCreateSecret(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::string secret((std::istreambuf_iterator<char>(in)),
                       std::istreambuf_iterator<char>());
    if (secret.size() != kSecretBytes) {
      return Status::FailedPrecondition(path.string() +
                                        " is damaged (expected 32 bytes)");
    }
    return secret;
  }
  std::string secret(kSecretBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()),
                 kSecretBytes) != 1) {
    return Status::Internal("no random bytes for the data dir secret");
  }
  const std::string tmp = path.string() + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return Status::Unavailable("cannot create " + tmp);
  bool ok = ::write(fd, secret.data(), secret.size()) ==
                static_cast<ssize_t>(secret.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::Unavailable("cannot write " + path.string());
  }
  int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return secret;
}

}  // namespace

Result<std::unique_ptr<App>> App::Open(const std::string& data_dir,
                                       const std::string& reference_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec)
    return Status::Unavailable("cannot create data dir " + data_dir + ": " +
                               ec.message());
  ::chmod(data_dir.c_str(), 0700);
  std::unique_ptr<App> app(new App());
  app->data_dir_ = data_dir;
  QC_ASSIGN_OR_RETURN(
      std::string secret,
      LoadOrCreateSecret(std::filesystem::path(data_dir) / "secret.key"));
  app->protector_ =
      std::make_unique<ingest::ContactProtector>(std::move(secret));
  QC_ASSIGN_OR_RETURN(app->store_,
                      store::SqliteStore::Open(data_dir + "/qiancheng.db"));
  app->ingestor_ =
      std::make_unique<ingest::Ingestor>(*app->store_, *app->protector_);
  QC_ASSIGN_OR_RETURN(app->policies_,
                      policy::PolicySet::Load(reference_dir + "/policies"));
  return app;
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
