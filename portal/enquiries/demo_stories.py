"""The demo enquiries: what member enterprises and visitors asked the secretariat, and how it
was handled (all names, firms and figures invented for the demo).

A story is submitted `days_ago` days before the demo is loaded, at a local time; each step
follows a number of hours after the submission:
  (hours, "accept" | "start" | "close", who)
  (hours, "reply" | "note" | "member", who, text)
  (hours, "assign", who, assignee)
  (hours, "transfer", who, department, reason)
  (hours, "rate", who, rating, comment)
`who` is a demo account's e-mail, or None for the visitor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CATEGORIES = [
    # name_zh, name_en, department, working days
    ("政策咨询", "Policy questions", "综合事务部", 5),
    ("法律咨询", "Legal questions", "法律服务部", 5),
    ("会员服务", "Membership services", "会员部", 3),
    ("融资服务", "Financing services", "会员部", 7),
    ("国际合作", "International cooperation", "综合事务部", 7),
    ("其他", "Other", None, 5),
]

CANNED = [
    ("法律服务部", "已收到，正在研究", "您好！您的咨询已收到，我部律师正在研究相关材料，将在答复期限内给您正式回复。如需补充材料，可直接在本页上传。"),
    ("法律服务部", "建议线下面谈", "您好！您反映的问题涉及的事实较多，建议您携带合同原件及往来函件，预约到商会法律服务部面谈，联系电话：010-6512 0000 转 3。"),
    ("综合事务部", "政策文件链接", "您好！相关政策以主管部门发布的正式文件为准。我们已将文件要点整理如下，供您参考：\n\n1. \n2. \n\n如有疑问，欢迎继续留言。"),
    ("综合事务部", "转交说明", "您好！您的问题由其他部门负责更为合适，我们已将咨询转交，后续将由该部门与您联系。"),
    ("会员部", "会费发票", "您好！会费发票可开具增值税普通发票，请在留言中提供开票抬头和纳税人识别号，我们将在 3 个工作日内开具并寄出。"),
]

V = "visitor"  # a story's sender when it is a visitor: (V, name, e-mail, language)


@dataclass
class Story:
    category: str | None
    sender: str | tuple
    subject: str
    body: str
    days_ago: int
    time: str
    steps: list = field(default_factory=list)
    channel: str = "portal"
    attachment: str | None = None  # a PDF attached to the question, by this name


A1, A2, ADMIN = "agent@example.org", "agent2@example.org", "admin@example.org"
M1, M1B, M2, M3 = ("member1@example.org", "member1b@example.org", "member2@example.org",
                   "suspended@example.org")

STORIES = [
    Story("政策咨询", M1, "2026年研发费用加计扣除政策有无调整",
          "我公司是智能装备制造企业，去年研发投入约1,200万元。请问2026年研发费用加计扣除比例是否仍为100%？预缴申报时能否享受，需要准备哪些留存备查资料？",
          150, "10:20", [
              (2, "accept", A2), (26, "reply", A2, "您好！根据现行政策，制造业企业研发费用加计扣除比例为100%，2026年继续执行。企业可在7月和10月预缴申报时自行选择享受，年度汇算清缴时统一计算。留存备查资料主要包括：研发项目立项决议、研发费用辅助账、人员工时记录及成果报告等。建议按项目建立辅助账，便于税务核查。"),
              (30, "close", A2), (52, "rate", M1, "satisfied", "回复及时、要点清楚，谢谢！")]),
    Story("法律咨询", M1, "劳动合同到期不续签，经济补偿如何计算",
          "一名工程师的劳动合同将于下月到期，公司决定不再续签。请问需要支付经济补偿吗？该员工入职已满4年7个月，月平均工资约18,000元。",
          132, "15:05", [
              (1, "accept", A1), (20, "reply", A1, "您好！劳动合同期满，用人单位不续签的（维持或提高原条件而劳动者不同意续签的除外），应当支付经济补偿。工作满4年7个月，按5个月工资计算（满6个月不满1年按1年计，不满6个月按半个月计，此处7个月按1年计）。月工资18,000元未超过本地上年度职工月平均工资三倍的，补偿为9万元。请注意提前书面通知，并保留送达记录。"),
              (22, "note", A1, "已核对本市2025年社平工资，三倍标准约为37,000元，未超。"),
              (75, "close", A1), (80, "rate", M1B, "satisfied", "")], attachment="劳动合同（节选）.pdf"),
    Story("会员服务", M1, "会费发票抬头变更",
          "公司已完成名称变更，2026年度会费发票请按新名称开具。新名称：青禾智能装备有限公司，纳税人识别号不变。",
          120, "09:40", [
              (5, "accept", ADMIN), (6, "reply", ADMIN, "您好！已按新名称登记，2026年度会费发票将于3个工作日内开具，电子发票发送至您的注册邮箱。"),
              (30, "close", ADMIN), (40, "rate", M1, "satisfied", "")]),
    Story("法律咨询", M3, "商标被他人抢注，能否申请宣告无效",
          "我公司“松林鲜”品牌已使用多年，近期发现被外地一家公司在第29类抢先注册。请问能否申请宣告无效，需要准备哪些使用证据？",
          110, "14:30", [
              (30, "accept", A1), (140, "reply", A1, "您好！如能证明贵公司在对方申请日前已经使用并有一定影响，可以依据商标法第三十二条在注册之日起五年内申请宣告无效。证据建议包括：销售合同与发票、广告投放记录、媒体报道、获奖证书等，时间须早于对方申请日。建议委托专业代理机构办理。"),
              (170, "close", A1), (200, "rate", M3, "unsatisfied", "答复比承诺的时间晚了好几天，希望以后能快一些。")]),
    Story("国际合作", M2, "Invitation letters for visiting clients from Malaysia",
          "Two managers of a Malaysian customer plan to visit our Shanghai warehouse in May. Can the chamber issue an invitation letter for their business visas, or help us with the procedure?",
          105, "11:15", [
              (3, "accept", A2), (28, "reply", A2, "Dear Ms Liu, the chamber can issue an invitation letter for business visits by foreign clients of member enterprises. Please send the visitors' names, passport numbers, dates of the visit and the purpose, on your company letterhead. We will prepare the letter within two working days; the visa itself is applied for at the Chinese embassy or consulate."),
              (60, "close", A2), (66, "rate", M2, "satisfied", "Very helpful, thank you.")], channel="email"),
    Story("融资服务", M2, "Supply-chain finance platforms for receivables",
          "We have about RMB 6 million of receivables from large state-owned customers. Does the chamber work with banks or platforms that finance such receivables, and what are the usual costs?",
          98, "16:40", [
              (20, "accept", ADMIN), (90, "reply", ADMIN, "Dear Ms Liu, several partner banks of the chamber offer receivables financing through the national supply-chain finance platforms, typically at 3.2%–4.5% a year for receivables confirmed by state-owned customers. We have passed your contact to two banks' SME teams, who will contact you this week."),
              (120, "close", ADMIN), (130, "rate", M2, "fairly_satisfied", "Useful contacts; more detail on costs would have helped.")]),
    Story("其他", (V, "吴女士", "wu.visitor@example.net", "zh_CN"), "商会活动场地能否借用",
          "您好，我们是一家行业协会，想借用商会多功能厅举办半天的行业沙龙，大约60人。请问是否对外出借，费用如何？",
          92, "10:05", [
              (4, "accept", A2), (25, "reply", A2, "吴女士您好！商会多功能厅可容纳80人，优先保障会员企业活动，非会员单位可在有空档时借用，半天场地费2,000元（含投影和音响）。请提前两周来电预约具体日期。"),
              (48, "close", A2), (60, "rate", None, "satisfied", "")]),
    Story("政策咨询", M3, "小微企业“六税两费”减免能否叠加享受",
          "我公司是小型微利企业，已享受所得税优惠。请问“六税两费”减半征收能否同时享受？",
          85, "13:20", [
              (3, "accept", A2), (40, "reply", A2, "您好！可以叠加。小型微利企业已依法享受其他税收优惠的，可在此基础上叠加享受“六税两费”减半征收。申报时系统会自动带出减免金额，请核对减免性质代码是否正确。"),
              (45, "close", A2), (55, "rate", M3, "fairly_satisfied", "")]),
    Story(None, (V, "陈先生", "chen.sme@example.net", "zh_CN"), "非会员企业如何申请入会",
          "我们是一家做工业软件的民营企业，成立五年，想了解加入商会的条件、会费标准和办理流程。",
          80, "09:10", [
              (2, "accept", A2), (7, "reply", A2, "陈先生您好！依法登记、信用良好的民营企业均可申请入会。会员单位年会费5,000元，理事单位2万元。请填写入会申请表，连同营业执照复印件提交至会员部，经审核后报会长办公会批准。我们已将您的联系方式转给会员部，他们会与您联系。"),
              (50, "close", A2)]),
    Story("融资服务", M1, "银企对接会报名需要准备哪些材料",
          "看到商会通知下月举办银企对接会，我公司有一笔约800万元的设备更新贷款需求。请问报名需要提交哪些材料？",
          60, "14:50", [
              (2, "accept", ADMIN), (26, "reply", ADMIN, "您好！请提交：近两年审计报告及最近一期财务报表、融资需求说明（用途、金额、期限、可提供的担保）、主要设备采购合同或意向书。材料请在对接会前一周上传至本页面。"),
              (200, "member", M1, "材料已准备好，但审计报告只有2024年的，2025年的还在审计中，可以先用管理报表代替吗？")]),
    Story("国际合作", M1, "2027年东盟博览会组团安排",
          "我公司有意参加明年的中国—东盟博览会，希望随商会组团参展。请问展位费补贴政策和报名截止时间？",
          40, "10:30", [
              (3, "accept", A2), (6, "start", A2),
              (8, "note", A2, "已联系博览会秘书处，补贴政策预计12月公布，届时统一答复。")]),
    Story("国际合作", M2, "Compliance questions on an overseas warehouse in Vietnam",
          "We plan to open a bonded warehouse in Hai Phong next year. What registrations are needed on the Chinese side (ODI filing, foreign exchange), and are there risks we should know about?",
          35, "15:30", [
              (2, "accept", A2),
              (5, "transfer", A2, "法律服务部", "涉及境外投资备案和外汇合规，属法律服务部业务范围。"),
              (7, "accept", A1), (9, "start", A1)], channel="email"),
    Story("法律咨询", M1B, "客户拖欠货款180万元，如何申请财产保全",
          "一家下游客户拖欠我公司设备款180万元已超过一年，多次催收无果。请问诉讼时效是否已过，起诉时能否同时申请财产保全？",
          21, "11:00", [
              (1, "accept", A1), (2, "start", A1),
              (3, "note", A1, "最后一次书面催款在2025年10月，时效中断，尚在三年内。需要会员补充合同和对账单。"),
              (4, "reply", A1, "您好！根据您描述的最后一次书面催款时间，诉讼时效已中断并重新计算，尚未届满。起诉时可同时申请诉讼财产保全，一般需提供担保。请补充上传买卖合同、对账单和催款函，我们据此给出具体意见。"),
              (30, "member", M1B, "已上传合同和对账单，请查收。")]),
    Story("政策咨询", M1B, "高新技术企业认定的知识产权要求",
          "公司准备今年申报高新技术企业认定，目前有3项实用新型专利和5项软件著作权。请问数量是否足够？",
          14, "16:10", [(3, "accept", A2), (4, "start", A2)]),
    Story("法律咨询", M1, "股权代持协议的风险",
          "一位早期投资人希望由我公司的一名高管代持其股份。请问签订股权代持协议有哪些法律风险，需要注意什么？",
          12, "09:30", []),
    Story("融资服务", (V, "林先生", "lin.guarantee@example.net", "zh_CN"), "融资担保费补贴如何申请",
          "我们是一家科技型小企业，去年通过担保公司贷款300万元，支付担保费约4.5万元。听说有担保费补贴，请问如何申请？",
          10, "14:00", []),
    Story("会员服务", M2, "Upgrading from council member to vice-president unit",
          "Our board would like to apply for vice-president unit status next year. What is the procedure, and what are the fees and duties?",
          6, "10:45", [(5, "accept", ADMIN)]),
    Story("政策咨询", M1, "专精特新“小巨人”申报及商会推荐",
          "公司已是省级专精特新企业，准备申报国家级专精特新“小巨人”。请问商会能否出具推荐意见，需要我们提供什么材料？",
          4, "09:15", [(2, "accept", A2)]),
    Story("会员服务", M1B, "会员证书遗失补办",
          "我公司的会员证书在搬迁中遗失，请问如何补办？需要多长时间？",
          3, "15:20", []),
    Story("法律咨询", (V, "Mr. Tan", "tan.logistics@example.com", "en"), "Non-compete compensation for a departing manager",
          "A sales manager of our Beijing branch is leaving and signed a non-compete agreement. What monthly compensation must we pay during the restriction period?",
          2, "11:30", [], channel="email"),
    Story(None, (V, "周记者", "zhou.press@example.net", "zh_CN"), "采访联系：民营企业数字化转型",
          "我是一家财经媒体的记者，正在做民营企业数字化转型的专题报道，希望采访商会负责人，并请推荐两三家会员企业。",
          1, "17:40", []),
    Story(None, (V, "Anna Berg", "anna.berg@example.com", "en"), "Membership for a foreign-invested enterprise",
          "We are a German-invested machinery company registered in Suzhou. Can a foreign-invested enterprise join the chamber, and is there an English version of the application form?",
          1, "10:00", [(3, "accept", A2)]),
    Story("其他", M1B, "会刊投稿",
          "我公司近期完成了一项智能产线改造，想向商会会刊投稿介绍经验。请问投稿邮箱和字数要求？",
          50, "10:10", [
              (2, "transfer", A2, "宣传部", "会刊由宣传部负责。"),
              (30, "reply", ADMIN, "您好！欢迎投稿。稿件请控制在3,000字以内，配2至4张图片，发送至会刊编辑部邮箱，并注明联系人和电话。宣传部将在两周内反馈是否录用。"),
              (60, "close", ADMIN), (80, "rate", M1B, "satisfied", "")]),
    Story("政策咨询", (V, "赵女士", "zhao.hr@example.net", "zh_CN"), "稳岗补贴申领流程",
          "请问2026年失业保险稳岗返还是否需要企业申请？我们是一家120人的民营企业。",
          28, "09:50", [
              (3, "accept", A2), (20, "reply", A2, "赵女士您好！符合条件的企业一般采取“免申即享”方式，由人社部门根据参保和裁员率数据直接返还，无需申请。请留意单位银行账户入账及短信通知，如未收到可向参保地社保经办机构查询。")]),
    Story("法律咨询", M2, "Arbitration clause in a contract with a Vietnamese carrier",
          "Our contract with a Vietnamese trucking company names arbitration in Singapore, but the damage was RMB 400,000 only. Is it worth arbitrating, or can we sue in China?",
          26, "14:15", [
              (2, "accept", A1), (24, "reply", A1, "Dear Ms Liu, a valid arbitration clause generally excludes the Chinese courts. For a claim of RMB 400,000, SIAC's expedited procedure is available, but the costs may reach a third of the claim. We suggest first sending a formal demand letter and proposing mediation; we can review the letter if you upload a draft.")],
          channel="email"),
    Story("会员服务", M3, "新增企业联系人账号",
          "我公司行政部新入职一名同事，需要开通商会平台账号，请问如何办理？",
          70, "11:40", [
              (2, "accept", ADMIN), (3, "reply", ADMIN, "您好！贵公司的主要联系人可在会员区“账号”页面直接邀请同事，对方通过邮件链接设置密码即可使用。"),
              (30, "close", ADMIN)]),
    Story("融资服务", M1, "技改项目贴息申请时间",
          "我公司今年完成了一条智能产线技改，投资约2,600万元。请问市里的技改贷款贴息什么时候开始申报？",
          45, "10:25", [
              (3, "accept", ADMIN), (5, "reply", ADMIN, "您好！2026年度技改贴息申报预计在11月下旬启动，以工信部门通知为准。届时商会将在会员区发布通知，并协助准备申报材料。"),
              (50, "close", ADMIN), (55, "rate", M1, "fairly_satisfied", "希望申报启动后能第一时间通知。")]),
    Story(None, (V, "刘先生", "liu.suggest@example.net", "zh_CN"), "对商会网站的建议",
          "建议商会网站增加政策文件的分类检索，并提供手机端更方便的浏览方式。",
          64, "20:30", [
              (14, "accept", A2), (20, "reply", A2, "刘先生您好！感谢您的建议。新版网站已支持手机浏览和全文检索，政策文件分类检索正在规划中，我们会尽快上线。"),
              (40, "close", A2)]),
    Story("法律咨询", M1, "员工出差途中受伤是否认定工伤",
          "我公司一名销售人员在外地出差期间，晚上外出就餐时摔伤。请问能否认定为工伤？",
          8, "13:45", [(2, "accept", A1)]),
    Story("法律咨询", M1, "合同约定的违约金过高能否请求调整",
          "我公司与供应商的采购合同约定逾期交货违约金为每日千分之五，对方延误了40天。现在对方认为违约金过高要求调减，请问法院一般如何处理？",
          53, "16:20", [
              (2, "accept", A1), (24, "reply", A1, "您好！违约金过分高于造成的损失的，当事人可以请求法院予以适当减少，一般以实际损失的百分之一百三十为参考上限。建议贵公司整理因延误产生的实际损失（停工、赶工、违约赔付等）证据，以便在协商或诉讼中主张。"),
              (48, "close", M1), (49, "rate", M1, "satisfied", "很专业，已按建议与对方协商。")]),
]
