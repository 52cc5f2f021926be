"""Demo articles of 党建工作 (party-building): prose of our own; names and events are invented."""

from __future__ import annotations

from portal.news.demo.base import PARTY, Demo

ARTICLES = [
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
]
