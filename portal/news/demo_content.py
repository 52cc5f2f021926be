"""Demo news: categories and articles written for the demo (all names and events invented).

load_news_demo() adds them; load_synthetic_articles() bulk-inserts N filler articles for
benchmarks. Bodies are written in a tiny plain format: paragraphs separated by blank lines,
"## " starts a heading, "- " a list item.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import escape

from sqlalchemy import insert, select

from portal.extensions import db
from portal.files.samples import docx_document, pdf_document
from portal.files.services import save_bytes
from portal.news.models import Article, ArticleAttachment, Category

CATEGORIES = [
    # slug, name_zh, name_en
    ("chamber-news", "商会动态", "Chamber News"),
    ("party-building", "党建工作", "Party Building"),
    ("notices", "通知公告", "Notices"),
    ("member-profiles", "会员风采", "Member Profiles"),
    ("policies", "政策法规", "Policies and Regulations"),
]

TODAY = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 in Beijing

GENERAL = "秘书处综合事务部"
MEMBERSHIP = "会员部"
LEGAL = "法律服务部"
PUBLICITY = "宣传部"
PARTY = "商会党委办公室"


@dataclass
class Demo:
    slug: str
    days_ago: int
    title_zh: str
    summary_zh: str
    body_zh: str
    author: str = GENERAL
    source: str = "商会秘书处"
    pinned: bool = False
    en: tuple[str, str, str] | None = None
    files: list[tuple[str, str]] = field(default_factory=list)  # (file name, text in it)
    status: str = "published"


def to_html(text: str) -> str:
    """The demo's plain format as the HTML Quill would produce."""
    html, items = [], []
    for block in (b.strip() for b in text.strip().split("\n\n")):
        lines = block.splitlines()
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        elif block.startswith("## "):
            html.append(f"<h2>{escape(block[3:])}</h2>")
        else:
            html.append(f"<p>{escape(' '.join(lines))}</p>")
    return "".join(html)


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

    Demo("party-building", 5, "商会党委召开专题学习会",
         "党委班子成员和各支部书记参加学习，围绕加强民营企业党建工作进行交流研讨。",
         """11月21日，商会党委召开专题学习会，党委班子成员和各支部书记参加。

会议集中学习了有关加强民营企业党建工作的文件精神，交流了会员企业党组织在服务生产经营、凝聚职工群众方面的做法。

会议要求，各支部要结合实际抓好学习贯彻，推动党建工作与企业发展深度融合。""",
         author=PARTY, source="商会党委", pinned=True),
    Demo("party-building", 23, "商会党委组织党员赴革命纪念馆开展主题党日活动",
         "五十余名党员重温入党誓词，接受革命传统教育。",
         """商会党委组织机关和会员企业党员五十余人，赴革命纪念馆开展主题党日活动。党员们参观了陈列展览，在党旗下重温入党誓词。""",
         author=PARTY, source="商会党委"),
    Demo("party-building", 61, "会员企业党建工作经验交流会举行",
         "六家会员企业党组织负责人分享了党建引领企业发展的做法。",
         """商会党委举办会员企业党建工作经验交流会。青禾智能装备、明川新材料等六家企业党组织负责人结合实际，分享了党建引领企业发展、党员先锋岗建设、关心关爱职工等方面的做法。

与会同志表示，要相互借鉴，把党建工作做到职工心坎上。""",
         author=PARTY, source="商会党委",
         en=("Member Enterprises Share Party-building Experience",
             "Leaders of party organisations in six member enterprises described how "
             "party building supports their companies' development.",
             """The chamber's Party committee held an experience-sharing meeting at which party organisation leaders from six member enterprises, including Qinghe Intelligent Equipment and Mingchuan New Materials, described their work with employees and the role of party members in their companies.""")),
    Demo("party-building", 98, "商会党委开展“书记讲党课”活动",
         "党委书记以“坚定信心 服务发展”为题为全体党员讲授专题党课。",
         """商会党委书记以“坚定信心 服务发展”为题，为机关全体党员和部分会员企业党组织书记讲授专题党课。""",
         author=PARTY, source="商会党委"),
    Demo("party-building", 152, "商会党委召开党建工作述职评议会",
         "各支部书记逐一述职，党委对支部工作进行了评议。",
         """商会党委召开党建工作述职评议会，机关各支部和部分会员企业党组织书记逐一述职，与会人员进行现场评议。党委书记对各支部工作作了点评，提出了改进要求。""",
         author=PARTY, source="商会党委"),
    Demo("party-building", 240, "商会机关党支部开展志愿服务活动",
         "党员志愿者走进社区，开展法律咨询和政策宣传。",
         """商会机关党支部组织党员志愿者走进社区，开展法律咨询、政策宣传和环境整治志愿服务，受到居民欢迎。""",
         author=PARTY, source="商会机关党支部"),
    Demo("party-building", 380, "商会党委举办新任支部书记培训班",
         "培训围绕支部工作规范、党员教育管理等内容展开。",
         """商会党委举办新任支部书记培训班，二十余名会员企业新任党组织书记参加。培训围绕支部工作规范、党员发展和教育管理、组织生活会开展等内容展开。""",
         author=PARTY, source="商会党委"),
    Demo("party-building", 600, "商会党委召开年度民主生活会",
         "班子成员开展批评与自我批评，查找问题并明确整改措施。",
         """商会党委召开年度民主生活会，班子成员对照检查、相互批评，查找工作中的不足，明确了整改措施和时限。""",
         author=PARTY, source="商会党委"),

    Demo("notices", 1, "关于2027年元旦放假安排的通知",
         "2027年1月1日至1月3日放假，共3天。放假期间会员诉求可在线提交，节后依次办理。",
         """各会员企业：

根据国家有关规定，现将2027年元旦放假安排通知如下：1月1日（星期五）至1月3日（星期日）放假，共3天。

放假期间，会员专区照常开放，会员企业可在线提交咨询和诉求，秘书处将于节后第一个工作日起依次办理。如有紧急事项，请拨打服务热线。

特此通知。""",
         en=("New Year Holiday Arrangements for 2027",
             "The secretariat is closed from 1 to 3 January 2027. Enquiries can be sent "
             "online and will be handled after the holiday.",
             """Dear members,

The secretariat will be closed from Friday 1 January to Sunday 3 January 2027.

The member area stays open: enquiries sent during the holiday will be handled from the first working day after it. For urgent matters please call the service hotline.""")),
    Demo("notices", 6, "关于开展2026年度会员信息核对工作的通知",
         "请各会员企业于12月20日前登录会员专区核对企业信息，如有变更请填写附件中的申请表。",
         """各会员企业：

为做好会员服务，商会将开展2026年度会员信息核对工作。请各会员企业于12月20日前登录会员专区，核对企业名称、统一社会信用代码、联系人等信息。

如信息有变更，请下载并填写附件中的《会员信息变更申请表》，加盖公章后扫描上传或寄送至秘书处会员部。

联系人：会员部，电话见页面底部服务热线。""",
         author=MEMBERSHIP, source="会员部",
         files=[("会员信息变更申请表.docx", "会员信息变更申请表"),
                ("会员信息核对说明.pdf", "会员信息核对说明")]),
    Demo("notices", 12, "关于举办第七期中小企业财税知识讲座的通知",
         "讲座定于12月10日下午在商会大厦举行，请有意参加的会员企业于12月5日前报名。",
         """各会员企业：

商会定于12月10日（星期四）下午2:30在商会大厦6层会议室举办第七期中小企业财税知识讲座，主要内容包括年度汇算清缴要点和研发费用加计扣除政策解读。

请有意参加的会员企业于12月5日前通过会员专区报名，每家企业限报2人。""",
         author=GENERAL, files=[("财税知识讲座报名回执.docx", "财税知识讲座报名回执")]),
    Demo("notices", 40, "关于缴纳2027年度会费的通知",
         "请各会员企业于2027年3月31日前缴纳年度会费，缴费标准和账户信息见附件。",
         """各会员企业：

根据商会章程和会费管理办法，请各会员企业于2027年3月31日前缴纳2027年度会费。缴费标准、收款账户和发票开具方式见附件。

如有疑问，请联系会员部。""",
         author=MEMBERSHIP, source="会员部",
         files=[("2027年度会费缴纳说明.pdf", "2027年度会费缴纳说明")]),
    Demo("notices", 88, "关于国庆节期间秘书处值班安排的通知",
         "10月1日至7日放假，秘书处安排专人值班。",
         """国庆节期间（10月1日至7日），秘书处安排专人值班，值班电话即服务热线。会员企业在线提交的诉求将于节后依次办理。""",
         author=GENERAL),
    Demo("notices", 140, "关于征集会员企业典型案例的通知",
         "商会面向会员企业征集科技创新、绿色发展、社会责任等方面的典型案例。",
         """为宣传会员企业的优秀经验，商会面向全体会员企业征集科技创新、绿色发展、社会责任、党建引领等方面的典型案例。

请于7月31日前将案例材料（3000字以内，可附图片）通过会员专区提交。入选案例将在商会网站“会员风采”栏目刊发。""",
         author=PUBLICITY, source="宣传部",
         en=("Call for Case Studies from Member Enterprises",
             "The chamber invites case studies on innovation, green development and "
             "social responsibility.",
             """The chamber invites member enterprises to submit case studies on technological innovation, green development, social responsibility or party building, up to 3,000 characters with pictures, through the member area by 31 July. Selected cases will appear under Member Profiles.""")),
    Demo("notices", 300, "关于启用会员服务门户的通知",
         "商会会员服务门户正式上线，会员企业可在线查看通知、下载资料、提交诉求。",
         """各会员企业：

商会会员服务门户已正式上线。会员企业用户登录后，可在线查看会员通知、下载学习资料、提交咨询和诉求并跟踪办理进度。

首次登录的用户请通过邀请邮件中的链接设置密码。使用中如有问题，请联系服务热线。""",
         author=GENERAL, pinned=True,
         en=("The Member Services Portal Is Open",
             "Member enterprises can now read notices, download materials and send "
             "enquiries online.",
             """Dear members,

The chamber's member services portal is now open. After signing in, member users can read member notices, download study materials, and send enquiries and follow their progress.

First-time users set their password through the link in their invitation e-mail.""")),
    Demo("notices", 400, "关于调整服务热线工作时间的通知",
         "自3月1日起，服务热线工作时间调整为工作日8:30至17:30。",
         """自3月1日起，商会服务热线工作时间调整为工作日8:30至17:30。非工作时间，会员企业可通过会员专区在线提交诉求。""",
         author=GENERAL, status="archived"),
    Demo("notices", -3, "关于召开2027年迎新春会员企业联谊会的通知",
         "联谊会拟于2027年1月下旬举行，具体安排另行通知。",
         """各会员企业：

商会拟于2027年1月下旬举办迎新春会员企业联谊会，具体时间、地点和报名方式另行通知。""",
         author=GENERAL, status="scheduled"),

    Demo("member-profiles", 8, "青禾智能装备：让“智造”走进中小工厂",
         "青禾智能装备推出模块化产线改造方案，帮助两百余家中小工厂完成数字化升级。",
         """青禾智能装备有限公司成立于2015年，专注于工业机器人和智能产线集成。近年来，企业针对中小工厂资金有限、改造周期短的需求，推出模块化产线改造方案。

“以前一条产线改造要停产两个月，现在分模块改，周末就能完成一段。”企业负责人介绍，这一方案已服务两百余家中小工厂，平均提升生产效率三成以上。

企业还与多所职业院校合作设立实训基地，每年培养技术工人三百余名。""",
         author=PUBLICITY, source="宣传部",
         en=("Qinghe Intelligent Equipment Brings Smart Manufacturing to Small Factories",
             "Qinghe's modular line upgrades have helped more than 200 small factories "
             "go digital.",
             """Founded in 2015, Qinghe Intelligent Equipment builds industrial robots and integrates smart production lines. Its modular upgrade scheme lets small factories modernise one section at a time, often over a weekend, without stopping production for months.

More than 200 factories have used it, raising productivity by over 30 per cent on average. The company also runs training bases with vocational colleges, training some 300 technicians a year.""")),
    Demo("member-profiles", 37, "明川新材料：十年深耕一块“膜”",
         "明川新材料集团坚持自主研发，高性能分离膜产品进入多个国家市场。",
         """明川新材料集团有限公司是商会会长单位。企业十年来专注高性能分离膜材料研发，累计获得发明专利八十余项，产品应用于水处理、新能源等领域，并出口到二十多个国家和地区。

企业坚持把销售收入的百分之六以上投入研发，建成了省级企业技术中心。""",
         author=PUBLICITY, source="宣传部"),
    Demo("member-profiles", 70, "远帆跨境物流：搭建中小外贸企业的“海外仓”",
         "远帆跨境物流在海外建设仓储网络，为中小外贸企业提供一站式物流服务。",
         """远帆跨境物流股份有限公司在欧洲、东南亚建设了十二个海外仓，为中小外贸企业提供集货、报关、仓储、配送一站式服务。企业自主研发的物流管理平台可实时追踪货物状态。""",
         author=PUBLICITY, source="宣传部"),
    Demo("member-profiles", 130, "松林食品科技：从田间到餐桌的品质守护",
         "松林食品科技建立全程可追溯体系，带动周边农户增收。",
         """松林食品科技有限公司与周边三千余户农户建立订单种植合作，建成从种植、加工到销售的全程可追溯体系，带动农户户均增收。企业连续多年参与商会组织的公益助农活动。""",
         author=PUBLICITY, source="宣传部"),
    Demo("member-profiles", 200, "会员企业积极参与防汛救灾",
         "多家会员企业捐款捐物，组织志愿者参与灾后恢复。",
         """汛期以来，多家会员企业积极参与防汛救灾，累计捐款捐物价值一千余万元，并组织员工志愿者参与灾后清理和恢复生产工作。商会向参与企业表示感谢。""",
         author=PUBLICITY, source="宣传部",
         en=("Member Enterprises Join Flood Relief",
             "Member companies donated money and supplies and sent volunteers to help "
             "with recovery.",
             """Since the start of the flood season many member enterprises have donated money and supplies worth over ten million yuan and sent employee volunteers to help clean up and restart production. The chamber thanks them all.""")),
    Demo("member-profiles", 310, "一家老字号的数字化转型之路",
         "百年食品老字号借助电商和直播，线上销售占比提升到四成。",
         """这家创立于清末的食品老字号，近年来借助电商平台和直播带货，线上销售占比从不足一成提升到四成。企业负责人说：“老手艺不能丢，新渠道也要跟上。”""",
         author=PUBLICITY, source="宣传部"),
    Demo("member-profiles", 450, "青年企业家风采：把实验室成果带到生产线",
         "一位“85后”创业者带领团队将高校科研成果转化为工业检测设备。",
         """这位“85后”创业者博士毕业后创办企业，带领团队将高校实验室的光学检测技术转化为工业在线检测设备，产品已应用于多家汽车零部件企业。""",
         author=PUBLICITY, source="宣传部"),
    Demo("member-profiles", 690, "会员企业设立助学基金",
         "五家会员企业联合设立助学基金，资助家庭困难学生完成学业。",
         """五家会员企业联合设立助学基金，首期资金五百万元，用于资助家庭经济困难的高中生和大学生完成学业。""",
         author=PUBLICITY, source="宣传部"),

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


