#include "index/synthetic.h"

#include <cmath>
#include <random>

namespace qiancheng::index {

std::vector<float> ClusteredVectors(const ClusteredSpec& spec, size_t n,
                                    uint64_t stream) {
  std::mt19937_64 centre_rng(spec.seed);
  std::normal_distribution<float> normal;
  std::vector<float> centres(spec.clusters * spec.dim);
  for (float& c : centres) c = normal(centre_rng);
  std::mt19937_64 rng(spec.seed ^ (0x9E3779B97F4A7C15ull * (stream + 1)));
  std::uniform_int_distribution<size_t> pick(0, spec.clusters - 1);
  // basis[c] is a dim x latent matrix scaled so a point's spread per
  // coordinate is about `spread`.
  const size_t latent = spec.latent;
  std::vector<float> basis(spec.clusters * spec.dim * latent);
  const float scale_basis =
      latent == 0 ? 0.0f : spec.spread / std::sqrt(static_cast<float>(latent));
  for (float& b : basis) b = scale_basis * normal(centre_rng);
  const float noise = latent == 0 ? spec.spread : spec.spread * spec.noise;
  std::vector<float> out(n * spec.dim);
  std::vector<float> z(latent);
  for (size_t i = 0; i < n; ++i) {
    const size_t c = pick(rng);
    const float* centre = centres.data() + c * spec.dim;
    const float* b = basis.data() + c * spec.dim * latent;
    for (float& x : z) x = normal(rng);
    float* v = out.data() + i * spec.dim;
    double norm = 0;
    for (size_t j = 0; j < spec.dim; ++j) {
      float x = centre[j] + noise * normal(rng);
      for (size_t l = 0; l < latent; ++l) x += b[j * latent + l] * z[l];
      v[j] = x;
      norm += static_cast<double>(x) * x;
    }
    const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
    for (size_t j = 0; j < spec.dim; ++j) v[j] *= scale;
  }
  return out;
}

std::vector<std::string> SequentialIds(size_t n, std::string_view prefix) {
  std::vector<std::string> ids;
  ids.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string id(prefix);
    id += std::to_string(i);
    ids.push_back(std::move(id));
  }
  return ids;
}

}  // namespace qiancheng::index
