// world/writer.h -- writes a generated world to a folder: one NDJSON file per
// entity kind in API form (what `qiancheng import` and POST /v1/{kind}:batch
// take), named by the collection ("training-projects.ndjson"), plus
// manifest.json saying that the data is generated, by which seed and scale,
// with the counts, and which real reference files it stands on.
// Occupations and shortage entries are the real reference rows, not generated.
// Streams entity by entity: memory does not grow with the scale.
// Thread-compatible: one WriteWorld per output folder.
#ifndef QIANCHENG_WORLD_WRITER_H_
#define QIANCHENG_WORLD_WRITER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/entity.h"
#include "world/generator.h"

namespace qiancheng::world {

struct FileReport {
  EntityKind kind = EntityKind::kOccupation;
  std::string file;  // name inside the output folder
  int64_t count = 0;
  int64_t bytes = 0;
};

struct WorldReport {
  std::vector<FileReport> files;  // in import order
  int64_t manifest_bytes = 0;
};

// One NDJSON line (without the newline) in API form. A worker carries its
// id_number, phone and birth_date in clear: the importer's input, which the
// API's own encoder never emits (it masks them).
std::string EncodeLine(const Entity& entity);

// Writes the world of `options` over `ref` into `out_dir` (created if needed;
// existing files of the same names are replaced). kUnavailable if a file
// cannot be written; the generator's errors otherwise.
Result<WorldReport> WriteWorld(const ReferenceData& ref,
                               const WorldOptions& options,
                               const std::string& out_dir);

}  // namespace qiancheng::world

#endif  // QIANCHENG_WORLD_WRITER_H_
