#include "taxonomy/shortage_catalog.h"

#include <algorithm>

#include "taxonomy/internal/csv.h"

namespace qiancheng::taxonomy {
namespace {

// The shortage files write the whole country as 100000; the API says 000000.
constexpr std::string_view kFileNational = "100000";

bool SameKey(const ShortageEntry& a, const ShortageEntry& b) {
  if (a.catalog != b.catalog || a.region != b.region || a.period != b.period)
    return false;
  if (!a.occupation_code.empty() && !b.occupation_code.empty()) {
    return a.occupation_code == b.occupation_code;
  }
  return a.occupation_name == b.occupation_name;
}

}  // namespace

NameResolution ResolveOccupationName(std::string_view name,
                                     const OccupationCatalog& occupations) {
  NameResolution r{std::string(name), std::nullopt, {}};
  // An occupation name beats a 工种 of another occupation.
  std::vector<const OccupationEntry*> found =
      occupations.FindByOccupationName(name);
  if (found.empty()) found = occupations.FindByWorkType(name);
  if (found.size() == 1) {
    r.code = found.front()->occupation.code;
  } else {
    for (const OccupationEntry* e : found)
      r.candidates.push_back(e->occupation.code.str());
  }
  return r;
}

Status ShortageCatalog::LoadFile(const std::string& path) {
  QC_ASSIGN_OR_RETURN(internal::CsvTable table, internal::CsvTable::Read(path));
  QC_ASSIGN_OR_RETURN(size_t region_col, table.Column("jurisdiction"));
  QC_ASSIGN_OR_RETURN(size_t catalog_col, table.Column("catalog"));
  QC_ASSIGN_OR_RETURN(size_t period_col, table.Column("period"));
  QC_ASSIGN_OR_RETURN(size_t rank_col, table.Column("rank"));
  QC_ASSIGN_OR_RETURN(size_t name_col, table.Column("occupation_name"));
  QC_ASSIGN_OR_RETURN(size_t code_col, table.Column("occupation_code_2022"));
  QC_ASSIGN_OR_RETURN(size_t source_col, table.Column("source"));
  for (size_t i = 0; i < table.rows().size(); ++i) {
    const auto& row = table.rows()[i];
    ShortageEntry e;
    const std::string& region = row[region_col];
    auto parsed_region =
        RegionCode::Parse(region == kFileNational ? "000000" : region);
    if (!parsed_region.ok())
      return Status::InvalidArgument(table.Where(i), "bad jurisdiction");
    e.region = *parsed_region;
    if (!row[code_col].empty()) {
      auto code = OccupationCode::Parse(row[code_col]);
      if (!code.ok())
        return Status::InvalidArgument(table.Where(i), "bad occupation code");
      e.occupation_code = *code;
    }
    char* end = nullptr;
    e.rank = static_cast<int>(std::strtol(row[rank_col].c_str(), &end, 10));
    if (end == row[rank_col].c_str() || *end != '\0' || e.rank < 1) {
      return Status::InvalidArgument(table.Where(i), "bad rank");
    }
    e.catalog = row[catalog_col];
    e.period = row[period_col];
    e.occupation_name = row[name_col];
    e.source = row[source_col];
    e.id = e.region.str() + ":" + e.period + ":" + row[rank_col];
    Status added = Add(std::move(e));
    if (!added.ok()) return added.WithContext(table.Where(i));
  }
  return Status::Ok();
}

Result<ShortageCatalog> ShortageCatalog::Load(
    const std::vector<std::string>& csv_paths) {
  ShortageCatalog catalog;
  for (const std::string& path : csv_paths)
    QC_RETURN_IF_ERROR(catalog.LoadFile(path));
  return catalog;
}

Status ShortageCatalog::Add(ShortageEntry entry) {
  if (entry.catalog.empty())
    return Status::InvalidArgument("catalog", "required");
  if (entry.period.empty())
    return Status::InvalidArgument("period", "required");
  if (entry.region.empty())
    return Status::InvalidArgument("region", "required");
  if (entry.occupation_code.empty() && entry.occupation_name.empty()) {
    return Status::InvalidArgument("occupation_code",
                                   "a code or an occupation_name is required");
  }
  for (const ShortageEntry& e : entries_) {
    if (SameKey(e, entry)) {
      return Status::AlreadyExists("shortage entry " + entry.catalog + " " +
                                   entry.region.str() + " " + entry.period +
                                   " " + entry.occupation_name);
    }
  }
  entries_.push_back(std::move(entry));
  return Status::Ok();
}

std::vector<std::string> ShortageCatalog::ResolveCodes(
    const OccupationCatalog& occupations) {
  std::vector<std::string> unresolved;
  for (ShortageEntry& e : entries_) {
    if (!e.occupation_code.empty()) continue;
    NameResolution r = ResolveOccupationName(e.occupation_name, occupations);
    if (r.code) {
      e.occupation_code = *r.code;
    } else if (std::find(unresolved.begin(), unresolved.end(),
                         e.occupation_name) == unresolved.end()) {
      unresolved.push_back(e.occupation_name);
    }
  }
  return unresolved;
}

std::vector<ShortageEntry> ShortageCatalog::Find(
    std::string_view region, std::string_view period) const {
  std::vector<ShortageEntry> out;
  for (const ShortageEntry& e : entries_) {
    if (e.region.str() == region && (period.empty() || e.period == period))
      out.push_back(e);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ShortageEntry& a, const ShortageEntry& b) {
                     return a.rank < b.rank;
                   });
  return out;
}

std::vector<ShortageEntry> ShortageCatalog::Covering(
    const RegionCode& region, const OccupationCode& code) const {
  std::vector<ShortageEntry> out;
  for (const ShortageEntry& e : entries_) {
    if (e.occupation_code == code && e.region.Contains(region))
      out.push_back(e);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ShortageEntry& a, const ShortageEntry& b) {
                     return a.period > b.period;
                   });
  return out;
}

}  // namespace qiancheng::taxonomy
