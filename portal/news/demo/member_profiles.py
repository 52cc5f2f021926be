"""Demo articles of 会员风采 (member-profiles): prose of our own; names and events are invented."""

from __future__ import annotations

from portal.news.demo.base import PUBLICITY, Demo

ARTICLES = [
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
]
