"""Demo articles of 通知公告 (notices): prose of our own; names and events are invented."""

from __future__ import annotations

from portal.news.demo.base import GENERAL, MEMBERSHIP, PUBLICITY, Demo

ARTICLES = [
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
]