def ensure_categories() -> dict[str, Category]:
    existing = {c.slug: c for c in db.session.scalars(select(Category))}
    for position, (slug, name_zh, name_en) in enumerate(CATEGORIES):
        if slug not in existing:
            existing[slug] = Category(slug=slug, name_zh=name_zh, name_en=name_en,
                                      position=position)
            db.session.add(existing[slug])
    db.session.flush()
    return existing


def load_news_demo(editor=None) -> int:
    """Add the demo categories and articles (flushes; the caller commits); the number added."""
    categories = ensure_categories()
    for n, demo in enumerate(ARTICLES):
        publish_at = TODAY - timedelta(days=demo.days_ago, hours=n % 7, minutes=13 * n % 60)
        en_title, en_summary, en_body = demo.en or ("", "", "")
        article = Article(
            category=categories[demo.slug], title_zh=demo.title_zh, summary_zh=demo.summary_zh,
            body_zh=to_html(demo.body_zh), title_en=en_title, summary_en=en_summary,
            body_en=to_html(en_body) if en_body else "", author=demo.author, source=demo.source,
            status=demo.status, pinned=demo.pinned,
            publish_at=None if demo.status == "draft" else publish_at,
            view_count=0 if demo.status == "draft" else (demo.days_ago * 37 + n * 11) % 2400 + 15,
            created_by_id=getattr(editor, "id", None), updated_by_id=getattr(editor, "id", None),
            created_at=publish_at - timedelta(days=1), updated_at=publish_at,
        )
        for position, (name, text) in enumerate(demo.files):
            data = pdf_document(text, [demo.title_zh]) if name.endswith(".pdf") else (
                docx_document(f"{text}\n{demo.title_zh}"))
            kinds = ("pdf",) if name.endswith(".pdf") else ("office",)
            article.attachment_links.append(ArticleAttachment(
                file=save_bytes(editor, name, data, kinds, "article"), position=position))
        db.session.add(article)
    db.session.flush()
    return len(ARTICLES)


