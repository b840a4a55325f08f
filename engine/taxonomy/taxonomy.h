// taxonomy/taxonomy.h -- loads the text models and the occupation catalog
// together, because each needs the other: the segmenter's domain dictionary is
// the occupation names and 工种, and the 工种 are recovered from the source's
// run-together strings with that dictionary (work_types.h). Order: jieba
// dictionary + HMM, occupation names, split 工种, add 工种, build.
// The result is immutable and thread-safe to share; load it once per process.
#ifndef QIANCHENG_TAXONOMY_TAXONOMY_H_
#define QIANCHENG_TAXONOMY_TAXONOMY_H_

#include <string>

#include "core/result.h"
#include "taxonomy/occupations.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace qiancheng::taxonomy {

struct Taxonomy {
  text::Normalizer normalizer;
  text::Segmenter segmenter;  // jieba + occupation names + 工种
  OccupationCatalog occupations;
};

// Loads from the repository's data/ layout under `data_dir`: dict/opencc/,
// dict/jieba_dict.txt, dict/jieba_hmm_model.tsv, occupations/*.csv.
// Errors are those of the underlying loaders (kNotFound, kInvalidArgument).
Result<Taxonomy> LoadTaxonomy(const std::string& data_dir);

}  // namespace qiancheng::taxonomy

#endif  // QIANCHENG_TAXONOMY_TAXONOMY_H_
