#include "index/vector_index.h"

#include <cmath>

namespace qiancheng::index {

Status CheckVector(std::span<const float> vec, size_t dim) {
  if (vec.size() != dim) {
    return Status::InvalidArgument(
        "vector", "has " + std::to_string(vec.size()) + " values, want " +
                      std::to_string(dim));
  }
  for (const float v : vec) {
    if (!std::isfinite(v)) {
      return Status::InvalidArgument("vector", "holds a NaN or infinity");
    }
  }
  return Status::Ok();
}

Status CheckBatch(std::span<const std::string> ids, std::span<const float> vecs,
                  size_t dim) {
  if (vecs.size() != ids.size() * dim) {
    return Status::InvalidArgument("vectors", "want ids.size() * dim values");
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    std::string at = "[";  // built by appends: g++ 12 -Wrestrict false alarm
    at += std::to_string(i);
    at += "]";
    if (ids[i].empty()) {
      return Status::InvalidArgument("ids" + at, "must not be empty");
    }
    QC_RETURN_IF_ERROR(CheckVector(vecs.subspan(i * dim, dim), dim)
                           .WithFieldPrefix("vectors" + at));
  }
  return Status::Ok();
}

Status CheckSearch(std::span<const float> query, size_t dim,
                   const SearchParams& params, const IdFilter* filter,
                   uint64_t layout) {
  if (params.k == 0) return Status::InvalidArgument("k", "must be at least 1");
  QC_RETURN_IF_ERROR(CheckVector(query, dim).WithFieldPrefix("query"));
  if (filter != nullptr && filter->layout() != layout) {
    return Status::FailedPrecondition(
        "index: the filter was built for another row layout; build it again");
  }
  return Status::Ok();
}

}  // namespace qiancheng::index
