#include "taxonomy/evaluation.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace qiancheng::taxonomy {
namespace {

uint32_t Fnv1a(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

std::vector<std::string> SplitBy(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep)) out.push_back(part);
  return out;
}

bool Hit(const EvalCase& c, const std::vector<Classification>& got, size_t k) {
  for (size_t i = 0; i < std::min(k, got.size()); ++i) {
    if (std::find(c.codes.begin(), c.codes.end(), got[i].code) != c.codes.end())
      return true;
  }
  return false;
}

}  // namespace

Result<std::vector<EvalCase>> ReadEvalSet(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  std::vector<EvalCase> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#' || line.rfind("text\t", 0) == 0)
      continue;
    const std::vector<std::string> fields = SplitBy(line, '\t');
    const std::string where = path + ":" + std::to_string(n);
    if (fields.size() < 3 || fields[0].empty()) {
      return Status::InvalidArgument(where, "expected text<TAB>codes<TAB>kind");
    }
    EvalCase c{fields[0], SplitBy(fields[1], '|'), fields[2]};
    for (const auto& code : c.codes) {
      if (!OccupationCode::Parse(code, "codes", /*allow_group=*/true).ok()) {
        return Status::InvalidArgument(where, "bad code " + code);
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

Status WriteEvalSet(const std::string& path, const std::string& comment,
                    const std::vector<EvalCase>& cases) {
  std::ofstream out(path);
  for (const auto& line : SplitBy(comment, '\n')) out << "# " << line << "\n";
  out << "text\tcodes\tkind\n";
  for (const EvalCase& c : cases) {
    std::string codes;
    for (const auto& code : c.codes) {
      if (!codes.empty()) codes += '|';
      codes += code;
    }
    out << c.text << "\t" << codes << "\t" << c.kind << "\n";
  }
  out.flush();
  if (!out) return Status::Unavailable("cannot write " + path);
  return Status::Ok();
}

std::vector<EvalCase> SelectHeldOutWorkTypes(const Taxonomy& taxonomy) {
  std::vector<EvalCase> out;
  for (const OccupationEntry& e : taxonomy.occupations.entries()) {
    for (const std::string& w : e.work_types) {
      if (Fnv1a(w) % 5 != 0) continue;
      EvalCase c{w, {}, "work_type"};
      for (const OccupationEntry* o : taxonomy.occupations.FindByWorkType(w)) {
        c.codes.push_back(o->occupation.code.str());
      }
      const bool seen =
          std::any_of(out.begin(), out.end(),
                      [&](const EvalCase& x) { return x.text == w; });
      if (!seen) out.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<EvalCase> SelectHeldOutTaskSentences(const Taxonomy& taxonomy) {
  std::vector<EvalCase> out;
  for (const OccupationEntry& e : taxonomy.occupations.entries()) {
    if (e.residual) continue;
    for (const std::string& s : e.task_sentences) {
      if (Fnv1a(s) % 12 == 0)
        out.push_back(EvalCase{s, {e.occupation.code.str()}, "main_task"});
    }
  }
  return out;
}

std::vector<EvalResult> Evaluate(const Taxonomy& taxonomy,
                                 const std::vector<EvalCase>& cases,
                                 ClassifierOptions options) {
  for (const EvalCase& c : cases) {
    if (c.kind != "colloquial")
      options.held_out.insert(taxonomy.normalizer.Normalize(c.text));
  }
  const OccupationClassifier classifier(taxonomy, std::move(options));
  std::vector<EvalResult> results;
  for (const EvalCase& c : cases) {
    auto it =
        std::find_if(results.begin(), results.end(),
                     [&](const EvalResult& r) { return r.kind == c.kind; });
    if (it == results.end())
      it = results.insert(results.end(), EvalResult{c.kind, 0, 0, 0, {}});
    const std::vector<Classification> got = classifier.Classify(c.text, 5);
    ++it->cases;
    if (Hit(c, got, 1)) ++it->top1;
    if (Hit(c, got, 5)) {
      ++it->top5;
    } else {
      it->misses.push_back(EvalMiss{c, got});
    }
  }
  return results;
}

}  // namespace qiancheng::taxonomy
