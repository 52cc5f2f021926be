"""Demo study materials: four categories and twenty materials of our own writing with small
files made in code (PDF, Word, Excel, PowerPoint, images, a zip); most for all members, some
for one membership level. member1b (青禾智能装备) has studied two."""

from __future__ import annotations

from datetime import timedelta

from portal.accounts.services import find_user_by_email
from portal.database import utcnow
from portal.enterprises.services import set_audience
from portal.extensions import db
from portal.files.samples import (
    docx_document,
    pdf_document,
    png_image,
    pptx_presentation,
    xlsx_workbook,
    zip_archive,
)
from portal.files.services import save_bytes
from portal.materials.models import Material, MaterialCategory, MaterialFile, MaterialStudy
from portal.materials.services import FILE_KINDS, FILE_PURPOSE

CATEGORIES = [("党建学习", "Party Building Study"), ("政策法规", "Policies and Regulations"),
              ("培训课件", "Training Slides"), ("会员服务指南", "Member Service Guides")]
STUDENT = "member1b@example.org"

# (category, title, description, English (title, description) or None, files, levels or ())
MATERIALS = [
    (0, "学习贯彻全会精神辅导读本", "商会党委编印的辅导读本，分章节解读全会提出的主要任务和改革举措。",
     ("Study guide to the plenary session", "A chapter-by-chapter guide prepared by the chamber's Party committee."),
     ["全会精神辅导读本.pdf"], ()),
    (0, "非公有制经济组织党建工作手册", "介绍非公企业党组织设置、组织生活和党员管理的基本做法。", None,
     ["党建工作手册.pdf", "党组织设置流程图.png"], ()),
    (0, "主题党日活动案例汇编", "收录十个会员企业开展主题党日活动的经验做法。", None,
     ["主题党日案例汇编.docx"], ()),
    (0, "党建引领企业发展专题课件", "在会员企业党务工作者培训班上使用的课件。", None,
     ["党建引领企业发展.pptx"], ()),
    (1, "民营经济促进法条文解读", "逐条解读法律中与民营企业经营密切相关的条款，附常见问题。",
     ("Notes on the Private Economy Promotion Law", "Article-by-article notes on the provisions that matter most to private firms, with common questions."),
     ["民营经济促进法条文解读.pdf"], ()),
    (1, "中小企业税费优惠政策清单", "按申报主体和税种整理的现行税费优惠政策，附适用条件。", None,
     ["税费优惠政策清单.xlsx", "政策适用说明.pdf"], ()),
    (1, "优化营商环境条例要点", "条例主要内容、办事流程变化和企业可以享受的便利措施。", None,
     ["营商环境条例要点.pdf"], ()),
    (1, "数据出境安全评估办法解读", "面向有跨境业务的会员企业，说明申报范围、材料和时限。",
     ("Cross-border data transfer assessments explained", "For members with cross-border business: what must be declared, with which documents, by when."),
     ["数据出境评估解读.pdf"], ()),
    (1, "劳动合同常见争议与防范", "法律服务部整理的二十个典型劳动争议案例及防范建议。", None,
     ["劳动争议案例与建议.docx"], ()),
    (1, "出口管制合规指引", "出口管制物项识别、内部合规制度建设和自查要点。", None,
     ["出口管制合规指引.pdf"], ("president", "vice_president")),
    (2, "企业数字化转型实务（第一期）", "数字化转型专题培训第一期课件：从业务痛点到系统选型。",
     ("Digital transformation in practice (session 1)", "Slides from the first session: from business problems to choosing systems."),
     ["数字化转型实务第一期.pptx"], ()),
    (2, "企业数字化转型实务（第二期）", "第二期课件：数据治理与组织变革。", None,
     ["数字化转型实务第二期.pptx"], ()),
    (2, "财税知识讲座讲义", "年度汇算清缴要点和研发费用加计扣除政策讲义。", None,
     ["财税知识讲座讲义.pdf", "汇算清缴自查表.xlsx"], ()),
    (2, "知识产权保护实务培训", "商标、专利布局与维权实务，附案例。", None,
     ["知识产权保护实务.pptx"], ()),
    (2, "跨境电商合规培训资料包", "培训课件、法规汇编和常用合同范本，打包下载。",
     ("Cross-border e-commerce compliance pack", "Slides, a digest of regulations and model contracts in one download."),
     ["跨境电商合规资料包.zip"], ()),
    (2, "理事单位专题研讨材料", "理事会专题研讨会的背景材料和讨论提纲。", None,
     ["专题研讨材料.pdf"], ("president", "vice_president", "director")),
    (3, "会员专区使用指南", "登录、查看通知、回执、下载学习资料和提交诉求的操作说明。",
     ("Member area guide", "How to sign in, read and acknowledge notices, download materials and send enquiries."),
     ["会员专区使用指南.pdf"], ()),
    (3, "会费标准与缴纳方式", "各会员等级的会费标准、缴费账户和发票开具说明。", None,
     ["会费标准与缴纳方式.pdf"], ()),
    (3, "会员权益一览", "商会为会员企业提供的服务项目和联系方式。", None,
     ["会员权益一览.png"], ()),
    (3, "会员信息变更申请表", "企业名称、联系人等信息变更时填写。", None,
     ["会员信息变更申请表.docx"], ()),
]


def _content(name: str, title: str) -> bytes:
    ext = name.rsplit(".", 1)[1]
    if ext == "pdf":
        return pdf_document(name.rsplit(".", 1)[0], [title])
    if ext == "docx":
        return docx_document(f"{title}\n{name}")
    if ext == "xlsx":
        return xlsx_workbook([["项目", "说明"], [title, "示例内容"]])
    if ext == "pptx":
        return pptx_presentation(title)
    if ext == "png":
        return png_image(16, 16, (200, 40, 40))
    return zip_archive({"课件.pdf": pdf_document("课件", [title]),
                        "法规汇编.docx": docx_document(title)})


def load_demo() -> None:
    """Add the demo categories and materials (flushes; the caller commits)."""
    editor = find_user_by_email("editor@example.org")
    student = find_user_by_email(STUDENT)
    categories = []
    for position, (name_zh, name_en) in enumerate(CATEGORIES):
        categories.append(MaterialCategory(name_zh=name_zh, name_en=name_en, position=position))
    db.session.add_all(categories)
    now = utcnow()
    for n, (category, title, description, english, files, levels) in enumerate(MATERIALS):
        published = now - timedelta(days=3 * (len(MATERIALS) - n), hours=n % 7)
        material = Material(
            category=categories[category], title_zh=title, description_zh=description,
            title_en=english[0] if english else "", description_en=english[1] if english else "",
            status="published", published_at=published, created_by_id=getattr(editor, "id", None),
            updated_by_id=getattr(editor, "id", None), created_at=published, updated_at=published,
            audience=set_audience(None, "levels" if levels else "all", levels=levels))
        for position, name in enumerate(files):
            material.file_links.append(MaterialFile(position=position, file=save_bytes(
                editor, name, _content(name, title), FILE_KINDS, FILE_PURPOSE)))
        db.session.add(material)
        db.session.flush()
        if student is not None and n in (0, 1):
            db.session.add(MaterialStudy(material_id=material.id, user_id=student.id,
                                         enterprise_id=student.enterprise_id,
                                         studied_at=published + timedelta(days=1)))
    db.session.flush()
