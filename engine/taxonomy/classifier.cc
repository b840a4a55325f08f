#include "taxonomy/classifier.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>

#include "text/utf8.h"

namespace qiancheng::taxonomy {
namespace {

// Han characters of `normalized`, one string each: a weak feature that lets
// 老人 meet 老年人 where no word or bigram is shared.
std::vector<std::string> HanUnigrams(std::string_view normalized) {
  std::vector<std::string> out;
  for (size_t pos = 0; pos < normalized.size();) {
    const size_t start = pos;
    if (text::IsHan(text::DecodeUtf8(normalized, &pos))) {
      out.emplace_back(normalized.substr(start, pos - start));
    }
  }
  return out;
}

// Job-ad and wish boilerplate ("招聘…", "想学…", "…学徒"): it says someone is
// hiring or learning, not which occupation, yet 招聘 matches 招聘师. Chosen by
// the project; weighted down in queries, not removed, so "招聘师" still works.
bool IsBoilerplate(std::string_view word) {
  static constexpr std::array<std::string_view, 18> kWords = {
      "招聘", "诚聘", "急聘", "急招", "高薪", "想学", "想做", "学习", "培训",
      "学徒", "师傅", "工作", "岗位", "若干", "熟练", "招",   "聘",   "学"};
  return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

}  // namespace

Result<std::vector<CuratedAlias>> LoadCuratedAliases(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  std::vector<CuratedAlias> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#' || line.rfind("code\t", 0) == 0)
      continue;
    const size_t tab1 = line.find('\t');
    const size_t tab2 =
        tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    const std::string where = path + ":" + std::to_string(n);
    if (tab2 == std::string::npos)
      return Status::InvalidArgument(where,
                                     "expected code<TAB>alias<TAB>rationale");
    CuratedAlias a{line.substr(0, tab1),
                   line.substr(tab1 + 1, tab2 - tab1 - 1)};
    if (!OccupationCode::Parse(a.code).ok() || a.alias.empty()) {
      return Status::InvalidArgument(where, "bad code or empty alias");
    }
    out.push_back(std::move(a));
  }
  return out;
}

OccupationClassifier::OccupationClassifier(const Taxonomy& taxonomy,
                                           ClassifierOptions options)
    : taxonomy_(taxonomy), options_(std::move(options)) {
  BuildIndex();
}

uint32_t OccupationClassifier::Intern(const std::string& key) {
  auto [it, added] =
      terms_.try_emplace(key, static_cast<uint32_t>(postings_.size()));
  if (added) postings_.emplace_back();
  return it->second;
}

// Words ("w:"), bigrams ("b:") and han characters ("u:") of `normalized`.
OccupationClassifier::FieldCounts OccupationClassifier::Count(
    const std::string& normalized) {
  const text::TextFeatures f =
      text::ExtractFeatures(taxonomy_.segmenter, normalized);
  std::vector<uint32_t> ids;
  for (const auto& w : f.words) ids.push_back(Intern("w:" + w));
  for (const auto& b : f.bigrams) ids.push_back(Intern("b:" + b));
  for (const auto& u : HanUnigrams(normalized)) ids.push_back(Intern("u:" + u));
  std::sort(ids.begin(), ids.end());
  FieldCounts counts;
  counts.length = static_cast<int>(ids.size());
  for (uint32_t id : ids) {
    if (counts.tf.empty() || counts.tf.back().first != id)
      counts.tf.emplace_back(id, 0);
    ++counts.tf.back().second;
  }
  return counts;
}

// One candidate occupation: its names for the containment boost and the
// term counts of its four fields, without the held-out texts.
OccupationClassifier::DocCounts OccupationClassifier::AddDoc(
    const OccupationEntry& e, const std::vector<std::string>& curated) {
  const text::Normalizer& norm = taxonomy_.normalizer;
  Doc doc{&e, {norm.Normalize(e.occupation.name)}, ""};
  for (const auto& alias : e.occupation.aliases) {
    std::string a = norm.Normalize(alias);
    if (options_.held_out.count(a) == 0) doc.names.push_back(std::move(a));
  }
  doc.names.insert(doc.names.end(), curated.begin(), curated.end());
  std::vector<std::string> tasks;
  for (const auto& sentence : e.task_sentences) {
    std::string t = norm.Normalize(sentence);
    if (options_.held_out.count(t) == 0) tasks.push_back(std::move(t));
  }
  const std::vector<std::string> aliases(doc.names.begin() + 1,
                                         doc.names.end());
  DocCounts counts = {Count(doc.names[0]), Count(Join(aliases)),
                      Count(norm.Normalize(e.occupation.definition)),
                      Count(Join(tasks))};
  const std::string& name = doc.names[0];
  if (text::CountCodePoints(name) >=
      3) {  // 保安员 -> 保安; 焊工 has no useful stem
    size_t cut = name.size() - 1;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80)
      --cut;
    doc.stem = name.substr(0, cut);
  }
  std::stable_sort(doc.names.begin(), doc.names.end(),
                   [](const std::string& a, const std::string& b) {
                     return a.size() > b.size();
                   });
  docs_.push_back(std::move(doc));
  return counts;
}

