#include "text/internal/hmm.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "text/utf8.h"

namespace qiancheng::text::internal {
namespace {

constexpr double kMinFloat =
    -3.14e100;  // jieba's MIN_FLOAT for unseen emissions
constexpr double kMinInf = -std::numeric_limits<double>::infinity();

int StateIndex(const std::string& s) {
  if (s == "B") return HmmModel::kB;
  if (s == "M") return HmmModel::kM;
  if (s == "E") return HmmModel::kE;
  if (s == "S") return HmmModel::kS;
  return -1;
}

// jieba's PrevStatus: the states allowed before each state.
constexpr std::array<std::array<int, 2>, 4> kPrev = {{
    {HmmModel::kE, HmmModel::kS},  // B
    {HmmModel::kM, HmmModel::kB},  // M
    {HmmModel::kB, HmmModel::kM},  // E
    {HmmModel::kS, HmmModel::kE},  // S
}};

}  // namespace

Status HmmModel::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  for (auto& row : trans_) row.fill(kMinInf);
  start_.fill(kMinFloat);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string kind, from, to, logprob;
    std::getline(fields, kind, '\t');
    std::getline(fields, from, '\t');
    std::getline(fields, to, '\t');
    std::getline(fields, logprob, '\t');
    const int s = StateIndex(from);
    char* end = nullptr;
    const double p = std::strtod(logprob.c_str(), &end);
    if (s < 0 || end == logprob.c_str()) {
      return Status::InvalidArgument(path + ":" + std::to_string(n),
                                     "bad HMM row");
    }
    if (kind == "start") {
      start_[static_cast<size_t>(s)] = p;
    } else if (kind == "trans" && StateIndex(to) >= 0) {
      trans_[static_cast<size_t>(s)][static_cast<size_t>(StateIndex(to))] = p;
    } else if (kind == "emit" && !to.empty()) {
      size_t pos = 0;
      const char32_t cp = DecodeUtf8(to, &pos);
      auto [it, inserted] = emit_.try_emplace(cp);
      if (inserted) it->second.fill(kMinFloat);
      it->second[static_cast<size_t>(s)] = p;
    } else {
      return Status::InvalidArgument(path + ":" + std::to_string(n),
                                     "bad HMM row");
    }
  }
  loaded_ = true;
  return Status::Ok();
}

double HmmModel::Emit(int state, char32_t cp) const {
  auto it = emit_.find(cp);
  return it == emit_.end() ? kMinFloat : it->second[static_cast<size_t>(state)];
}

void HmmModel::Cut(const std::u32string& cps, size_t begin, size_t end,
                   std::vector<size_t>* ends) const {
  const size_t n = end - begin;
  std::vector<std::array<double, 4>> v(n);
  std::vector<std::array<int, 4>> back(n);
  for (int y = 0; y < 4; ++y) v[0][y] = start_[y] + Emit(y, cps[begin]);
  for (size_t t = 1; t < n; ++t) {
    for (int y = 0; y < 4; ++y) {
      const double em = Emit(y, cps[begin + t]);
      double best = kMinInf;
      int arg = kPrev[y][0];
      for (int y0 : kPrev[y]) {
        const double p = v[t - 1][y0] + trans_[y0][y] + em;
        // jieba takes max((prob, state)): ties go to the later state letter.
        if (p > best || (p == best && y0 > arg)) {
          best = p;
          arg = y0;
        }
      }
      v[t][y] = best;
      back[t][y] = arg;
    }
  }
  int state =
      v[n - 1][kS] >= v[n - 1][kE] ? kS : kE;  // ends a word; ties -> S (jieba)
  std::vector<int> path(n);
  for (size_t t = n; t-- > 0;) {
    path[t] = state;
    state = back[t][state];
  }
  size_t next = 0;
  for (size_t i = 0; i < n; ++i) {
    if (path[i] == kE || path[i] == kS) {
      ends->push_back(begin + i + 1);
      next = i + 1;
    }
  }
  if (next < n) ends->push_back(end);
}

}  // namespace qiancheng::text::internal
