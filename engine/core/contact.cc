#include "core/contact.h"

namespace qiancheng {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Status ValidateIdNumber(std::string_view id, std::string_view field) {
  if (id.size() != 18 || !AllDigits(id.substr(0, 17))) {
    return Status::InvalidArgument(
        field, "must be an 18-character national ID number");
  }
  // GB 11643-1999: check character from the weighted sum of the first 17
  // digits.
  static constexpr int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                       3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7',
                                      '6', '5', '4', '3', '2'};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  char last = id[17] == 'x' ? 'X' : id[17];
  if (kCheck[sum % 11] != last)
    return Status::InvalidArgument(field, "has a wrong check digit");
  std::string date = std::string(id.substr(6, 4)) + "-" +
                     std::string(id.substr(10, 2)) + "-" +
                     std::string(id.substr(12, 2));
  if (!Date::Parse(date).ok()) {
    return Status::InvalidArgument(field,
                                   "does not contain a valid birth date");
  }
  return Status::Ok();
}

Date BirthDateOfIdNumber(std::string_view id) {
  return Date::FromYmd(std::stoi(std::string(id.substr(6, 4))),
                       std::stoi(std::string(id.substr(10, 2))),
                       std::stoi(std::string(id.substr(12, 2))));
}

Status ValidatePhone(std::string_view phone, std::string_view field) {
  if (phone.size() != 11 || !AllDigits(phone) || phone[0] != '1' ||
      phone[1] < '3') {
    return Status::InvalidArgument(field, "must be an 11-digit mobile number");
  }
  return Status::Ok();
}

std::string MaskIdNumber(std::string_view id) {
  if (id.size() < 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 3)) + std::string(id.size() - 7, '*') +
         std::string(id.substr(id.size() - 4));
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() < 8) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
         std::string(phone.substr(phone.size() - 4));
}

}  // namespace qiancheng
