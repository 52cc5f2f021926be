"""Demo articles of 商会动态 (chamber-news): prose of our own; names and events are invented."""

from __future__ import annotations

from portal.news.demo.base import GENERAL, LEGAL, MEMBERSHIP, Demo

ARTICLES = [
    Demo("chamber-news", 2, "商会第六届会员代表大会第三次会议在京召开",
         "会议审议通过了年度工作报告和财务报告，增补了三名副会长，部署了明年重点工作。",
         """11月24日，商会第六届会员代表大会第三次会议在北京召开。来自全国各地的二百余名会员代表出席会议。

会长代表理事会作年度工作报告，回顾了一年来商会在服务会员、反映诉求、促进交流合作等方面的工作。报告指出，今年商会共组织各类活动四十余场，受理会员诉求三百余件，办结率超过百分之九十五。

会议审议通过了年度财务报告，选举增补明川新材料集团有限公司等三家企业的负责人为商会副会长。

## 明年重点工作

- 深化会员服务，完善诉求办理机制
- 加强法律服务，举办合规经营系列培训
- 推动会员企业参与区域协调发展
- 加强商会自身建设，提升秘书处服务能力

会长在总结讲话中表示，商会将坚持以会员为中心，把服务做细做实，为民营企业健康发展营造良好环境。""",
         pinned=True,
         en=("Third Session of the Sixth Members' Congress Held in Beijing",
             "The congress adopted the annual work and financial reports, elected three new "
             "vice-presidents and set out next year's priorities.",
             """On 24 November the third session of the chamber's sixth Members' Congress met in Beijing, attended by more than two hundred member representatives.

The president presented the council's annual report. The chamber held over forty events this year and handled more than three hundred member enquiries, resolving over 95 per cent of them.

The congress adopted the financial report and elected three new vice-presidents, among them the chairman of Mingchuan New Materials Group.

## Priorities for next year

- Better member services and a faster enquiry process
- Legal services and a series of compliance workshops
- Member participation in regional development
- A stronger, more responsive secretariat"""),
         files=[("第六届会员代表大会第三次会议议程.pdf", "第六届会员代表大会第三次会议议程")]),
    Demo("chamber-news", 9, "商会举办民营企业合规经营专题培训",
         "一百二十余家会员企业的负责人和法务人员参加培训，围绕数据合规、劳动用工和合同管理展开交流。",
         """11月17日，商会法律服务部举办民营企业合规经营专题培训，一百二十余家会员企业的负责人和法务人员参加。

培训邀请三位执业律师，分别围绕数据合规、劳动用工风险防范和合同全流程管理进行讲解，并结合会员企业提出的典型问题答疑。

参训企业表示，培训内容贴近实际，希望商会持续开展此类活动。法律服务部将把培训课件上传至会员专区“学习资料”栏目，供会员企业下载学习。""",
         author=LEGAL, source="法律服务部",
         en=("Chamber Holds Compliance Workshop for Private Enterprises",
             "Managers and in-house lawyers from over 120 member enterprises discussed data "
             "protection, employment and contract management.",
             """On 17 November the Legal Services Department held a compliance workshop attended by managers and in-house counsel from more than 120 member enterprises.

Three practising lawyers spoke on data compliance, employment risks and contract management, and answered questions sent in by members beforehand.

The slides will be published in the study materials section of the member area.""")),
    Demo("chamber-news", 16, "商会与市场监管部门座谈 反映会员企业经营诉求",
         "座谈会上，八家会员企业代表围绕市场准入、检验检测等问题提出意见建议。",
         """近日，商会组织部分会员企业与市场监管部门召开座谈会。八家会员企业代表围绕市场准入、产品检验检测周期、跨区域经营备案等问题提出意见建议。

市场监管部门有关负责同志逐一回应，并表示将对企业反映集中的问题进行专题研究。商会将持续跟踪办理情况，及时向会员企业反馈。""",
         author=GENERAL),
    Demo("chamber-news", 31, "商会调研组赴长三角地区走访会员企业",
         "调研组走访了十二家会员企业，了解企业在外贸订单、用工和融资方面的情况。",
         """10月下旬，商会调研组赴上海、杭州、苏州等地，走访十二家会员企业，实地了解企业生产经营情况。

调研中，企业普遍反映外贸订单逐步回稳，但原材料价格波动和用工成本上升带来一定压力。部分中小企业希望在融资担保、应收账款确权等方面得到更多支持。

调研组将形成专题报告，报送有关部门参考。""",
         author=GENERAL, source="商会调研组"),
    Demo("chamber-news", 47, "“商会开放日”活动走进远帆跨境物流",
         "三十余家会员企业代表参观了远帆跨境物流的智能分拣中心，并就跨境电商物流合作进行交流。",
         """10月10日，商会“开放日”活动走进远帆跨境物流股份有限公司。三十余家会员企业代表参观了企业的智能分拣中心和海外仓管理平台。

远帆跨境物流负责人介绍了企业在跨境电商物流方面的经验。参会企业围绕海外仓共享、通关便利化等话题深入交流，多家企业现场达成合作意向。""",
         author=MEMBERSHIP, source="会员部",
         en=("Open Day at Yuanfan Cross-border Logistics",
             "Representatives of over thirty member enterprises toured Yuanfan's automated "
             "sorting centre and discussed logistics cooperation.",
             """On 10 October the chamber's Open Day took members to Yuanfan Cross-border Logistics. Over thirty member representatives toured the company's automated sorting centre and its overseas-warehouse platform.

The discussion covered shared overseas warehouses and faster customs clearance; several companies agreed to follow up on cooperation.""")),
    Demo("chamber-news", 75, "商会召开秘书处工作例会 部署第四季度重点任务",
         "会议听取了各部门前三季度工作情况汇报，对第四季度会员服务和年会筹备作出安排。",
         """9月12日，商会秘书处召开工作例会。会议听取了综合事务部、会员部、法律服务部、宣传部前三季度工作情况汇报。

会议要求，各部门要按照年度计划抓好落实，重点做好会员诉求办理、年度会员大会筹备和会员信息年度核对等工作。""",
         author=GENERAL),
    Demo("chamber-news", 120, "商会组织会员企业参加中国国际服务贸易交易会",
         "二十余家会员企业在商会组织下参展，展示数字服务、检验检测、供应链管理等领域的成果。",
         """商会组织二十余家会员企业参加中国国际服务贸易交易会，集中展示数字服务、检验检测、供应链管理等领域的新产品和新服务。

展会期间，商会举办了会员企业对接洽谈会，促成意向合作三十余项。""",
         author=MEMBERSHIP, source="会员部"),
    Demo("chamber-news", 168, "商会与滨江市工商联签署合作备忘录",
         "双方将在企业互访、项目对接、法律服务等方面加强合作。",
         """6月11日，商会与滨江市工商联签署合作备忘录。根据备忘录，双方将建立常态化联系机制，在企业互访、项目对接、法律服务、人才培训等方面加强合作。

签约仪式后，双方组织会员企业开展了产业对接交流。""",
         en=("Chamber Signs Memorandum of Cooperation with the Binjiang Federation",
             "The two organisations will work together on company visits, project matching "
             "and legal services.",
             """On 11 June the chamber signed a memorandum of cooperation with the Binjiang Municipal Federation of Industry and Commerce. The two will hold regular exchanges and cooperate on company visits, project matching, legal services and training.

A matchmaking session for member enterprises followed the signing.""")),
    Demo("chamber-news", 215, "商会举办2026年度新会员见面会",
         "四十二家新入会企业的代表参加见面会，了解商会组织架构和会员服务内容。",
         """4月25日，商会举办2026年度新会员见面会，四十二家新入会企业的代表参加。

秘书处各部门负责人介绍了商会组织架构、会员权利义务以及会员专区的使用方法。新会员代表表示，将积极参加商会活动，用好商会平台。""",
         author=MEMBERSHIP, source="会员部"),
    Demo("chamber-news", 260, "商会春季理事会会议召开",
         "会议审议了年度工作计划和预算，通报了会员发展情况。",
         """3月18日，商会召开春季理事会会议。会议审议通过了2026年度工作计划和财务预算，通报了上一年度会员发展和会费收缴情况。""",
         author=GENERAL),
    Demo("chamber-news", 330, "商会开展“走访千家企业”活动总结",
         "一年来，秘书处和各专业委员会走访会员企业一千零六十家，收集意见建议四百余条。",
         """“走访千家企业”活动开展一年来，商会秘书处和各专业委员会共走访会员企业一千零六十家，收集意见建议四百余条，其中涉及融资、用工、市场准入的问题占比较高。

对收集到的问题，商会已分类转交有关部门，并建立台账逐项跟踪。""",
         author=GENERAL, source="商会秘书处"),
    Demo("chamber-news", 420, "商会代表团访问东南亚 拓展会员企业海外合作",
         "代表团走访了三个国家的商协会和产业园区，举办了两场经贸对接会。",
         """商会代表团一行十五人访问东南亚三国，走访当地商协会、产业园区和中资企业，举办两场经贸对接会。

代表团成员企业涉及装备制造、新材料、食品加工等领域，与当地企业签署合作意向书六份。""",
         en=("Chamber Delegation Visits Southeast Asia",
             "The delegation met business associations and industrial parks in three "
             "countries and held two matchmaking events.",
             """A fifteen-member chamber delegation visited three Southeast Asian countries, meeting local business associations, industrial parks and Chinese companies, and holding two matchmaking events.

Member enterprises in equipment, new materials and food processing signed six letters of intent.""")),
    Demo("chamber-news", 530, "商会举办年度会员企业家座谈会",
         "座谈会以“稳预期、强信心”为主题，十五位企业家作交流发言。",
         """商会举办年度会员企业家座谈会，十五位企业家围绕“稳预期、强信心”主题作交流发言，就优化营商环境、支持企业创新等提出建议。""",
         author=GENERAL),
    Demo("chamber-news", 650, "商会秘书处迁入新址办公",
         "秘书处迁至示例大街88号商会大厦6层，服务热线保持不变。",
         """商会秘书处已迁至北京市东城区示例大街88号商会大厦6层办公，服务热线和电子邮箱保持不变。欢迎会员企业来访。""",
         author=GENERAL, status="archived"),
]
