// recommend/geo_grid.h -- "what is near this point" for the catalog: items
// bucketed in cells of 0.1 degree (about 11 km north-south, 9-11 km east-west
// in China), so a query walks only the cells that overlap the circle's
// bounding box and measures each item there (an equirectangular distance:
// within a few hundred km its error is well under 1%, and it needs one cosine
// per query, not per item). Items are pointers into the catalog's maps, whose
// nodes do not move; the catalog removes an item before it erases or changes
// it. Each cell also keeps the packed table of its items' index rows
// (packed_rows.h), rebuilt after the cell changes (Add, Remove, Touch).
// Thread-safety: none of its own; the catalog's lock guards it (the tables
// have their own mutex, for readers building them at once).
#ifndef QIANCHENG_RECOMMEND_GEO_GRID_H_
#define QIANCHENG_RECOMMEND_GEO_GRID_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "recommend/packed_rows.h"

namespace qiancheng::recommend {

template <class T>
class GeoGrid {
 public:
  struct Entry {
    const T* item;
    double lat, lon;
  };

  void Add(const T* item, double lat, double lon) {
    Bucket& cell = cells_[Key(lat, lon)];
    cell.entries.push_back(Entry{item, lat, lon});
    cell.packed.Bump();
  }
  void Remove(const T* item, double lat, double lon) {
    auto it = cells_.find(Key(lat, lon));
    if (it == cells_.end()) return;
    auto& entries = it->second.entries;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].item == item) {
        entries[i] = entries.back();
        entries.pop_back();
        break;
      }
    }
    it->second.packed.Bump();
    if (entries.empty()) cells_.erase(it);
  }
  // The cell of (lat, lon) must rebuild its packed table (an item there
  // changed its facts or its index row).
  void Touch(double lat, double lon) {
    if (auto it = cells_.find(Key(lat, lon)); it != cells_.end()) {
      it->second.packed.Bump();
    }
  }

  // Calls fn(std::span<const Entry>, const PackedSlot&) for each cell that
  // overlaps the bounding box of the circle.
  template <class Fn>
  void ForEachCellNear(double lat, double lon, double radius_km,
                       Fn&& fn) const {
    ForEachCell(lat, lon, radius_km, [&](const Bucket& cell) {
      fn(std::span<const Entry>(cell.entries), cell.packed);
    });
  }
  // Calls fn(std::span<const Entry>, const PackedSlot&) for every cell.
  template <class Fn>
  void ForEachCellAll(Fn&& fn) const {
    for (const auto& [key, cell] : cells_) {
      fn(std::span<const Entry>(cell.entries), cell.packed);
    }
  }

  // Items in the cells that overlap the bounding box of the circle: an upper
  // bound of ForEachWithin's count, at the cost of one lookup per cell.
  size_t CountNear(double lat, double lon, double radius_km) const {
    size_t count = 0;
    ForEachCell(lat, lon, radius_km,
                [&](const Bucket& cell) { count += cell.entries.size(); });
    return count;
  }

  // Calls fn(const T&, double km) for every item within radius_km of
  // (lat, lon).
  template <class Fn>
  void ForEachWithin(double lat, double lon, double radius_km, Fn&& fn) const {
    const double cos_lat = CosLat(lat);
    ForEachCell(lat, lon, radius_km, [&](const Bucket& cell) {
      for (const Entry& e : cell.entries) {
        const double km = Km(lat, lon, cos_lat, e.lat, e.lon);
        if (km <= radius_km) fn(*e.item, km);
      }
    });
  }

  // The grid's measure from one point, for tests of many items: squared
  // offsets, no square root.
  class Ruler {
   public:
    Ruler(double lat, double lon)
        : lat_(lat), lon_(lon), cos_lat_(CosLat(lat)) {}
    bool Within(double lat, double lon, double radius_km) const {
      const double y = (lat - lat_) * kKmPerDegree;
      const double x = (lon - lon_) * kKmPerDegree * cos_lat_;
      return x * x + y * y <= radius_km * radius_km;
    }

   private:
    double lat_, lon_, cos_lat_;
  };

  // The distance the grid measures, for callers that filter items found
  // another way (an index search) by the same rule.
  static double DistanceKm(double lat, double lon, double lat2, double lon2) {
    return Km(lat, lon, CosLat(lat), lat2, lon2);
  }

 private:
  struct Bucket {
    std::vector<Entry> entries;
    PackedSlot packed;
  };
  static constexpr double kKmPerDegree = 111.195;
  static double CosLat(double lat) {
    return std::max(0.01, std::cos(lat * M_PI / 180.0));
  }
  static double Km(double lat, double lon, double cos_lat, double lat2,
                   double lon2) {
    const double y = (lat2 - lat) * kKmPerDegree;
    const double x = (lon2 - lon) * kKmPerDegree * cos_lat;
    return std::sqrt(x * x + y * y);
  }
  template <class Fn>
  void ForEachCell(double lat, double lon, double radius_km, Fn&& fn) const {
    const double dlat = radius_km / kKmPerDegree;
    const double dlon = radius_km / (kKmPerDegree * CosLat(lat));
    const int64_t r0 = Cell(lat - dlat), r1 = Cell(lat + dlat);
    const int64_t c0 = Cell(lon - dlon), c1 = Cell(lon + dlon);
    for (int64_t r = r0; r <= r1; ++r) {
      for (int64_t c = c0; c <= c1; ++c) {
        auto it = cells_.find(KeyOf(r, c));
        if (it != cells_.end()) fn(it->second);
      }
    }
  }
  static int64_t Cell(double degrees) {
    return static_cast<int64_t>(std::floor(degrees * 10.0));
  }
  static int64_t KeyOf(int64_t row, int64_t col) {
    return (row + 100000) * 1000000 + (col + 100000);
  }
  static int64_t Key(double lat, double lon) {
    return KeyOf(Cell(lat), Cell(lon));
  }
  std::unordered_map<int64_t, Bucket> cells_;
};

}  // namespace qiancheng::recommend

#endif  // QIANCHENG_RECOMMEND_GEO_GRID_H_
