// taxonomy/shortage_catalog.h -- reference data beside the flow: shortage
// occupation catalogs (data/shortage/*.csv and catalogs posted through the
// API), read by policy/ (R5 uplift by degree of shortage) and rank/ (local
// demand). Entries are keyed by jurisdiction, period and occupation code. Lists
// that give only names are resolved to codes against the OccupationCatalog, and
// what cannot be resolved is reported, never guessed.
// The file's national jurisdiction "100000" is stored as "000000", the API's
// code for the whole country, so RegionCode::Contains() covers every region.
// Thread-safety: const methods may run concurrently; Add() may not run
// concurrently with anything (ingest/ serialises writes).
#ifndef QIANCHENG_TAXONOMY_SHORTAGE_CATALOG_H_
#define QIANCHENG_TAXONOMY_SHORTAGE_CATALOG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "core/result.h"
#include "taxonomy/occupations.h"

namespace qiancheng::taxonomy {

// How one occupation name resolved against the classification.
struct NameResolution {
  std::string name;
  std::optional<OccupationCode>
      code;  // set when exactly one occupation matches
  std::vector<std::string>
      candidates;  // codes when several match (then no code)
};

// Resolves `name` by exact (normalised) occupation name, then by 工种.
NameResolution ResolveOccupationName(std::string_view name,
                                     const OccupationCatalog& occupations);

class ShortageCatalog {
 public:
  // Reads CSVs with columns jurisdiction, catalog, period, rank,
  // occupation_name, occupation_code_2022 (may be empty), source; `published`
  // is optional. kNotFound for a missing file, kInvalidArgument ("file:line")
  // for a bad region, rank or code.
  static Result<ShortageCatalog> Load(
      const std::vector<std::string>& csv_paths);

  // Adds one entry (e.g. posted through the API). kInvalidArgument naming the
  // field when catalog, period or region is missing, or when neither a code
  // nor a name is given; kAlreadyExists when (catalog, region, period, code or
  // name) is already present.
  Status Add(ShortageEntry entry);

  // Fills the code of every entry that has only a name; returns the names that
  // resolved to no occupation or to several (in entry order, no repeats).
  std::vector<std::string> ResolveCodes(const OccupationCatalog& occupations);

  // Entries of jurisdiction `region` (exactly) and `period` ("" = any), by
  // rank.
  std::vector<ShortageEntry> Find(std::string_view region,
                                  std::string_view period) const;
  // Entries for `code` whose jurisdiction contains `region` (national lists
  // cover every region), newest period first.
  std::vector<ShortageEntry> Covering(const RegionCode& region,
                                      const OccupationCode& code) const;

  const std::vector<ShortageEntry>& entries() const { return entries_; }

 private:
  Status LoadFile(const std::string& path);
  std::vector<ShortageEntry> entries_;
};

}  // namespace qiancheng::taxonomy

#endif  // QIANCHENG_TAXONOMY_SHORTAGE_CATALOG_H_
