#include "text/utf8.h"

#include <gtest/gtest.h>

namespace qiancheng::text {
namespace {

TEST(Utf8, DecodesOneToFourByteSequences) {
  const std::string s = "a\xC3\xA9\xE5\x85\xBB\xF0\x9F\x98\x80";  // a é 养 😀
  size_t pos = 0;
  EXPECT_EQ(DecodeUtf8(s, &pos), U'a');
  EXPECT_EQ(DecodeUtf8(s, &pos), U'é');
  EXPECT_EQ(DecodeUtf8(s, &pos), U'养');
  EXPECT_EQ(DecodeUtf8(s, &pos), char32_t{0x1F600});
  EXPECT_EQ(pos, s.size());
}

TEST(Utf8, InvalidBytesBecomeReplacementAndAdvanceOne) {
  const std::string s =
      "\xFF\xE5\x85";  // a stray byte, then a truncated sequence
  size_t pos = 0;
  EXPECT_EQ(DecodeUtf8(s, &pos), kReplacementChar);
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(DecodeUtf8(s, &pos), kReplacementChar);
  EXPECT_EQ(pos, 2u);
}

TEST(Utf8, AppendRoundTripsThroughDecode) {
  for (char32_t cp :
       {char32_t{'x'}, char32_t{0xE9}, char32_t{0x517B}, char32_t{0x1F600}}) {
    std::string s;
    AppendUtf8(cp, &s);
    size_t pos = 0;
    EXPECT_EQ(DecodeUtf8(s, &pos), cp);
    EXPECT_EQ(pos, s.size());
  }
}

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(CountCodePoints("养老ab"), 4u);
}

TEST(Utf8, WordCharsFollowJiebaHanDefault) {
  EXPECT_TRUE(IsWordChar(U'养'));
  EXPECT_TRUE(IsWordChar(U'+'));
  EXPECT_TRUE(IsWordChar(U'%'));
  EXPECT_FALSE(IsWordChar(U','));
  EXPECT_FALSE(IsWordChar(U'、'));
  EXPECT_FALSE(IsWordChar(U' '));
}

}  // namespace
}  // namespace qiancheng::text
