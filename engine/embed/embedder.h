// embed/embedder.h -- stage 3 of DESIGN.md's data flow: text + occupation
// codes -> one dense, L2-normalised vector per item (vacancy, training project,
// worker, occupation), which index/ stores and searches by inner product.
// Interface, because an index must record which model made its vectors (id())
// and tests substitute a fixed embedder. Implementations are immutable after
// construction: Embed() is const and thread-safe.
#ifndef QIANCHENG_EMBED_EMBEDDER_H_
#define QIANCHENG_EMBED_EMBEDDER_H_

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace qiancheng::embed {

// A 细类 code N-NN-NN-NN (or a group prefix "4", "4-10", "4-10-01") with the
// share it gets of the item's occupation part.
struct WeightedOccupation {
  std::string code;
  float weight = 1;
};

// What an item says about itself: free text and the occupations it names.
// recipes.h builds one per entity kind.
struct EmbedInput {
  std::string text;
  std::vector<WeightedOccupation> occupations;
};

class Embedder {
 public:
  virtual ~Embedder() = default;
  virtual std::string name() const = 0;  // e.g. "tfidf-lsa"
  virtual int version() const = 0;       // format/algorithm version
  // name/version@fingerprint of the fitted model, e.g. "tfidf-lsa/1@3f9a0c12":
  // index snapshots record it, so a refit invalidates them.
  virtual std::string id() const = 0;
  virtual size_t dim() const = 0;
  // Writes an L2-normalised vector of dim() floats. kInvalidArgument when
  // out.size() != dim(). An input with no known feature and no occupation gives
  // a valid unit vector (each implementation documents which), never NaN.
  virtual Status Embed(const EmbedInput& input, std::span<float> out) const = 0;
  // Same, into a new vector.
  Result<std::vector<float>> Embed(const EmbedInput& input) const;
};

// Inner product of two vectors of equal size (the cosine for unit vectors).
float Dot(std::span<const float> a, std::span<const float> b);

}  // namespace qiancheng::embed

#endif  // QIANCHENG_EMBED_EMBEDDER_H_