SYNTHETIC_WORDS = ("商会", "会员", "企业", "服务", "发展", "合作", "交流", "民营经济", "党建",
                   "政策", "培训", "调研", "座谈", "创新", "合规", "营商环境", "员企", "论坛")


def load_synthetic_articles(count: int, seed: int = 2026, batch: int = 5000) -> int:
    """Bulk-insert `count` published filler articles spread over two years (for benchmarks)."""
    rng = random.Random(seed)
    categories = list(ensure_categories().values())
    now = TODAY
    made = 0
    while made < count:
        rows = []
        for _ in range(min(batch, count - made)):
            made += 1
            words = rng.choices(SYNTHETIC_WORDS, k=12)
            title = "".join(words[:4]) + f"（第{made}号）"
            paragraph = "，".join("".join(rng.choices(SYNTHETIC_WORDS, k=5)) for _ in range(8))
            when = now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            english = made % 4 == 0
            rows.append({
                "category_id": rng.choice(categories).id, "title_zh": title,
                "summary_zh": paragraph[:80], "body_zh": f"<p>{paragraph}。</p>" * 3,
                "title_en": f"Chamber of commerce item {made}" if english else "",
                "summary_en": "Synthetic article for benchmarks." if english else "",
                "body_en": "<p>Members of the chamber met to discuss cooperation.</p>"
                if english else "",
                "author": GENERAL, "source": "商会秘书处", "status": "published",
                "publish_at": when, "pinned": False, "view_count": rng.randrange(5000),
                "created_at": when, "updated_at": when,
            })
        db.session.execute(insert(Article), rows)
    return made
