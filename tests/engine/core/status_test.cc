#include "core/status.h"

#include <gtest/gtest.h>

#include "core/result.h"

namespace qiancheng {
namespace {

TEST(Status, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), Code::kOk);
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(Status, InvalidArgumentNamesTheField) {
  Status s = Status::InvalidArgument("wishes.max_distance_km",
                                     "must be between 0 and 5000");
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.field(), "wishes.max_distance_km");
  EXPECT_EQ(
      s.ToString(),
      "invalid_argument: wishes.max_distance_km: must be between 0 and 5000");
}

TEST(Status, FieldPrefixJoinsPathsAndIndexes) {
  Status s = Status::InvalidArgument("level", "bad");
  EXPECT_EQ(s.WithFieldPrefix("certificates[2]").field(),
            "certificates[2].level");
  EXPECT_EQ(
      Status::InvalidArgument("[3]", "bad").WithFieldPrefix("groups").field(),
      "groups[3]");
  EXPECT_EQ(
      Status::InvalidArgument("", "bad").WithFieldPrefix("line 7").field(),
      "line 7");
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("x", "must be even");
  return x / 2;
}

Result<int> Quarter(int x) {
  QC_ASSIGN_OR_RETURN(int h, Half(x));
  QC_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(Result, MacrosPropagateTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "x");
}

}  // namespace
}  // namespace qiancheng
