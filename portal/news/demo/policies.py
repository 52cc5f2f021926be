"""Demo articles of 政策法规 (policies): prose of our own; names and events are invented."""

from __future__ import annotations

from portal.news.demo.base import LEGAL, Demo

ARTICLES = [
    Demo("policies", 4, "一图读懂：支持民营经济发展的若干措施",
         "从市场准入、要素保障、法治保障等方面梳理近期出台的支持民营经济发展措施要点。",
         """为便于会员企业理解和运用近期出台的支持民营经济发展的政策措施，商会对政策要点进行了梳理：

- 持续破除市场准入壁垒，清理妨碍公平竞争的规定和做法
- 完善融资支持政策，加大对中小微企业的信贷投放
- 依法保护民营企业产权和企业家权益
- 畅通涉企政策制定中听取企业意见的渠道

政策原文请以有关部门发布的文件为准。会员企业在政策适用中遇到问题，可通过会员专区提交咨询。""",
         author=LEGAL, source="法律服务部",
         en=("At a Glance: Measures Supporting the Private Economy",
             "The main points of recently issued measures on market access, financing and "
             "legal protection.",
             """To help members use recently issued measures supporting the private economy, the chamber has summarised their main points:

- Removing barriers to market entry and rules that hinder fair competition
- More lending to small and micro enterprises
- Legal protection of the property of private firms and the rights of entrepreneurs
- Better channels for companies to be heard when policies are made

The official texts prevail. Members can ask about applying them through the member area.""")),
    Demo("policies", 19, "研发费用加计扣除政策问答",
         "围绕适用范围、费用归集和申报时点等常见问题，整理十个问答。",
         """法律服务部整理了会员企业关于研发费用加计扣除政策的常见问题：

## 哪些企业可以享受？

除烟草制造业、住宿和餐饮业、批发和零售业等行业外，会计核算健全、能够准确归集研发费用的居民企业一般可以享受。

## 什么时候申报？

企业可在预缴申报时选择享受，也可在年度汇算清缴时统一享受。

具体以税务机关的规定为准。如有疑问，请通过会员专区提交政策咨询。""",
         author=LEGAL, source="法律服务部",
         files=[("研发费用加计扣除政策问答.pdf", "研发费用加计扣除政策问答")]),
    Demo("policies", 55, "劳动合同管理中的五个常见风险",
         "律师提示：试用期约定、加班费计算、竞业限制等环节容易引发争议。",
         """法律服务部律师结合近年处理的会员企业劳动争议案件，提示劳动合同管理中的五个常见风险：试用期约定不规范、加班费计算基数有误、竞业限制补偿未按时支付、规章制度未经民主程序、解除合同理由和证据不足。

建议企业定期开展用工合规自查。""",
         author=LEGAL, source="法律服务部"),
    Demo("policies", 110, "数据出境合规要点提示",
         "涉及向境外提供个人信息的会员企业，应关注安全评估、标准合同等合规路径。",
         """随着业务国际化，越来越多的会员企业涉及向境外提供数据。企业应首先梳理数据出境的场景和数据类型，再根据数量和敏感程度选择安全评估、个人信息出境标准合同或认证等合规路径。

法律服务部可为会员企业提供初步咨询。""",
         author=LEGAL, source="法律服务部",
         en=("Key Points on Cross-border Data Transfers",
             "Members that send personal information abroad should look at security "
             "assessments and standard contracts.",
             """As business goes international, more members transfer data abroad. A company should first map which data leaves the country and why, then choose the route that fits its volume and sensitivity: a security assessment, the standard contract for personal information, or certification.

The Legal Services Department offers members a first consultation.""")),
    Demo("policies", 190, "中小企业款项支付有关规定解读",
         "机关、事业单位和大型企业应在约定期限内向中小企业支付款项。",
         """有关规定明确，机关、事业单位从中小企业采购货物、工程、服务，应当自货物、工程、服务交付之日起30日内支付款项；大型企业应当按照行业规范、交易习惯合理约定付款期限并及时支付。

会员企业遇到账款拖欠问题，可向商会反映。""",
         author=LEGAL, source="法律服务部"),
    Demo("policies", 280, "商标注册与保护实务指引",
         "企业应尽早规划商标布局，注意防范恶意抢注。",
         """商标是企业的重要无形资产。法律服务部建议会员企业在产品上市前完成商标检索和注册，对核心商标进行多类别、多地域布局，并定期监测，及时对恶意抢注提出异议或无效宣告。""",
         author=LEGAL, source="法律服务部"),
    Demo("policies", 500, "企业信用修复办理指南",
         "行政处罚信息公示期满或提前修复的条件和办理流程。",
         """企业受到行政处罚后，可在履行处罚决定、纠正违法行为并满足最短公示期等条件后申请信用修复。本指南梳理了办理条件、所需材料和办理流程，供会员企业参考。""",
         author=LEGAL, source="法律服务部"),
    Demo("policies", 0, "（草稿）个人所得税专项附加扣除政策变化提示",
         "草稿：待法律服务部审核。",
         """草稿内容，待审核。""",
         author=LEGAL, source="法律服务部", status="draft"),
]