void OccupationClassifier::BuildIndex() {
  std::unordered_map<std::string, std::vector<std::string>> curated;
  for (const auto& a : options_.curated_aliases) {
    curated[a.code].push_back(taxonomy_.normalizer.Normalize(a.alias));
  }
  terms_.reserve(
      1 << 18);  // about 150k distinct features: no rehashing while loading
  std::vector<DocCounts> counts;
  for (const OccupationEntry& e : taxonomy_.occupations.entries()) {
    if (e.residual && !options_.include_residual) continue;
    counts.push_back(AddDoc(e, curated[e.occupation.code.str()]));
  }
  FillPostings(counts);
}

// BM25F: a term's pseudo frequency in a document is the sum over fields of
// weight * tf / (1 - b + b * length / average length).
void OccupationClassifier::FillPostings(const std::vector<DocCounts>& counts) {
  const std::array<double, kFieldCount> weights = {
      options_.name_weight, options_.alias_weight, options_.definition_weight,
      options_.task_weight};
  std::array<double, kFieldCount> avg_len{};
  for (const DocCounts& d : counts) {
    for (int f = 0; f < kFieldCount; ++f) avg_len[f] += d[f].length;
  }
  for (double& a : avg_len)
    a = std::max(1.0,
                 a / static_cast<double>(std::max<size_t>(1, counts.size())));
  std::vector<double> pseudo_tf(postings_.size(), 0.0);
  std::vector<uint32_t> touched;
  for (uint32_t doc = 0; doc < counts.size(); ++doc) {
    for (int f = 0; f < kFieldCount; ++f) {
      const double norm_len =
          1 - options_.b + options_.b * counts[doc][f].length / avg_len[f];
      for (const auto& [term, tf] : counts[doc][f].tf) {
        if (pseudo_tf[term] == 0) touched.push_back(term);
        pseudo_tf[term] += weights[f] * tf / norm_len;
      }
    }
    for (uint32_t term : touched) {
      postings_[term].push_back(
          Posting{doc, static_cast<float>(pseudo_tf[term])});
      pseudo_tf[term] = 0;
    }
    touched.clear();
  }
  const double n = static_cast<double>(docs_.size());
  for (const auto& list : postings_) {
    const double df = static_cast<double>(list.size());
    idf_.push_back(std::log(1 + (n - df + 0.5) / (df + 0.5)));
  }
}

void OccupationClassifier::AddScores(const QueryFeatures& query,
                                     std::vector<double>* scores) const {
  std::unordered_map<std::string, double> weights;
  for (const auto& w : query.text.words) {
    weights["w:" + w] += IsBoilerplate(w) ? options_.boilerplate_weight : 1.0;
  }
  for (const auto& b : query.text.bigrams) {
    weights["b:" + b] += IsBoilerplate(b) ? 0 : options_.bigram_weight;
  }
  for (const auto& u : query.unigrams)
    weights["u:" + u] += options_.unigram_weight;
  const double k1 = options_.k1;
  for (const auto& [term, qw] : weights) {
    auto it = terms_.find(term);
    if (it == terms_.end()) continue;
    const double idf = idf_[it->second];
    for (const Posting& p : postings_[it->second]) {
      (*scores)[p.doc] += qw * idf * (k1 + 1) * p.weight / (p.weight + k1);
    }
  }
}

double OccupationClassifier::ContainBoost(const Doc& doc,
                                          const std::string& query) const {
  for (const std::string& name : doc.names) {  // longest first
    if (name.size() >= 4 && query.find(name) != std::string::npos) {
      return options_.contain_boost *
             static_cast<double>(text::CountCodePoints(name));
    }
  }
  if (!doc.stem.empty() && query.find(doc.stem) != std::string::npos) {
    return options_.contain_boost *
           static_cast<double>(text::CountCodePoints(doc.stem));
  }
  return 0;
}

std::vector<Classification> OccupationClassifier::Classify(
    std::string_view text, size_t k) const {
  const std::string query = taxonomy_.normalizer.Normalize(text);
  std::vector<double> scores(docs_.size(), 0.0);
  AddScores(QueryFeatures{text::ExtractFeatures(taxonomy_.segmenter, query),
                          HanUnigrams(query)},
            &scores);
  std::vector<uint32_t> hits;
  for (uint32_t d = 0; d < docs_.size(); ++d) {
    if (scores[d] <= 0) continue;
    scores[d] += ContainBoost(docs_[d], query);
    hits.push_back(d);
  }
  const size_t n = std::min(k, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n),
                    hits.end(), [&](uint32_t a, uint32_t b) {
                      if (scores[a] != scores[b]) return scores[a] > scores[b];
                      return docs_[a].entry->occupation.code <
                             docs_[b].entry->occupation.code;
                    });
  std::vector<Classification> out;
  for (size_t i = 0; i < n; ++i) {
    const OccupationEntry& e = *docs_[hits[i]].entry;
    out.push_back(Classification{e.occupation.code.str(), e.occupation.name,
                                 scores[hits[i]]});
  }
  return out;
}

}  // namespace qiancheng::taxonomy
