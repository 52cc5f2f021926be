"""Demo about pages: who the chamber is, how it is organised, and how to join."""

from __future__ import annotations

from sqlalchemy import select

from portal.about.models import AboutPage
from portal.extensions import db

PAGES = [
    {
        "slug": "about-us",
        "title_zh": "关于商会",
        "title_en": "About the Chamber",
        "body_zh": (
            "<p>本商会是由民营企业自愿组成的全国性商会组织，以“服务会员、服务发展”为宗旨，"
            "在政府与企业之间发挥桥梁纽带作用。</p>"
            "<p>商会现有会员企业一千余家，覆盖装备制造、现代物流、数字经济、绿色能源等行业。"
            "秘书处设综合事务部、会员部、宣传部和法律服务部，为会员提供政策咨询、法律服务、"
            "交流对接和培训等服务。</p>"),
        "body_en": (
            "<p>The Chamber is a national association that private enterprises join of their "
            "own accord. It serves its members and their growth, and links enterprises with "
            "the government.</p>"
            "<p>More than a thousand member enterprises belong to it, from equipment making "
            "and logistics to the digital economy and green energy. Its secretariat has four "
            "departments: general affairs, membership, communications and legal services.</p>"),
    },
    {
        "slug": "organisation",
        "title_zh": "组织机构",
        "title_en": "Organisation",
        "body_zh": (
            "<h2>会员代表大会</h2><p>商会的最高权力机构，每五年召开一次，选举产生理事会。</p>"
            "<h2>理事会与常务理事会</h2><p>在会员代表大会闭会期间领导商会开展工作，"
            "决定年度工作计划和重大事项。</p>"
            "<h2>秘书处</h2><p>商会的常设办事机构，负责日常工作：</p>"
            "<ul><li>综合事务部：文件、会议、财务与对外联络</li>"
            "<li>会员部：会员发展、会员服务与会费管理</li>"
            "<li>宣传部：新闻发布、网站与刊物</li>"
            "<li>法律服务部：法律咨询、权益维护与调解</li></ul>"),
        "body_en": (
            "<h2>General Assembly of Members</h2><p>The Chamber's highest body meets every "
            "five years and elects the Council.</p>"
            "<h2>Council and Standing Council</h2><p>Between assemblies they lead the "
            "Chamber's work and decide its yearly plan and major matters.</p>"
            "<h2>Secretariat</h2><p>The permanent office runs the daily work:</p>"
            "<ul><li>General Affairs: documents, meetings, finance and external relations</li>"
            "<li>Membership: new members, member services and fees</li>"
            "<li>Communications: news, the website and publications</li>"
            "<li>Legal Services: legal advice, members' rights and mediation</li></ul>"),
    },
    {
        "slug": "join-us",
        "title_zh": "入会指南",
        "title_en": "How to Join",
        "body_zh": (
            "<h2>入会条件</h2><p>依法设立、守法经营、信誉良好的民营企业，"
            "认同商会章程，均可申请入会。</p>"
            "<h2>办理流程</h2><ol><li>下载并填写入会申请表；</li>"
            "<li>提交营业执照复印件及企业简介；</li>"
            "<li>会员部审核后报理事会批准；</li>"
            "<li>缴纳会费，领取会员证书和会员专区账号。</li></ol>"
            "<p>如有疑问，请拨打服务热线或通过“联系我们”页面留言。</p>"),
        "body_en": (
            "<h2>Who may join</h2><p>Any lawfully registered private enterprise of good "
            "standing that accepts the Chamber's articles may apply.</p>"
            "<h2>Steps</h2><ol><li>Fill in the application form.</li>"
            "<li>Send a copy of the business licence and a short company profile.</li>"
            "<li>The membership department reviews it and the Council approves it.</li>"
            "<li>Pay the fee and receive the certificate and member-area accounts.</li></ol>"
            "<p>Questions? Call the service hotline or write to us from the contact page.</p>"),
    },
]


def load_demo() -> None:
    if db.session.scalar(select(AboutPage.id).limit(1)) is not None:
        return
    for position, data in enumerate(PAGES, start=1):
        db.session.add(AboutPage(position=position, **data))
    db.session.flush()
