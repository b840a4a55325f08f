// core/date.h -- a calendar date (proleptic Gregorian, no time zone) as days
// since 1970-01-01. Policy rules count calendar years and periods in days, so a
// date is an integer, not a time point. Value type; thread-compatible.
#ifndef QIANCHENG_CORE_DATE_H_
#define QIANCHENG_CORE_DATE_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace qiancheng {

class Date {
 public:
  constexpr Date() = default;  // 1970-01-01
  static Date FromDays(int32_t days) { return Date(days); }
  // kInvalidArgument unless `text` is exactly YYYY-MM-DD and a real day
  // between 1900-01-01 and 2199-12-31. `field` names the field in the error.
  static Result<Date> Parse(std::string_view text,
                            std::string_view field = "date");
  static Date FromYmd(int year, int month, int day);  // REQUIRES: a real day

  int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  std::string ToString() const;  // YYYY-MM-DD

  Date AddDays(int32_t n) const { return Date(days_ + n); }
  friend int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }
  friend auto operator<=>(Date a, Date b) = default;

 private:
  explicit constexpr Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// Whole years between `birth` and `on` (the age on that day).
int AgeOn(Date birth, Date on);

}  // namespace qiancheng

#endif  // QIANCHENG_CORE_DATE_H_
