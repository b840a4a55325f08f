#include "store/open_store.h"

#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace qiancheng::store {
namespace {

bool IsPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") ||
         location.starts_with("postgres://");
}

}  // namespace

std::string ShownLocation(std::string_view location) {
  return IsPostgresUrl(location) ? MaskPassword(location)
                                 : std::string(location);
}

Result<std::unique_ptr<Store>> OpenStore(std::string_view location) {
  if (location.empty()) {
    return Status::InvalidArgument("location", "is empty");
  }
  if (IsPostgresUrl(location)) {
    // PostgresStore's own messages already mask the password.
    QC_ASSIGN_OR_RETURN(std::unique_ptr<PostgresStore> store,
                        PostgresStore::Open(std::string(location)));
    return std::unique_ptr<Store>(std::move(store));
  }
  std::string_view path = location;
  if (path.starts_with("sqlite:")) path.remove_prefix(7);
  if (path.empty()) {
    return Status::InvalidArgument("location", "sqlite: needs a path");
  }
  Result<std::unique_ptr<SqliteStore>> store =
      SqliteStore::Open(std::string(path));
  if (!store.ok()) return store.status().WithContext(location);
  return std::unique_ptr<Store>(std::move(store).value());
}

}  // namespace qiancheng::store
