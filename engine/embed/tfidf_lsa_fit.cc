// TfidfLsaEmbedder::Fit: corpus -> vocabulary with idf -> TF-IDF matrix ->
// randomised SVD -> projection (see tfidf_lsa.h).
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "embed/internal/lsa_model.h"
#include "embed/tfidf_lsa.h"
#include "text/features.h"

namespace qiancheng::embed {
namespace {

constexpr size_t kProgressEvery = 1000;  // documents between progress calls

Status ValidateOptions(const FitOptions& o) {
  if (o.dim == 0 || o.dim % 8 != 0 || o.dim > 4096)
    return Status::InvalidArgument("dim", "must be a multiple of 8, 8..4096");
  if (o.occupation_dims % 8 != 0 || o.occupation_dims >= o.dim)
    return Status::InvalidArgument("occupation_dims",
                                   "must be a multiple of 8 and less than dim");
  if (!(o.occupation_share >= 0 && o.occupation_share <= 1))
    return Status::InvalidArgument("occupation_share", "must be in [0, 1]");
  if (!(o.bigram_weight >= 0))
    return Status::InvalidArgument("bigram_weight", "must be >= 0");
  float sum = 0;
  for (float w : o.level_weights) {
    if (!(w >= 0))
      return Status::InvalidArgument("level_weights", "must be >= 0");
    sum += w;
  }
  if (std::abs(sum - 1.0f) > 1e-3f)
    return Status::InvalidArgument("level_weights", "must sum to 1");
  return Status::Ok();
}

// The catalog as documents: one per 细类 (name, 工种, definition, task
// sentences, minus the held-out ones) and one per group (name, description).
std::vector<std::string> CatalogDocuments(const taxonomy::Taxonomy& taxonomy,
                                          const FitOptions& options) {
  const auto kept = [&](const std::string& text) {
    return options.held_out.empty() ||
           !options.held_out.count(taxonomy.normalizer.Normalize(text));
  };
  std::vector<std::string> docs;
  for (const auto& e : taxonomy.occupations.entries()) {
    std::string doc = e.occupation.name;
    for (const auto& w : e.work_types) {
      if (kept(w)) doc.append("\n").append(w);
    }
    doc.append("\n").append(e.occupation.definition);
    for (const auto& t : e.task_sentences) {
      if (kept(t)) doc.append("\n").append(t);
    }
    docs.push_back(std::move(doc));
  }
  for (const auto& g : taxonomy.occupations.groups()) {
    std::string doc = g.name;
    doc.append("\n").append(g.description);
    docs.push_back(std::move(doc));
  }
  return docs;
}

// Term counts of every document over provisional feature ids.
struct Counts {
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> docs;  // (id, tf)
  std::vector<std::string> names;                                // by id
  std::vector<bool> is_word;                                     // by id
  std::vector<uint32_t> df;                                      // by id
  std::vector<bool> in_catalog;                                  // by id
};

void CountDocument(const std::vector<std::string>& words,
                   const std::vector<std::string>& bigrams,
                   std::unordered_map<std::string, uint32_t>* word_ids,
                   std::unordered_map<std::string, uint32_t>* bigram_ids,
                   bool catalog, Counts* counts) {
  std::vector<uint32_t> ids;
  const auto add = [&](const std::string& key, bool word) {
    auto& table = word ? *word_ids : *bigram_ids;
    auto [it, inserted] =
        table.emplace(key, static_cast<uint32_t>(counts->names.size()));
    if (inserted) {
      counts->names.push_back(key);
      counts->is_word.push_back(word);
      counts->df.push_back(0);
      counts->in_catalog.push_back(false);
    }
    if (catalog) counts->in_catalog[it->second] = true;
    ids.push_back(it->second);
  };
  for (const auto& w : words) add(w, true);
  for (const auto& b : bigrams) add(b, false);
  std::sort(ids.begin(), ids.end());
  auto& doc = counts->docs.emplace_back();
  for (size_t i = 0; i < ids.size();) {
    size_t j = i;
    while (j < ids.size() && ids[j] == ids[i]) ++j;
    doc.emplace_back(ids[i], static_cast<uint32_t>(j - i));
    ++counts->df[ids[i]];
    i = j;
  }
}

// Documents [0, catalog_docs) are the catalog's.
Counts CountCorpus(const taxonomy::Taxonomy& taxonomy,
                   const std::vector<std::string>& docs, size_t catalog_docs,
                   const FitProgress& progress) {
  Counts counts;
  std::unordered_map<std::string, uint32_t> word_ids, bigram_ids;
  for (size_t i = 0; i < docs.size(); ++i) {
    const auto features = text::ExtractFeatures(
        taxonomy.segmenter, taxonomy.normalizer.Normalize(docs[i]));
    CountDocument(features.words, features.bigrams, &word_ids, &bigram_ids,
                  i < catalog_docs, &counts);
    if (progress && (i + 1) % kProgressEvery == 0)
      progress("features", i + 1, docs.size());
  }
  if (progress) progress("features", docs.size(), docs.size());
  return counts;
}

// Keeps the catalog's features and those seen in enough documents: words first,
// each kind by name, so the rows do not depend on document order. Returns
// provisional id -> row (UINT32_MAX for dropped ones) and fills the model's
// names and idf.
std::vector<uint32_t> BuildVocabulary(const Counts& counts,
                                      const FitOptions& options,
                                      internal::LsaModel* model) {
  std::vector<uint32_t> order;
  for (uint32_t id = 0; id < counts.names.size(); ++id) {
    if (counts.in_catalog[id] ||
        counts.df[id] >= options.min_document_frequency)
      order.push_back(id);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (counts.is_word[a] != counts.is_word[b]) return bool(counts.is_word[a]);
    return counts.names[a] < counts.names[b];
  });
  std::vector<uint32_t> row_of(counts.names.size(), UINT32_MAX);
  const double n = static_cast<double>(counts.docs.size());
  for (uint32_t row = 0; row < order.size(); ++row) {
    const uint32_t id = order[row];
    row_of[id] = row;
    model->feature_names.push_back(counts.names[id]);
    if (counts.is_word[id]) model->word_count = row + 1;
    // Smoothed idf (+1: a feature in every document still counts a little).
    model->idf.push_back(static_cast<float>(
        std::log((1 + n) / (1 + static_cast<double>(counts.df[id]))) + 1));
  }
  return row_of;
}

// Documents x features, TF-IDF weighted, rows L2-normalised so long documents
// do not dominate the factorisation.
internal::SparseRows TfidfMatrix(const Counts& counts,
                                 const std::vector<uint32_t>& row_of,
                                 const internal::LsaModel& model) {
  std::vector<Eigen::Triplet<float, int64_t>> triplets;
  for (size_t d = 0; d < counts.docs.size(); ++d) {
    const size_t first = triplets.size();
    double norm2 = 0;
    for (const auto& [id, tf] : counts.docs[d]) {
      const uint32_t row = row_of[id];
      if (row == UINT32_MAX) continue;
      const float kind = row < model.word_count ? 1.0f : model.bigram_weight;
      const float v =
          (1.0f + std::log(static_cast<float>(tf))) * model.idf[row] * kind;
      norm2 += static_cast<double>(v) * v;
      triplets.emplace_back(static_cast<int64_t>(d), row, v);
    }
    if (norm2 <= 0) continue;
    const float scale = static_cast<float>(1 / std::sqrt(norm2));
    for (size_t i = first; i < triplets.size(); ++i) {
      triplets[i] = Eigen::Triplet<float, int64_t>(
          triplets[i].row(), triplets[i].col(), triplets[i].value() * scale);
    }
  }
  internal::SparseRows matrix(static_cast<int64_t>(counts.docs.size()),
                              static_cast<int64_t>(model.feature_names.size()));
  matrix.setFromTriplets(triplets.begin(), triplets.end());
  return matrix;
}

// The model's parameters before fitting.
std::unique_ptr<internal::LsaModel> NewModel(const taxonomy::Taxonomy& taxonomy,
                                             const FitOptions& options,
                                             size_t documents) {
  auto model = std::make_unique<internal::LsaModel>();
  model->text_dims = options.dim - options.occupation_dims;
  model->occupation_dims = options.occupation_dims;
  model->seed = options.seed;
  model->level_weights = options.level_weights;
  model->occupation_share = options.occupation_share;
  model->bigram_weight = options.bigram_weight;
  model->documents = documents;
  model->taxonomy_signature = internal::TaxonomySignature(
      taxonomy.occupations.entries().size(), taxonomy.segmenter.word_count());
  return model;
}

}  // namespace

