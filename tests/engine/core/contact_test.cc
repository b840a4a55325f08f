#include "core/contact.h"

#include <gtest/gtest.h>

namespace qiancheng {
namespace {

// 11010519491231002X is the GB 11643-1999 standard's own worked example.
TEST(IdNumber, AcceptsAValidCheckDigit) {
  EXPECT_TRUE(ValidateIdNumber("11010519491231002X").ok());
  EXPECT_TRUE(ValidateIdNumber("11010519491231002x").ok());
  EXPECT_EQ(BirthDateOfIdNumber("11010519491231002X").ToString(), "1949-12-31");
}

TEST(IdNumber, RejectsWrongCheckDigitLengthAndDate) {
  EXPECT_FALSE(ValidateIdNumber("110105194912310021").ok());
  EXPECT_FALSE(ValidateIdNumber("1101051949123100").ok());
  EXPECT_FALSE(ValidateIdNumber("110105194913310027").ok());  // month 13
}

TEST(IdNumber, MaskHidesDistrictAndBirthDate) {
  std::string masked = MaskIdNumber("11010519491231002X");
  EXPECT_EQ(masked, "110***********002X");
  EXPECT_EQ(masked.find("19491231"), std::string::npos);
}

TEST(Phone, ValidatesAndMasks) {
  EXPECT_TRUE(ValidatePhone("13812345678").ok());
  EXPECT_FALSE(ValidatePhone("12812345678").ok());
  EXPECT_FALSE(ValidatePhone("1381234567").ok());
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
}

}  // namespace
}  // namespace qiancheng
