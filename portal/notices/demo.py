"""Demo member notices: fifteen notices of our own writing (names and events invented), to all
members, to one membership level or to chosen enterprises; some ask for an acknowledgement,
one is public; member1 (青禾智能装备, a vice-president unit) has read some of them and
acknowledged one."""

from __future__ import annotations

from datetime import UTC, timedelta

from portal.accounts.services import find_user_by_email
from portal.database import utcnow
from portal.dates import SHANGHAI
from portal.enterprises.services import set_audience
from portal.extensions import db
from portal.files.samples import docx_document, pdf_document, xlsx_workbook
from portal.files.services import save_bytes
from portal.news.models import Article, ArticleAttachment
from portal.notices.models import Notice, NoticeAcknowledgement, NoticeRead
from portal.notices.services import FILE_PURPOSE, notices_category

DEMO_EDITOR = "editor@example.org"
READER = "member1@example.org"
GENERAL, MEMBERSHIP, LEGAL = "秘书处综合事务部", "会员部", "法律服务部"

# (days ago, title, body paragraphs, audience (scope, levels), acknowledgement (days from now
# to the deadline, or None without a deadline; False: none asked), pinned, read by member1,
# English (title, body) or None, files [(name, kind)], public)
NOTICES = [
    (0, "关于报送2026年度会员企业经营情况的通知",
     ["为全面了解会员企业年度经营状况，请各会员企业填写附件中的《年度经营情况表》，于12月15日前在会员专区完成回执并将表格发送至会员部邮箱。",
      "报送内容仅用于商会内部分析和向有关部门反映会员诉求，不对外公开。"],
     ("all", ()), 19, True, False,
     ("Annual business survey of member enterprises, 2026",
      ["Please fill in the attached survey form and acknowledge this notice in the member area by 15 December.",
       "The figures are used only for the chamber's own analysis and for representing members' concerns."]),
     [("年度经营情况表.xlsx", "xlsx")], False),
    (1, "关于召开第三届理事会第五次会议的通知",
     ["定于12月18日上午9:30在商会大厦三层报告厅召开第三届理事会第五次会议，审议年度工作报告和明年工作要点。",
      "请各理事单位主要负责人准时参会，如不能出席请于12月10日前回执说明并委托代表。"],
     ("levels", ("president", "vice_president", "director")), 14, False, False, None,
     [("理事会会议议程.pdf", "pdf")], False),
    (2, "关于副会长单位年终座谈会的通知",
     ["商会拟于12月下旬召开副会长单位年终座谈会，听取对明年重点工作的意见建议。",
      "请各副会长单位确认参会人员，并于12月12日前回执。"],
     ("levels", ("vice_president",)), 16, False, False, None, [], False),
    (4, "关于开展“法律服务进企业”活动的通知",
     ["法律服务部将于12月至明年1月组织律师团走访会员企业，围绕合同管理、劳动用工和知识产权保护提供免费咨询。",
      "有需要的会员企业可在会员专区提交诉求，注明希望上门的时间段。"],
     ("all", ()), False, False, True, None, [], False),
    (6, "关于推荐优秀民营企业家参加年度表彰的通知",
     ["根据年度表彰工作安排，请会长单位和副会长单位各推荐一名优秀企业家人选，填写推荐表后报送秘书处。"],
     ("levels", ("president", "vice_president")), 9, False, True, None,
     [("优秀企业家推荐表.docx", "docx")], False),
    (9, "关于调整会员服务热线工作时间的通知",
     ["自12月1日起，会员服务热线工作时间调整为工作日8:30至18:00，其余时间可在会员专区留言。"],
     ("all", ()), False, False, True,
     ("Change to the member hotline's hours",
      ["From 1 December the member hotline is staffed on working days from 8:30 to 18:00; at other times please leave a message in the member area."]),
     [], True),
    (12, "关于组织会员企业赴长三角考察交流的通知",
     ["商会计划于明年3月组织会员企业赴长三角地区开展产业考察，重点参观智能制造和跨境物流企业。",
      "有意参加的企业请于1月15日前回执，名额有限，按回执先后确定。"],
     ("all", ()), 50, False, True, None, [], False),
    (15, "关于理事单位缴纳专项活动经费的通知",
     ["根据理事会决议，请各理事单位于12月31日前缴纳年度专项活动经费，缴费方式见附件。"],
     ("levels", ("director",)), 35, False, False,
     ("Special activity fund for council members",
      ["As decided by the council, council member units are asked to pay the annual special activity fund by 31 December. See the attachment for how to pay."]),
     [("专项活动经费缴纳说明.pdf", "pdf")], False),
    (20, "关于做好岁末年初安全生产工作的提示",
     ["岁末年初是安全生产事故易发期，请各会员企业落实安全生产主体责任，开展隐患排查，做好节日值班安排。"],
     ("all", ()), False, False, True, None, [], False),
    (25, "关于会员企业参加数字化转型专题培训的通知",
     ["商会与合作院校联合举办数字化转型专题培训，共三期，每期两天，面向会员企业中高层管理人员。",
      "报名表见附件，请于培训开始前一周报送。"],
     ("all", ()), False, False, True, None, [("数字化转型培训报名表.docx", "docx")], False),
    (30, "关于会长办公会议纪要的通报",
     ["现将本季度会长办公会议纪要通报如下，请各会长、副会长单位知悉并结合实际抓好落实。"],
     ("levels", ("president", "vice_president")), False, False, True, None,
     [("会长办公会议纪要.pdf", "pdf")], False),
    (38, "关于征集涉企政策问题和建议的通知",
     ["为更好反映会员企业诉求，商会面向会员企业征集在融资、用工、审批等方面遇到的问题和政策建议，汇总后报送有关部门。"],
     ("all", ()), -5, False, False, None, [], False),
    (45, "关于更新会员企业联系人信息的通知",
     ["请各会员企业登录会员专区核对联系人姓名、手机号码和电子邮箱，如有变化请及时更新，以免错过商会通知。"],
     ("all", ()), False, False, False, None, [], False),
    (60, "关于理事单位年度履职情况自查的通知",
     ["请各理事单位对照章程对本年度参加会议、承担活动和缴纳会费情况开展自查，并填写自查表。"],
     ("levels", ("director",)), None, False, False, None, [], False),
    (75, "关于会长单位联席会议安排的通知",
     ["会长单位联席会议定于每季度末召开，具体时间另行通知。"],
     ("levels", ("president",)), False, False, False, None, [], False),
]


