#include "taxonomy/taxonomy.h"

namespace qiancheng::taxonomy {

Result<Taxonomy> LoadTaxonomy(const std::string& data_dir) {
  QC_ASSIGN_OR_RETURN(text::Normalizer normalizer,
                      text::Normalizer::Load(data_dir + "/dict/opencc"));
  text::SegmenterBuilder builder;
  QC_RETURN_IF_ERROR(builder.LoadDictionary(data_dir + "/dict/jieba_dict.txt"));
  QC_RETURN_IF_ERROR(builder.LoadHmm(data_dir + "/dict/jieba_hmm_model.tsv"));
  QC_ASSIGN_OR_RETURN(
      OccupationCatalog occupations,
      OccupationCatalog::Load(
          data_dir + "/occupations/occupations_2022.csv",
          data_dir + "/occupations/occupation_categories_2022.csv", normalizer,
          &builder));
  return Taxonomy{std::move(normalizer), std::move(builder).Build(),
                  std::move(occupations)};
}

}  // namespace qiancheng::taxonomy
