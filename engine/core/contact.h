// core/contact.h -- national ID numbers (GB 11643) and mobile numbers: checks
// and display masks. Neither value is ever stored or shown in full (DESIGN.md
// quality bars); the keyed hash used for lookup lives in ingest/.
// Thread-safe: pure functions.
#ifndef QIANCHENG_CORE_CONTACT_H_
#define QIANCHENG_CORE_CONTACT_H_

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace qiancheng {

// kInvalidArgument unless `id` is 18 characters, 17 digits and a GB 11643 check
// character (0-9 or X) that matches, with a real birth date in positions 7-14.
Status ValidateIdNumber(std::string_view id,
                        std::string_view field = "id_number");
// The birth date encoded in a valid ID number.
Date BirthDateOfIdNumber(std::string_view id);
// kInvalidArgument unless `phone` is an 11-digit mainland mobile number
// (1[3-9]...).
Status ValidatePhone(std::string_view phone, std::string_view field = "phone");

// "610113199001011234" -> "610***********1234": the district and the birth date
// are hidden (first 3 and last 4 shown), so the masked ID next to a birth year
// leaves thousands of candidates rather than one.
std::string MaskIdNumber(std::string_view id);
// "13812345678" -> "138****5678".
std::string MaskPhone(std::string_view phone);

}  // namespace qiancheng

#endif  // QIANCHENG_CORE_CONTACT_H_
