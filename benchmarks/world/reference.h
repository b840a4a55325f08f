// world/reference.h -- the real reference data the generated world stands on:
// the 2022 occupational classification, the national "最缺工" top-10 lists and
// the GB/T 2260 counties of 陕西 (61) and 贵州 (52), which have a coordinate
// for every county. Loaded from the repository's data/ folder by a private CSV
// reader (engine/taxonomy will own proper loaders). Nothing here is invented.
// Immutable after loading; thread-compatible.
#ifndef QIANCHENG_WORLD_REFERENCE_H_
#define QIANCHENG_WORLD_REFERENCE_H_

#include <array>
#include <string>
#include <vector>

#include "core/domain.h"

namespace qiancheng::world {

struct County {
  RegionCode code;
  std::string name;
  double lat = 0, lon = 0;  // label point from regions_gbt2260.csv
};

struct ReferenceData {
  // Every 细类 row of occupations_2022.csv (4-part codes). The 64 其他(兜底类)
  // rows carry 3-part group codes, which API contract v1 does not take.
  std::vector<Occupation> occupations;
  // True where the row is a 细类 of 大类 2..6 with a definition and main tasks:
  // the occupations a vacancy or a class can be about.
  std::vector<bool> generatable;
  // The national top-10 lists, jurisdiction "000000", degree 0 (not graded).
  std::vector<ShortageEntry> shortage;
  // Counties (level "county") of 陕西 and 贵州 that have coordinates.
  std::vector<County> counties;
  // Province codes other than 61/52 (issuers of out-of-province certificates).
  std::vector<RegionCode> other_provinces;
  // Shares of the standard paid by degree of shortage (非常紧缺, 紧缺,
  // 一般紧缺) for training up to 高级工, from the Tianjin 2022 rules 第九条
  // (tianjin_training_subsidy_rules_2022.csv): 1.00, 0.90, 0.80.
  std::array<double, 3> tier_shares = {0, 0, 0};
  // The files read, relative to the data folder, with their provenance line.
  std::vector<std::string> sources;
};

// Loads the reference data from `data_dir` (the repository's data/).
// kNotFound if a file is missing, kInvalidArgument naming the file and line for
// a malformed row, kFailedPrecondition if a file lacks a needed column.
Result<ReferenceData> LoadReferenceData(const std::string& data_dir);

}  // namespace qiancheng::world

#endif  // QIANCHENG_WORLD_REFERENCE_H_
