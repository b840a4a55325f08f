// The model file: a fixed header, then the payload, little-endian as the
// machines we run on write it (x86-64, aarch64).
//   header:  magic "QCEMBED1", u32 format version, u32 dim, u32 text_dims,
//            u32 occupation_dims, u32 features, u32 word features,
//            u64 payload bytes, u64 fingerprint (FNV-1a of the payload),
//            u64 checksum (FNV-1a of the header before it and the payload);
//   payload: u32 seed, f32 occupation_share, f32 bigram_weight, 4 x f32 level
//            weights, u64 documents, u64 taxonomy signature, per feature u16
//            length + UTF-8 name, f32 idf per feature, then the projection,
//            features x text_dims IEEE half floats, row by row.
#include <cstring>
#include <string_view>
#include <vector>

#include "embed/internal/hash.h"
#include "embed/internal/lsa_model.h"

namespace qiancheng::embed::internal {
namespace {

constexpr char kMagic[8] = {'Q', 'C', 'E', 'M', 'B', 'E', 'D', '1'};
constexpr size_t kHeaderSize = 8 + 6 * 4 + 3 * 8;
constexpr size_t kChecksumOffset = kHeaderSize - 8;

template <class T>
void Put(std::string* out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

// Reads values off an image; every read is bounds-checked.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <class T>
  bool Get(T* value) {
    if (bytes_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool GetBytes(size_t n, std::string_view* out) {
    if (bytes_.size() - pos_ < n) return false;
    *out = bytes_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  size_t remaining() const { return bytes_.size() - pos_; }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

std::string Payload(const LsaModel& m) {
  std::string out;
  Put<uint32_t>(&out, m.seed);
  Put<float>(&out, m.occupation_share);
  Put<float>(&out, m.bigram_weight);
  for (float w : m.level_weights) Put<float>(&out, w);
  Put<uint64_t>(&out, m.documents);
  Put<uint64_t>(&out, m.taxonomy_signature);
  for (const auto& name : m.feature_names) {
    Put<uint16_t>(&out, static_cast<uint16_t>(name.size()));
    out.append(name);
  }
  out.append(reinterpret_cast<const char*>(m.idf.data()),
             m.idf.size() * sizeof(float));
  const size_t values = static_cast<size_t>(m.projection.size());
  std::vector<Eigen::half> halves(values);
  for (size_t i = 0; i < values; ++i)
    halves[i] = static_cast<Eigen::half>(m.projection.data()[i]);
  out.append(reinterpret_cast<const char*>(halves.data()),
             values * sizeof(Eigen::half));
  return out;
}

Status Corrupt(std::string_view what) {
  std::string message = "embedder model file is corrupt: ";
  message.append(what);
  return Status::Internal(message);
}

Status ParsePayload(Reader* r, uint32_t features, LsaModel* m) {
  bool ok = r->Get(&m->seed) && r->Get(&m->occupation_share) &&
            r->Get(&m->bigram_weight);
  for (float& w : m->level_weights) ok = ok && r->Get(&w);
  ok = ok && r->Get(&m->documents) && r->Get(&m->taxonomy_signature);
  if (!ok) return Corrupt("truncated parameters");
  m->feature_names.resize(features);
  for (auto& name : m->feature_names) {
    uint16_t length = 0;
    std::string_view bytes;
    if (!r->Get(&length) || !r->GetBytes(length, &bytes))
      return Corrupt("truncated feature names");
    name.assign(bytes);
  }
  const size_t values = features * m->text_dims;
  if (r->remaining() != features * sizeof(float) + values * sizeof(Eigen::half))
    return Corrupt("size does not match the dimensions");
  std::string_view bytes;
  m->idf.resize(features);
  (void)r->GetBytes(features * sizeof(float), &bytes);
  std::memcpy(m->idf.data(), bytes.data(), bytes.size());
  m->projection.resize(features, static_cast<Eigen::Index>(m->text_dims));
  (void)r->GetBytes(r->remaining(), &bytes);
  // A table of all 65,536 halves: a load converts ~15 million of them, and
  // a lookup beats the bit-by-bit conversion without F16C instructions.
  std::vector<float> table(1 << 16);
  for (uint32_t bits = 0; bits < table.size(); ++bits) {
    table[bits] = static_cast<float>(
        Eigen::numext::bit_cast<Eigen::half>(static_cast<uint16_t>(bits)));
  }
  float* projection = m->projection.data();
  for (size_t i = 0; i < values; ++i) {
    uint16_t bits;
    std::memcpy(&bits, bytes.data() + 2 * i, sizeof(bits));
    projection[i] = table[bits];
  }
  return Status::Ok();
}

}  // namespace

void LsaModel::BuildIndex() {
  words.clear();
  bigrams.clear();
  for (size_t i = 0; i < feature_names.size(); ++i) {
    auto& table = i < word_count ? words : bigrams;
    table.emplace(feature_names[i], static_cast<uint32_t>(i));
  }
}

void RoundToHalf(RowMajorMatrix* matrix) {
  for (Eigen::Index i = 0; i < matrix->size(); ++i) {
    matrix->data()[i] =
        static_cast<float>(static_cast<Eigen::half>(matrix->data()[i]));
  }
}

uint64_t TaxonomySignature(size_t occupations, size_t dictionary_words) {
  std::string bytes;
  Put<uint64_t>(&bytes, occupations);
  Put<uint64_t>(&bytes, dictionary_words);
  return Fnv1a64(bytes);
}

uint64_t Fingerprint(const LsaModel& model) { return Fnv1a64(Payload(model)); }

std::string Serialize(const LsaModel& m) {
  const LsaModel* model = &m;
  const std::string payload = Payload(m);
  std::string out(kMagic, sizeof(kMagic));
  Put<uint32_t>(&out, 1);  // format version, see TfidfLsaEmbedder::kVersion
  Put<uint32_t>(
      &out, static_cast<uint32_t>(model->text_dims + model->occupation_dims));
  Put<uint32_t>(&out, static_cast<uint32_t>(model->text_dims));
  Put<uint32_t>(&out, static_cast<uint32_t>(model->occupation_dims));
  Put<uint32_t>(&out, static_cast<uint32_t>(model->feature_names.size()));
  Put<uint32_t>(&out, static_cast<uint32_t>(model->word_count));
  Put<uint64_t>(&out, payload.size());
  Put<uint64_t>(&out, model->fingerprint);
  const uint64_t checksum =
      Mix(Fnv1a64Update(Fnv1a64Update(kFnvOffset, out), payload));
  Put<uint64_t>(&out, checksum);
  out.append(payload);
  return out;
}

Result<LsaModel> Parse(std::string_view image, int expected_version) {
  Reader r(image);
  std::string_view magic;
  if (!r.GetBytes(sizeof(kMagic), &magic) ||
      magic != std::string_view(kMagic, sizeof(kMagic)))
    return Corrupt("not an embedder model (bad magic)");
  uint32_t version = 0, dim = 0, text_dims = 0, occupation_dims = 0,
           features = 0, word_count = 0;
  uint64_t payload_size = 0, fingerprint = 0, checksum = 0;
  if (!r.Get(&version)) return Corrupt("truncated header");
  if (version != static_cast<uint32_t>(expected_version)) {
    return Status::FailedPrecondition(
        "embedder model has format version " + std::to_string(version) +
        ", this build reads " + std::to_string(expected_version) + "; refit");
  }
  if (!(r.Get(&dim) && r.Get(&text_dims) && r.Get(&occupation_dims) &&
        r.Get(&features) && r.Get(&word_count) && r.Get(&payload_size) &&
        r.Get(&fingerprint) && r.Get(&checksum)))
    return Corrupt("truncated header");
  if (r.remaining() != payload_size) return Corrupt("wrong payload size");
  const std::string_view payload = image.substr(kHeaderSize);
  const uint64_t want = Mix(Fnv1a64Update(
      Fnv1a64Update(kFnvOffset, image.substr(0, kChecksumOffset)), payload));
  if (want != checksum) return Corrupt("checksum mismatch");
  if (dim != text_dims + occupation_dims || occupation_dims % 8 != 0 ||
      word_count > features)
    return Corrupt("inconsistent dimensions");
  LsaModel m;
  m.text_dims = text_dims;
  m.occupation_dims = occupation_dims;
  m.word_count = word_count;
  m.fingerprint = fingerprint;
  QC_RETURN_IF_ERROR(ParsePayload(&r, features, &m));
  m.BuildIndex();
  return m;
}

}  // namespace qiancheng::embed::internal