def _file(editor, name: str, kind: str, title: str):
    if kind == "pdf":
        return save_bytes(editor, name, pdf_document(name.rsplit(".", 1)[0], [title]), ("pdf",),
                          FILE_PURPOSE)
    if kind == "docx":
        return save_bytes(editor, name, docx_document(f"{name}\n{title}"), ("office",),
                          FILE_PURPOSE)
    rows = [["企业名称", "营业收入（万元）", "从业人数", "研发投入（万元）"], ["（示例）", 0, 0, 0]]
    return save_bytes(editor, name, xlsx_workbook(rows), ("office",), FILE_PURPOSE)


def _at_five(moment):
    """17:00 Beijing time on the moment's day: a deadline as the secretariat would set it."""
    return moment.astimezone(SHANGHAI).replace(hour=17, minute=0, second=0, microsecond=0
                                               ).astimezone(UTC)


def load_demo() -> None:
    """Add the demo notices (flushes; the caller commits). Mail is not asked for: the demo's
    notices were published before the demo began."""
    editor = find_user_by_email(DEMO_EDITOR)
    reader = find_user_by_email(READER)
    category = notices_category()
    now = utcnow()
    for n, (days, title, body, (scope, levels), ack, pinned, read, english, files, public
            ) in enumerate(NOTICES):
        publish_at = now - timedelta(days=days, hours=1 + n % 5)
        article = Article(
            category=category, kind="notice", audience="public" if public else "members",
            title_zh=title, summary_zh=body[0][:120], author=MEMBERSHIP if n % 3 else GENERAL,
            body_zh="".join(f"<p>{p}</p>" for p in body), status="published",
            publish_at=publish_at, pinned=pinned, source="商会秘书处",
            title_en=english[0] if english else "",
            body_en="".join(f"<p>{p}</p>" for p in english[1]) if english else "",
            summary_en=english[1][0][:200] if english else "",
            created_by_id=getattr(editor, "id", None), updated_by_id=getattr(editor, "id", None),
            created_at=publish_at, updated_at=publish_at)
        for position, (name, kind) in enumerate(files):
            article.attachment_links.append(ArticleAttachment(
                file=_file(editor, name, kind, title), position=position))
        db.session.add(article)
        db.session.flush()
        notice = Notice(id=article.id, article=article, ack_required=ack is not False,
                        ack_deadline=_at_five(now + timedelta(days=ack))
                        if ack not in (False, None) else None,
                        audience=set_audience(None, scope, levels=levels))
        db.session.add(notice)
        db.session.flush()  # the receipts' rows point at it
        if reader is not None and read:
            db.session.add(NoticeRead(notice_id=article.id, user_id=reader.id,
                                      enterprise_id=reader.enterprise_id,
                                      first_read_at=publish_at + timedelta(hours=3),
                                      last_read_at=publish_at + timedelta(hours=3)))
            if notice.ack_required:
                db.session.add(NoticeAcknowledgement(
                    notice_id=article.id, enterprise_id=reader.enterprise_id,
                    user_id=reader.id, acknowledged_at=publish_at + timedelta(hours=4)))
    db.session.flush()

