#include "embed/embedder.h"

#include <cassert>

namespace qiancheng::embed {

Result<std::vector<float>> Embedder::Embed(const EmbedInput& input) const {
  std::vector<float> out(dim());
  QC_RETURN_IF_ERROR(Embed(input, std::span<float>(out)));
  return out;
}

float Dot(std::span<const float> a, std::span<const float> b) {
  // Callers compare vectors of one embedder; a size mismatch is a bug.
  assert(a.size() == b.size());
  float sum = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) sum += a[i] * b[i];
  return sum;
}

}  // namespace qiancheng::embed
