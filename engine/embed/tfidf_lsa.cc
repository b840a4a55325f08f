#include "embed/tfidf_lsa.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "embed/internal/lsa_model.h"
#include "text/features.h"

namespace qiancheng::embed {
namespace {

// Adds (1 + ln count) * idf * kind weight of each feature to `out`, via its
// projection row. `rows` is scratch space.
void AccumulateRows(const internal::LsaModel& m, std::vector<uint32_t>* rows,
                    std::span<float> out) {
  std::sort(rows->begin(), rows->end());
  const Eigen::Index dims = static_cast<Eigen::Index>(m.text_dims);
  Eigen::Map<Eigen::VectorXf> sum(out.data(), dims);
  for (size_t i = 0; i < rows->size();) {
    size_t j = i;
    while (j < rows->size() && (*rows)[j] == (*rows)[i]) ++j;
    const uint32_t row = (*rows)[i];
    const float tf = 1.0f + std::log(static_cast<float>(j - i));
    const float kind = row < m.word_count ? 1.0f : m.bigram_weight;
    sum += (tf * m.idf[row] * kind) * m.projection.row(row).transpose();
    i = j;
  }
}

// Scales `part` to squared norm `share`; returns false (leaving it) if zero.
bool ScaleTo(std::span<float> part, float share) {
  double norm2 = 0;
  for (float v : part) norm2 += static_cast<double>(v) * v;
  if (!(norm2 > 0) || !std::isfinite(norm2)) return false;
  const float scale = static_cast<float>(std::sqrt(share / norm2));
  for (float& v : part) v *= scale;
  return true;
}

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      return Status::Unavailable("write " + path + ": " + std::strerror(errno));
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status FsyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0)
    return Status::Unavailable("open " + path + ": " + std::strerror(errno));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0)
    return Status::Unavailable("fsync " + path + ": " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace

TfidfLsaEmbedder::TfidfLsaEmbedder(
    const taxonomy::Taxonomy& taxonomy,
    std::unique_ptr<const internal::LsaModel> model)
    : taxonomy_(taxonomy),
      model_(std::move(model)),
      occupation_(model_->occupation_dims, model_->seed,
                  model_->level_weights) {}

TfidfLsaEmbedder::~TfidfLsaEmbedder() = default;

size_t TfidfLsaEmbedder::vocabulary_size() const { return model_->idf.size(); }
size_t TfidfLsaEmbedder::text_dims() const { return model_->text_dims; }
size_t TfidfLsaEmbedder::documents() const { return model_->documents; }
uint64_t TfidfLsaEmbedder::fingerprint() const { return model_->fingerprint; }

std::string TfidfLsaEmbedder::id() const {
  char hex[9];
  std::snprintf(hex, sizeof(hex), "%08x",
                static_cast<unsigned>(model_->fingerprint & 0xffffffffu));
  std::string out = name();
  out.append("/").append(std::to_string(version())).append("@").append(hex);
  return out;
}

void TfidfLsaEmbedder::AddTextPart(std::string_view text,
                                   std::span<float> out) const {
  if (text.empty()) return;
  const std::string normalized = taxonomy_.normalizer.Normalize(text);
  const text::TextFeatures features =
      text::ExtractFeatures(taxonomy_.segmenter, normalized);
  std::vector<uint32_t> rows;
  rows.reserve(features.words.size() + features.bigrams.size());
  for (const auto& w : features.words) {
    auto it = model_->words.find(w);
    if (it != model_->words.end()) rows.push_back(it->second);
  }
  for (const auto& b : features.bigrams) {
    auto it = model_->bigrams.find(b);
    if (it != model_->bigrams.end()) rows.push_back(it->second);
  }
  AccumulateRows(*model_, &rows, out);
}

Status TfidfLsaEmbedder::Embed(const EmbedInput& input,
                               std::span<float> out) const {
  if (out.size() != dim()) {
    return Status::InvalidArgument("out", "has " + std::to_string(out.size()) +
                                              " floats, the embedder " +
                                              std::to_string(dim()));
  }
  std::fill(out.begin(), out.end(), 0.0f);
  const size_t text_dims = model_->text_dims;
  const std::span<float> text_part = out.first(text_dims);
  const std::span<float> code_part = out.subspan(text_dims);
  AddTextPart(input.text, text_part);
  for (const auto& o : input.occupations) {
    if (o.weight > 0) occupation_.Add(o.code, o.weight, code_part);
  }
  const float share = model_->occupation_share;
  const bool has_codes = ScaleTo(code_part, share);
  const bool has_text = ScaleTo(text_part, 1.0f - share);
  if (has_text && has_codes) return Status::Ok();
  // One part alone takes the whole norm (see the header).
  if (has_text || has_codes) {
    (void)ScaleTo(has_text ? text_part : code_part, 1.0f);
    return Status::Ok();
  }
  std::fill(out.begin(), out.end(), 0.0f);
  out[text_dims > 0 ? text_dims - 1 : out.size() - 1] = 1.0f;
  return Status::Ok();
}

Status TfidfLsaEmbedder::Save(const std::string& path) const {
  const std::string image = internal::Serialize(*model_);
  const std::filesystem::path target(path);
  const std::filesystem::path dir =
      target.has_parent_path() ? target.parent_path() : ".";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return Status::Unavailable("create " + dir.string() + ": " + ec.message());
  const std::string temp = path + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return Status::Unavailable("open " + temp + ": " + std::strerror(errno));
  Status s = WriteAll(fd, image, temp);
  if (s.ok() && ::fsync(fd) != 0)
    s = Status::Unavailable("fsync " + temp + ": " + std::strerror(errno));
  ::close(fd);
  if (s.ok() && std::rename(temp.c_str(), path.c_str()) != 0)
    s = Status::Unavailable("rename " + temp + ": " + std::strerror(errno));
  if (!s.ok()) {
    ::unlink(temp.c_str());
    return s;
  }
  // The rename is durable only once the directory entry is.
  return FsyncPath(dir.string(), O_RDONLY | O_DIRECTORY);
}

Result<std::unique_ptr<TfidfLsaEmbedder>> TfidfLsaEmbedder::Load(
    const std::string& path, const taxonomy::Taxonomy& taxonomy) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound("no embedder model at " + path);
  const size_t size =
      static_cast<size_t>(std::max<std::streamoff>(in.tellg(), 0));
  // Uninitialised: zeroing 30 MB first would cost as much as reading it.
  const auto image = std::make_unique_for_overwrite<char[]>(size);
  in.seekg(0);
  in.read(image.get(), static_cast<std::streamsize>(size));
  if (!in) return Status::Unavailable("read " + path);
  QC_ASSIGN_OR_RETURN(
      internal::LsaModel model,
      internal::Parse(std::string_view(image.get(), size), kVersion));
  const uint64_t signature = internal::TaxonomySignature(
      taxonomy.occupations.entries().size(), taxonomy.segmenter.word_count());
  if (model.taxonomy_signature != signature) {
    return Status::FailedPrecondition(
        "embedder model " + path +
        " was fitted with another dictionary or occupation catalog; refit");
  }
  return std::unique_ptr<TfidfLsaEmbedder>(new TfidfLsaEmbedder(
      taxonomy, std::make_unique<const internal::LsaModel>(std::move(model))));
}

}  // namespace qiancheng::embed
