// taxonomy/regions.h -- reference data beside the flow: GB/T 2260 regions
// (data/regions/regions_gbt2260.csv) for region-scoped filters, counselor keys
// and travel distance. Levels: 000000 (the country, implicit) > province > city
// > county/district. Parents come from the file's parent_code, not from code
// arithmetic, so 省直辖县 (429004 仙桃市 under 429000) and the municipalities'
// 市辖区 rows (110100) chain correctly. Rows without coordinates inherit the
// nearest ancestor's point, and the result says so.
// Immutable after Load(); const methods are thread-safe.
#ifndef QIANCHENG_TAXONOMY_REGIONS_H_
#define QIANCHENG_TAXONOMY_REGIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace qiancheng::taxonomy {

enum class RegionLevel { kNational = 0, kProvince = 1, kCity = 2, kCounty = 3 };

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

struct Region {
  std::string code;  // 6 digits
  std::string name;  // "雁塔区"
  RegionLevel level = RegionLevel::kCounty;
  std::string parent_code;  // "" for 000000
  std::optional<GeoPoint> point;
  std::string coord_basis;  // how the source found the point
};

struct LocatedPoint {
  GeoPoint point;
  std::string source_code;  // the region whose point this is
  bool inherited = false;   // true when taken from an ancestor (no own point)
};

// Great-circle distance in km on a sphere of radius 6371.0088 km (mean radius).
double HaversineKm(GeoPoint a, GeoPoint b);

class RegionTable {
 public:
  // kNotFound for a missing file; kInvalidArgument ("file:line") for a bad row
  // or a parent that does not exist. A second row with an existing code (the
  // file lists 东莞/中山/儋州 as both city and county) is skipped.
  static Result<RegionTable> Load(const std::string& csv_path);

  // The region with `code`, or nullptr. "000000" is the country.
  const Region* Find(std::string_view code) const;
  // The region named `name`: a full name ("雁塔区"), a name without its level
  // suffix ("雁塔"), or a chain of them from an outer region ("西安市雁塔区",
  // "陕西西安"). kNotFound when nothing matches; kInvalidArgument listing the
  // codes when several regions match equally (朝阳区 is in 北京 and 长春).
  Result<const Region*> FindByName(std::string_view name) const;
  // Every region `name` can mean (empty when none).
  std::vector<const Region*> FindAllByName(std::string_view name) const;
  // Parent chain of `code`, nearest first, up to the province (000000 not
  // included). Empty for an unknown code or a province.
  std::vector<const Region*> Ancestors(std::string_view code) const;
  // True when `code` is `scope` or lies under it (000000 contains every code).
  bool Within(std::string_view code, std::string_view scope) const;
  // `scope` and every region under it, `scope` first.
  std::vector<std::string> SelfAndDescendants(std::string_view scope) const;
  // The point of `code`, or of its nearest ancestor with one. kNotFound for an
  // unknown code or when no ancestor has a point.
  Result<LocatedPoint> Locate(std::string_view code) const;
  // Distance in km between the points of two regions (see Locate()).
  Result<double> DistanceKm(std::string_view a, std::string_view b) const;

  size_t size() const { return regions_.size(); }

 private:
  void IndexName(size_t i);
  void MatchChain(std::string_view rest, size_t scope,
                  std::vector<size_t>* out) const;

  std::vector<Region> regions_;  // [0] is 000000
  std::unordered_map<std::string, size_t> by_code_;
  std::unordered_map<std::string, std::vector<size_t>>
      by_name_;  // full and short names
  std::unordered_map<size_t, std::vector<size_t>> children_;
  std::vector<size_t> parent_;  // index of the parent; 0's parent is itself
};

// `name` without its level suffix (省 市 区 县 自治区 …), or `name` when the
// result would be shorter than two characters.
std::string ShortRegionName(std::string_view name);

}  // namespace qiancheng::taxonomy

#endif  // QIANCHENG_TAXONOMY_REGIONS_H_
