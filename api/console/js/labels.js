// labels.js -- the Chinese names the console shows for the API's stable
// English identifiers (enum values, factor names, rule ids, error codes,
// field names). The API keeps English ids so clients can rely on them; the
// counselor reads Chinese. An id missing here is shown as it is, never hidden.

export const GROUPS = {
  college_graduate: "高校毕业生",
  rural_migrant: "农村转移就业劳动者",
  registered_unemployed: "登记失业人员",
  employment_difficulty: "就业困难人员",
  poverty_alleviated: "脱贫人口",
  veteran: "退役军人",
  disabled: "残疾人",
  low_income_family: "低保家庭",
  zero_employment_family: "零就业家庭",
  student: "在校学生",
  graduate_not_continuing: "未继续升学的初高中毕业生",
};

export const EMPLOYMENT_STATUS = {
  unemployed: "失业",
  employed: "在业",
  flexible: "灵活就业",
  student: "在校",
};

export const EDUCATION = {
  unknown: "未知",
  primary: "小学",
  junior_secondary: "初中",
  senior_secondary: "高中",
  secondary_vocational: "中职",
  higher_vocational: "高职（大专）",
  bachelor: "本科",
  postgraduate: "研究生",
};

export const HUKOU_TYPE = { rural: "农业户口", urban: "非农业户口" };

export const LEVEL = {
  special: "专项能力",
  5: "五级/初级工",
  4: "四级/中级工",
  3: "三级/高级工",
  2: "二级/技师",
  1: "一级/高级技师",
};

export const MODE = { offline: "线下", online: "线上", blended: "线上线下结合" };
export const SCHEDULE = { weekday: "工作日", evening: "晚间", weekend: "周末" };
export const EMPLOYMENT_TYPE = { stable: "稳定就业（劳动合同）", flexible: "灵活就业" };
export const OUTCOME_EMPLOYMENT = { none: "未就业", flexible: "灵活就业", stable: "稳定就业" };

export const SUBSIDY_KIND = {
  training: "培训补贴",
  work_based: "以工代训补贴",
  living: "生活费补贴",
  skill_upgrade: "技能提升补贴",
  entrepreneurship: "创业培训补贴",
  certificate: "证书补贴",
};

// Ranking factors, by the names in data/rank/weights.json.
export const FACTOR = {
  fit: "意愿匹配度",
  local_demand: "本地用工需求",
  shortage: "紧缺职业",
  institution_employment: "机构就业率",
  institution_pass: "机构合格率",
  order_class: "订单班",
  cost: "个人负担",
  subsidy: "补贴金额",
  distance: "距离",
  mode_fit: "培训方式",
  schedule_fit: "上课时间",
  seats_left: "剩余名额",
  start_soon: "开班临近",
  priority: "重点群体/领域",
  level_fit: "等级匹配",
  salary: "薪资",
  stable_contract: "稳定合同",
  freshness: "发布时间",
  certificate: "职业证书",
  trained: "相关培训",
  finishing_soon: "即将结业",
  availability: "可到岗",
};

// The policy rules of DESIGN.md, by id.
export const RULE = {
  R1: "实名登记（凡补必进、不进不补）",
  R2: "每年最多三次培训补贴",
  R3: "在校学生限一次",
  R4: "不以户籍或地区为前提",
  R5: "紧缺职业上浮",
  R6: "线上培训按比例",
  R7: "按就业结果给付",
  R8: "生活费和交通补贴",
  R9: "技能提升补贴",
  R10: "就业率低于30%只付就业学员",
  R11: "以工代训",
  R12: "不重复享受",
  R13: "合格且未列入黑名单的机构",
  R14: "证书直补",
  R15: "重点群体和领域优先",
};

export const AMOUNT = {
  base_yuan: "基础补贴标准",
  shortage_uplift_yuan: "紧缺职业上浮",
  online_factor: "线上培训系数",
  subsidy_yuan: "培训补贴",
  living_allowance_yuan: "生活费补贴",
  transport_allowance_yuan: "交通补贴",
  skill_upgrade_yuan: "技能提升补贴",
  worker_pays_yuan: "个人自付",
};

export const FEED_KIND = { job: "岗位", training: "培训" };
export const FEED_EVENT = {
  training_completed: "培训结业",
  vacancy_opened: "新岗位发布",
  shortage_class: "紧缺职业开班",
};

export const ERROR_CODE = {
  invalid_argument: "请求内容有误",
  unauthenticated: "密钥无效或已失效，请重新登录",
  permission_denied: "无权限：超出本密钥的地区或角色范围",
  not_found: "未找到",
  already_exists: "记录已存在",
  failed_precondition: "当前状态不允许此操作",
  resource_exhausted: "请求过多或数据过大，请稍后再试",
  payload_too_large: "提交的数据过大",
  unavailable: "服务暂不可用（推荐服务可能仍在启动）",
  internal: "服务器内部错误",
  network: "无法连接服务器",
};

// Field names that an error may name.
export const FIELD = {
  id: "编号",
  worker_id: "劳动者编号",
  project_id: "培训项目编号",
  enrolled_date: "报名日期",
  completed: "是否结业",
  completion_date: "结业日期",
  certificate_level: "证书等级",
  employment: "就业结果",
  employer: "就业单位",
  employment_date: "就业日期",
  region: "地区代码",
  k: "推荐条数",
  limit: "每页条数",
  cursor: "翻页游标",
  up_to: "已读到的序号",
  include_ineligible: "包含不符合补贴条件的项目",
  body: "请求体",
};

// The label of `value` in `table`, or the value itself when unknown.
export function label(table, value) {
  if (value === undefined || value === null || value === "") return "";
  return table[value] ?? String(value);
}

export function labels(table, values) {
  return (values ?? []).map((v) => label(table, v)).join("、");
}
