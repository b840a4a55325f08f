#include "taxonomy/regions.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "taxonomy/internal/csv.h"
#include "text/utf8.h"

namespace qiancheng::taxonomy {
namespace {

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kPi = 3.14159265358979323846;

Result<RegionLevel> ParseLevel(std::string_view s) {
  if (s == "province") return RegionLevel::kProvince;
  if (s == "city") return RegionLevel::kCity;
  if (s == "county") return RegionLevel::kCounty;
  return Status::InvalidArgument("level", "expected province|city|county");
}

std::optional<GeoPoint> ParsePoint(const std::string& lat,
                                   const std::string& lon) {
  if (lat.empty() || lon.empty()) return std::nullopt;
  char* end_lat = nullptr;
  char* end_lon = nullptr;
  GeoPoint p{std::strtod(lat.c_str(), &end_lat),
             std::strtod(lon.c_str(), &end_lon)};
  if (*end_lat != '\0' || *end_lon != '\0') return std::nullopt;
  return p;
}

// Rows that stand for "the rest of the province", not a place with a name.
bool IsPlaceholderName(std::string_view name) {
  return name == "市辖区" ||
         name.find("直辖县级行政区划") != std::string_view::npos;
}

// Byte offsets of the code-point boundaries inside `s`, excluding 0 and size.
std::vector<size_t> InnerBoundaries(std::string_view s) {
  std::vector<size_t> out;
  for (size_t pos = 0; pos < s.size();) {
    text::DecodeUtf8(s, &pos);
    if (pos < s.size()) out.push_back(pos);
  }
  return out;
}

}  // namespace

double HaversineKm(GeoPoint a, GeoPoint b) {
  const double to_rad = kPi / 180.0;
  const double dlat = (b.lat - a.lat) * to_rad;
  const double dlon = (b.lon - a.lon) * to_rad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * to_rad) * std::cos(b.lat * to_rad) *
                       std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

std::string ShortRegionName(std::string_view name) {
  // Longest suffixes first, so 广西壮族自治区 -> 广西 rather than 广西壮族.
  static constexpr std::array<std::string_view, 15> kSuffixes = {
      "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区",
      "自治州",       "自治县",     "自治旗",     "地区",       "省",
      "市",           "区",         "县",         "盟",         "旗"};
  for (std::string_view suffix : kSuffixes) {
    if (name.size() > suffix.size() &&
        name.substr(name.size() - suffix.size()) == suffix) {
      const std::string_view stem = name.substr(0, name.size() - suffix.size());
      if (text::CountCodePoints(stem) >= 2) return std::string(stem);
      break;
    }
  }
  return std::string(name);
}

Result<RegionTable> RegionTable::Load(const std::string& csv_path) {
  QC_ASSIGN_OR_RETURN(internal::CsvTable table,
                      internal::CsvTable::Read(csv_path));
  std::array<size_t, 6> col{};
  constexpr std::array<std::string_view, 6> kColumns = {
      "code", "name", "level", "parent_code", "lat", "lon"};
  for (size_t c = 0; c < kColumns.size(); ++c) {
    QC_ASSIGN_OR_RETURN(col[c], table.Column(kColumns[c]));
  }
  QC_ASSIGN_OR_RETURN(size_t basis_col, table.Column("coord_basis"));
  RegionTable t;
  t.regions_.push_back(
      Region{"000000", "全国", RegionLevel::kNational, "", std::nullopt, ""});
  t.by_code_.emplace("000000", 0);
  for (size_t i = 0; i < table.rows().size(); ++i) {
    const auto& row = table.rows()[i];
    auto level = ParseLevel(row[col[2]]);
    if (!level.ok() || row[col[0]].size() != 6) {
      return Status::InvalidArgument(table.Where(i), "bad code or level");
    }
    if (!t.by_code_.emplace(row[col[0]], t.regions_.size()).second)
      continue;  // see header
    t.regions_.push_back(Region{row[col[0]], row[col[1]], *level, row[col[3]],
                                ParsePoint(row[col[4]], row[col[5]]),
                                row[basis_col]});
  }
  t.parent_.assign(t.regions_.size(), 0);
  for (size_t i = 1; i < t.regions_.size(); ++i) {
    auto it = t.by_code_.find(t.regions_[i].parent_code);
    if (it == t.by_code_.end() || it->second == i) {
      return Status::InvalidArgument(
          csv_path, "region " + t.regions_[i].code + ": unknown parent");
    }
    t.parent_[i] = it->second;
    t.children_[it->second].push_back(i);
    t.IndexName(i);
  }
  return t;
}

void RegionTable::IndexName(size_t i) {
  const std::string& name = regions_[i].name;
  if (IsPlaceholderName(name)) return;
  by_name_[name].push_back(i);
  const std::string short_name = ShortRegionName(name);
  if (short_name != name) by_name_[short_name].push_back(i);
}

const Region* RegionTable::Find(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &regions_[it->second];
}

bool RegionTable::Within(std::string_view code, std::string_view scope) const {
  auto c = by_code_.find(std::string(code));
  auto s = by_code_.find(std::string(scope));
  if (c == by_code_.end() || s == by_code_.end()) return false;
  for (size_t i = c->second;; i = parent_[i]) {
    if (i == s->second) return true;
    if (i == 0) return false;
  }
}

// Appends the regions under `scope` that `rest` names, whole or as a chain.
void RegionTable::MatchChain(std::string_view rest, size_t scope,
                             std::vector<size_t>* out) const {
  auto whole = by_name_.find(std::string(rest));
  if (whole != by_name_.end()) {
    for (size_t i : whole->second) {
      if (i != scope && Within(regions_[i].code, regions_[scope].code))
        out->push_back(i);
    }
  }
  for (size_t cut : InnerBoundaries(rest)) {
    auto head = by_name_.find(std::string(rest.substr(0, cut)));
    if (head == by_name_.end()) continue;
    for (size_t j : head->second) {
      if (j != scope && Within(regions_[j].code, regions_[scope].code)) {
        MatchChain(rest.substr(cut), j, out);
      }
    }
  }
}

std::vector<const Region*> RegionTable::FindAllByName(
    std::string_view name) const {
  std::string trimmed;
  for (char c : name) {
    if (c != ' ') trimmed.push_back(c);
  }
  std::vector<size_t> found;
  if (!trimmed.empty()) MatchChain(trimmed, 0, &found);
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<const Region*> out;
  for (size_t i : found) out.push_back(&regions_[i]);
  return out;
}

Result<const Region*> RegionTable::FindByName(std::string_view name) const {
  const std::vector<const Region*> all = FindAllByName(name);
  if (all.empty())
    return Status::NotFound("no region named " + std::string(name));
  // One match that contains all the others (吉林 -> 吉林省, not 吉林市) wins.
  for (const Region* candidate : all) {
    const bool contains_all = std::all_of(
        all.begin(), all.end(),
        [&](const Region* r) { return Within(r->code, candidate->code); });
    if (contains_all) return candidate;
  }
  std::string codes;
  for (const Region* r : all) {
    if (!codes.empty()) codes += ", ";
    codes += r->code;
  }
  return Status::InvalidArgument(
      "region", "ambiguous region name " + std::string(name) + ": " + codes);
}

std::vector<const Region*> RegionTable::Ancestors(std::string_view code) const {
  std::vector<const Region*> out;
  auto it = by_code_.find(std::string(code));
  if (it == by_code_.end()) return out;
  for (size_t i = parent_[it->second]; i != 0; i = parent_[i])
    out.push_back(&regions_[i]);
  return out;
}

std::vector<std::string> RegionTable::SelfAndDescendants(
    std::string_view scope) const {
  std::vector<std::string> out;
  auto it = by_code_.find(std::string(scope));
  if (it == by_code_.end()) return out;
  std::vector<size_t> stack = {it->second};
  while (!stack.empty()) {
    const size_t i = stack.back();
    stack.pop_back();
    out.push_back(regions_[i].code);
    auto kids = children_.find(i);
    if (kids == children_.end()) continue;
    stack.insert(stack.end(), kids->second.rbegin(), kids->second.rend());
  }
  return out;
}

Result<LocatedPoint> RegionTable::Locate(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  if (it == by_code_.end())
    return Status::NotFound("no region " + std::string(code));
  for (size_t i = it->second;; i = parent_[i]) {
    if (regions_[i].point)
      return LocatedPoint{*regions_[i].point, regions_[i].code,
                          i != it->second};
    if (i == 0) break;
  }
  return Status::NotFound("no coordinates for region " + std::string(code) +
                          " or its parents");
}

Result<double> RegionTable::DistanceKm(std::string_view a,
                                       std::string_view b) const {
  QC_ASSIGN_OR_RETURN(LocatedPoint pa, Locate(a));
  QC_ASSIGN_OR_RETURN(LocatedPoint pb, Locate(b));
  return HaversineKm(pa.point, pb.point);
}

}  // namespace qiancheng::taxonomy
