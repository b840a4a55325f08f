#include "world/texts.h"

#include <utility>

#include "world/sectors.h"

namespace qiancheng::world {
namespace {

struct GroupValue {
  std::string_view group;
  double min, max;
};

// ILLUSTRATIVE monthly pay bands (yuan); first matching group wins.
constexpr GroupValue kSalaryBands[] = {
    {"4-04", 6000, 14000},   {"2-02-38", 8000, 18000}, {"2", 5000, 11000},
    {"4-10-01", 3500, 7000}, {"4-14", 3800, 7500},     {"4-03", 3000, 5500},
    {"4-02-07", 5000, 9000}, {"4-10-08", 5000, 9000},  {"4-07-05", 3000, 4800},
    {"4-09-08", 2600, 4000}, {"4-01", 3500, 8000},     {"3", 3200, 5500},
    {"4", 3500, 7000},       {"5", 2800, 5000},        {"6-29", 5000, 9500},
    {"6-31-01", 4500, 8500}, {"6", 4000, 8000},
};

constexpr std::pair<std::string_view, std::string_view> kIndustries[] = {
    {"4-10-01-05", "养老服务"},
    {"4-10-01", "家政服务"},
    {"4-14", "健康服务"},
    {"4-04", "信息技术"},
    {"2-02-38", "数字科技"},
    {"4-01-06", "电子商务"},
    {"4-01", "商贸"},
    {"4-02", "物流"},
    {"4-03", "餐饮管理"},
    {"4-06", "物业服务"},
    {"4-07", "商务服务"},
    {"4-09", "环境服务"},
    {"4-10", "生活服务"},
    {"4-12", "汽车服务"},
    {"4-13", "文化传媒"},
    {"5", "农业发展"},
    {"6-22", "汽车制造"},
    {"6-23", "装备制造"},
    {"6-24", "电气设备"},
    {"6-25", "电子科技"},
    {"6-29", "建筑工程"},
    {"6-30", "工程机械"},
    {"6-02", "食品"},
    {"6-18", "机械制造"},
    {"6-20", "机械制造"},
    {"6-21", "装备制造"},
    {"6", "制造"},
    {"2-05", "医疗健康"},
    {"2", "技术服务"},
    {"3", "综合服务"},
};

// Colloquial wishes, the way people say them at a service counter.
constexpr std::pair<std::string_view, std::string_view> kColloquial[] = {
    {"4-10-01-05", "想学照顾老人"},
    {"4-10-01-05", "想去养老院上班"},
    {"4-10-01-06", "想做家政"},
    {"4-10-01-06", "想学收纳和保洁，做家政"},
    {"4-10-01-03", "想学带娃"},
    {"4-10-01-01", "想去托育园带小孩"},
    {"4-14-01-02", "想在医院当护工"},
    {"6-31-01-03", "想当电工"},
    {"6-31-01-03", "想考个电工证"},
    {"6-18-02-04", "想学电焊"},
    {"4-12-01-01", "想学修车"},
    {"4-03-02-01", "想学做菜当厨师"},
    {"4-03-02-05", "想去饭店当服务员"},
    {"4-02-07-08", "想跑快递"},
    {"4-10-08-01", "想送外卖，时间自由"},
    {"4-01-06-02", "想学直播带货"},
    {"4-01-06-01", "想开网店"},
    {"4-04-05-01", "想学编程"},
    {"4-04-05-05", "想学人工智能数据标注"},
    {"4-10-03-02", "想学理发"},
    {"6-18-01-01", "想学开车床"},
    {"4-07-05-01", "想当保安"},
    {"4-09-08-01", "找个保洁的活"},
    {"4-02-04-06", "想学开无人机"},
    {"6-31-07-03", "想学操作工业机器人"},
    {"4-01-02-01", "想干销售"},
};

constexpr std::string_view kWishTemplates[] = {"想学", "想当", "想找个",
                                               "有没有"};
constexpr std::string_view kWishSuffixes[] = {"", "", "的工作", "的培训"};

constexpr std::string_view kTitlePrefixes[] = {"招聘", "诚聘", "急招", ""};

}  // namespace

SalaryBand SalaryBandOf(const OccupationCode& code) {
  for (const auto& band : kSalaryBands) {
    if (InGroup(code, band.group)) return {band.min, band.max};
  }
  return {3500, 6500};
}

std::string_view IndustryWord(const OccupationCode& code) {
  for (const auto& [group, word] : kIndustries) {
    if (InGroup(code, group)) return word;
  }
  return "综合服务";
}

std::vector<std::string> TaskItems(std::string_view main_tasks,
                                   size_t max_items) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start < main_tasks.size() && items.size() < max_items) {
    size_t end = main_tasks.find(';', start);
    if (end == std::string_view::npos) end = main_tasks.size();
    std::string_view item = main_tasks.substr(start, end - start);
    size_t digits = 0;
    while (digits < item.size() && item[digits] >= '0' && item[digits] <= '9')
      ++digits;
    if (digits > 0 && digits < item.size() && item[digits] == '.')
      item.remove_prefix(digits + 1);
    const std::string_view kStop = "。";
    while (item.size() >= kStop.size() &&
           item.substr(item.size() - kStop.size()) == kStop) {
      item.remove_suffix(kStop.size());
    }
    if (item.size() > 3) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

std::string SkillOfTask(std::string_view task) {
  size_t end = task.find(',');
  std::string_view first = task.substr(0, end);
  const std::string_view kStop = "。";
  if (first.size() >= kStop.size() &&
      first.substr(first.size() - kStop.size()) == kStop) {
    first.remove_suffix(kStop.size());
  }
  return std::string(first);
}

std::string VacancyTitle(const Occupation& occupation, int headcount,
                         Rng& rng) {
  std::string title(kTitlePrefixes[rng.Below(std::size(kTitlePrefixes))]);
  title += occupation.name;
  if (headcount > 1 && rng.Chance(0.4))
    title += "（" + std::to_string(headcount) + "名）";
  return title;
}

std::string VacancyDescription(const Occupation& occupation,
                               const std::optional<SkillLevel>& level,
                               Rng& rng) {
  std::string out = "岗位职责：";
  for (const auto& item : TaskItems(occupation.main_tasks, 2 + rng.Below(3))) {
    out += item;
    out += "；";
  }
  out += "任职要求：能胜任" + occupation.name + "工作";
  if (level)
    out += "，持" + std::string(LevelWords(*level)) + "及以上职业技能等级证书";
  out += rng.Chance(0.5) ? "，有相关经验者优先。"
                         : "，可接受无经验人员，岗前培训。";
  return out;
}

std::string WishText(const Occupation& occupation, Rng& rng) {
  std::vector<std::string_view> phrases;
  for (const auto& [code, text] : kColloquial) {
    if (code == occupation.code.str()) phrases.push_back(text);
  }
  if (!phrases.empty() && rng.Chance(0.8))
    return std::string(phrases[rng.Below(phrases.size())]);
  const size_t t = rng.Below(std::size(kWishTemplates));
  return std::string(kWishTemplates[t]) + occupation.name +
         std::string(kWishSuffixes[t]);
}

const std::vector<std::string_view>& ColloquialWishCodes() {
  static const std::vector<std::string_view> kCodes = [] {
    std::vector<std::string_view> codes;
    for (const auto& entry : kColloquial) {
      if (codes.empty() || codes.back() != entry.first)
        codes.push_back(entry.first);
    }
    return codes;
  }();
  return kCodes;
}

const std::vector<std::string_view>& EverydaySkills() {
  static const std::vector<std::string_view> kSkills = {
      "做饭",      "开车",     "会用电脑", "照顾老人", "带孩子",
      "搬运",      "收银",     "打字",     "剪视频",   "种地",
      "养殖",      "电焊",     "缝纫",     "接待客人", "会说普通话",
      "Excel表格", "手机拍摄", "驾驶证C1", "修手机",   "理货"};
  return kSkills;
}

std::string_view LevelWords(SkillLevel level) {
  switch (level) {
    case SkillLevel::kSpecial:
      return "专项能力";
    case SkillLevel::k5:
      return "五级/初级工";
    case SkillLevel::k4:
      return "四级/中级工";
    case SkillLevel::k3:
      return "三级/高级工";
    case SkillLevel::k2:
      return "二级/技师";
    case SkillLevel::k1:
      return "一级/高级技师";
  }
  return "";
}

}  // namespace qiancheng::world