Result<std::unique_ptr<TfidfLsaEmbedder>> TfidfLsaEmbedder::Fit(
    const taxonomy::Taxonomy& taxonomy, std::span<const EmbedInput> extra,
    const FitOptions& options, const FitProgress& progress) {
  QC_RETURN_IF_ERROR(ValidateOptions(options));
  std::vector<std::string> docs = CatalogDocuments(taxonomy, options);
  const size_t catalog_docs = docs.size();
  // Evenly spaced when there are more than max_documents: every part of the
  // store (by id order) is represented, deterministically.
  const size_t take = std::min(extra.size(), options.max_documents);
  for (size_t i = 0; i < take; ++i)
    docs.push_back(extra[i * extra.size() / take].text);

  auto model = NewModel(taxonomy, options, docs.size());
  const Counts counts = CountCorpus(taxonomy, docs, catalog_docs, progress);
  const std::vector<uint32_t> row_of =
      BuildVocabulary(counts, options, model.get());
  const internal::SparseRows matrix = TfidfMatrix(counts, row_of, *model);
  if (progress) progress("svd", 0, 1);
  internal::SvdOptions svd_options;
  svd_options.rank = model->text_dims;
  svd_options.oversampling = options.oversampling;
  svd_options.power_iterations = options.power_iterations;
  svd_options.seed = options.seed;
  model->projection = internal::RandomizedSvd(matrix, svd_options).right;
  // The file stores half precision; rounding here makes a loaded model embed
  // exactly like the fitted one.
  internal::RoundToHalf(&model->projection);
  if (progress) progress("svd", 1, 1);
  model->BuildIndex();
  model->fingerprint = internal::Fingerprint(*model);
  if (progress) progress("done", 1, 1);
  return std::unique_ptr<TfidfLsaEmbedder>(
      new TfidfLsaEmbedder(taxonomy, std::move(model)));
}

}  // namespace qiancheng::embed
