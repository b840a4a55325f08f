#include "core/date.h"

#include <gtest/gtest.h>

namespace qiancheng {
namespace {

TEST(Date, ParsesAndFormatsRoundTrip) {
  for (const char* text :
       {"1970-01-01", "2000-02-29", "2025-12-31", "1900-01-01", "2199-12-31"}) {
    Result<Date> d = Date::Parse(text);
    ASSERT_TRUE(d.ok()) << text;
    EXPECT_EQ(d->ToString(), text);
  }
  EXPECT_EQ(Date::Parse("1970-01-02")->days(), 1);
}

TEST(Date, RejectsWhatIsNotACalendarDay) {
  for (const char* text :
       {"2023-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "20250101",
        "2025-01-01T00:00", "abcd-ef-gh", "1899-12-31", ""}) {
    Result<Date> d = Date::Parse(text, "start_date");
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_EQ(d.status().field(), "start_date");
  }
}

TEST(Date, AgeCountsWholeYears) {
  Date birth = *Date::Parse("2000-06-15");
  EXPECT_EQ(AgeOn(birth, *Date::Parse("2025-06-14")), 24);
  EXPECT_EQ(AgeOn(birth, *Date::Parse("2025-06-15")), 25);
}

}  // namespace
}  // namespace qiancheng
