#include "text/segment.h"

#include <gtest/gtest.h>

#include "text/normalize.h"

namespace qiancheng::text {
namespace {

constexpr const char* kDict = QC_SOURCE_DIR "/data/dict/jieba_dict.txt";
constexpr const char* kHmm = QC_SOURCE_DIR "/data/dict/jieba_hmm_model.tsv";

const Segmenter& Jieba() {
  static const Segmenter* segmenter = [] {
    auto s = Segmenter::Load(kDict, kHmm);
    EXPECT_TRUE(s.ok()) << s.status();
    return new Segmenter(std::move(*s));
  }();
  return *segmenter;
}

const Normalizer& Norm() {
  static const Normalizer* normalizer = [] {
    auto n = Normalizer::Load(QC_SOURCE_DIR "/data/dict/opencc");
    EXPECT_TRUE(n.ok()) << n.status();
    return new Normalizer(std::move(*n));
  }();
  return *normalizer;
}

std::string Joined(const Segmenter& s, const std::string& text) {
  std::string out;
  for (std::string_view t : s.Segment(text)) {
    if (!out.empty()) out += '/';
    out += t;
  }
  return out;
}

struct Sentence {
  const char*
      text;  // from /work/shared/policy-sources (pinyin glosses removed)
  const char*
      expected;  // written and checked by hand; jieba's word granularity
};

class PolicySentences : public ::testing::TestWithParam<Sentence> {};

TEST_P(PolicySentences, SegmentAsExpected) {
  EXPECT_EQ(Joined(Jieba(), Norm().Normalize(GetParam().text)),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Guizhou2025, PolicySentences,
    ::testing::Values(
        Sentence{"推动文物、非遗保护利用等技能人才培训",
                 "推动/文物/、/非遗/保护/利用/等/技能/人才/培训"},
        Sentence{"积极争取国家项目资金支持,推动公共实训基地建设",
                 "积极争取/国家/项目/资金/支持/,/推动/公共/实训/基地/建设"},
        Sentence{"累计开展特种作业人员技能培训、安全技能培训等培训考核30万人次",
                 "累计/开展/特种/作业/人员/技能/培训/、/安全/技能/培训/等/培训/"
                 "考核/30/万人次"},
        Sentence{"常态化开展培训需求摸排", "常态/化/开展/培训/需求/摸排"},
        Sentence{
            "支持高校毕业生等青年群体根据职业规划、求职意向自主参加技能培训",
            "支持/高校/毕业生/等/青年/群体/根据/职业规划/、/求职意向/自主/参加/"
            "技能/培训"}));

// The national 2025 notice is in traditional characters: normalised first.
INSTANTIATE_TEST_SUITE_P(
    National2025Traditional, PolicySentences,
    ::testing::Values(
        Sentence{"人力資源社會保障部將適時調度指導,有序推進各項工作",
                 "人力资源/社会保障部/将/适时/调度/指导/,/有序/推进/各项/工作"},
        Sentence{"統籌用好各類培訓資金,差異化給予培訓補貼",
                 "统筹/用/好/各类/培训/资金/,/差异化/给予/培训/补贴"},
        Sentence{"提供多樣化服務,方便勞動者參加培訓",
                 "提供/多样化/服务/,/方便/劳动者/参加/培训"}));

INSTANTIATE_TEST_SUITE_P(
    Shaanxi2021, PolicySentences,
    ::testing::Values(
        Sentence{"扎实开展职业技能提升专项活动",
                 "扎实/开展/职业技能/提升/专项/活动"},
        Sentence{"面向各类企业全面推行企业新型学徒制,"
                 "完善企校双师带徒、工学交替培养等模式",
                 "面向/各类/企业/全面推行/企业/新型/学徒制/,/完善/企校/双师/"
                 "带徒/、/工学/交替/培养/"
                 "等/模式"},
        Sentence{
            "鼓励更多优秀企业导师承担带徒任务,建立专职导师队伍",
            "鼓励/更/多/优秀/企业/导师/承担/带徒/任务/,/建立/专职/导师/队伍"},
        Sentence{
            "着眼维护职工权益,参训职工工资不得低于当地最低工资标准",
            "着眼/维护/职工/权益/,/参训/职工工资/不得/低于/当地/最低工资/标准"},
        Sentence{"鼓励企业优先选择技工院校合作开展职工培训,提高培训质量",
                 "鼓励/企业/优先选择/技工/院校/合作/开展/职工/培训/,/提高/培训/"
                 "质量"},
        Sentence{
            "跟踪全省各级4912个重点建设项目和当地产业开展培训,保障项目用工",
            "跟踪/全省/各级/4912/个/重点/建设项目/和/当地/产业/开展/培训/,/"
            "保障/项目/用工"}));

INSTANTIATE_TEST_SUITE_P(
    Xian2025, PolicySentences,
    ::testing::Values(
        Sentence{"推行企业新型学徒制培训,职工培训后取得中级、高级相应证书,"
                 "按照规定给予培训补贴",
                 "推行/企业/新型/学徒制/培训/,/职工/培训/后/取得/中级/、/高级/"
                 "相应/证书/,/按照/规定/"
                 "给予/培训/补贴"},
        Sentence{"对参训后实现稳定就业的,按照就业培训补贴标准150%给予补贴",
                 "对/参训/后/实现/稳定/就业/的/,/按照/就业/培训/补贴/标准/150%/"
                 "给予/补贴"},
        Sentence{"加强职业技能培训政策宣传,创新宣传方式,"
                 "提升政策知晓度和劳动者参与度",
                 "加强/职业技能/培训/政策/宣传/,/创新/宣传/方式/,/提升/政策/"
                 "知晓/度/和/劳动者/参与度"},
        Sentence{"实施康养人才专项培养计划", "实施/康养/人才/专项/培养/计划"},
        Sentence{"统筹就业补助资金、失业保险基金以及其他渠道资金资源,"
                 "支持开展重点群体职业技能培训",
                 "统筹/就业/补助/资金/、/失业/保险/基金/以及/其他/渠道/资金/"
                 "资源/,/支持/开展/重点/"
                 "群体/职业技能/培训"}));

INSTANTIATE_TEST_SUITE_P(
    Xianyang2025, PolicySentences,
    ::testing::Values(
        Sentence{"衷心感谢您对我市技能人才培养工作的关心和支持",
                 "衷心感谢/您/对/我市/技能/人才培养/工作/的/关心/和/支持"},
        Sentence{"深度开展校企合作,提升人才技能水平",
                 "深度/开展/校企/合作/,/提升/人才/技能/水平"},
        Sentence{"健全完善政策体系,搭建人才培育平台",
                 "健全/完善/政策/体系/,/搭建/人才/培育/平台"},
        Sentence{"大力畅通职业发展通道", "大力/畅通/职业/发展/通道"}));

TEST(Segmenter, HmmGroupsUnknownWords) {
  // jieba's README example: 杭研 is not in the dictionary; the HMM keeps it
  // whole.
  EXPECT_EQ(Joined(Jieba(), "他来到了网易杭研大厦"),
            "他/来到/了/网易/杭研/大厦");
}

TEST(Segmenter, TokensTileTheTextExceptSpaces) {
  const std::string text = "c++ 工程师 3.5% b2b,电工";
  std::string rebuilt;
  for (std::string_view t : Jieba().Segment(text)) rebuilt += t;
  EXPECT_EQ(rebuilt, "c++工程师3.5%b2b,电工");
}

TEST(Segmenter, EmptyAndSpaceOnlyGiveNoTokens) {
  EXPECT_TRUE(Jieba().Segment("").empty());
  EXPECT_TRUE(Jieba().Segment("   ").empty());
}

TEST(SegmenterBuilder, AddedWordStaysWhole) {
  SegmenterBuilder builder;
  ASSERT_TRUE(builder.LoadDictionary(kDict).ok());
  ASSERT_TRUE(builder.LoadHmm(kHmm).ok());
  EXPECT_GT(builder.CutWithoutHmm("网约配送员").size(),
            1u);  // jieba alone splits it
  EXPECT_FALSE(builder.Contains("网约配送员"));
  builder.AddWord("网约配送员");
  EXPECT_TRUE(builder.Contains("网约配送员"));
  const Segmenter domain = std::move(builder).Build();
  EXPECT_EQ(Joined(domain, "招聘网约配送员"), "招聘/网约配送员");
}

TEST(SegmenterBuilder, MissingDictionaryIsNotFound) {
  SegmenterBuilder builder;
  EXPECT_EQ(builder.LoadDictionary("/nonexistent/dict.txt").code(),
            Code::kNotFound);
}

TEST(SegmenterBuilder, MalformedLineNamesFileAndLine) {
  const std::string path = QC_BINARY_DIR "/bad_dict.txt";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("电工 10 n\nbroken\n", f);
  std::fclose(f);
  SegmenterBuilder builder;
  const Status s = builder.LoadDictionary(path);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.field().find(":2"), std::string::npos) << s;
}

}  // namespace
}  // namespace qiancheng::text
