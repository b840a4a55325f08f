// store/open_store.h -- stage 1 of engine/README.md: picks the Store backend
// from a location string, so the binary and tools take one --store flag:
//   "postgresql://..." or "postgres://..."  -> PostgresStore (a libpq URL)
//   "sqlite:PATH" or a plain PATH           -> SqliteStore at PATH
// Invariant: no error message (nor anything derived from the location for a
// log) contains the password of a PostgreSQL URL. Thread-safe: a function.
#ifndef QIANCHENG_STORE_OPEN_STORE_H_
#define QIANCHENG_STORE_OPEN_STORE_H_

#include <memory>
#include <string>
#include <string_view>

#include "store/store.h"

namespace qiancheng::store {

// Opens the store at `location` with each backend's default options.
// kInvalidArgument ("location") for an empty location or an empty SQLite path;
// otherwise the backend's Open() errors, their messages prefixed with the
// masked location.
Result<std::unique_ptr<Store>> OpenStore(std::string_view location);

// `location` as it may appear in messages and logs: a PostgreSQL password is
// replaced by "***" (postgres_store.h MaskPassword); paths are unchanged.
std::string ShownLocation(std::string_view location);

}  // namespace qiancheng::store

#endif  // QIANCHENG_STORE_OPEN_STORE_H_
