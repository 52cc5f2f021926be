"""Enquiries (咨询/诉求) routed to the secretariat: categories and routing, submission by
members and by visitors (the contact page), the lifecycle with its timeline, the
conversation with internal notes and canned replies, staff queues with working-day
deadlines (portal/workdays), ratings, dashboards' figures, reminders and reports.
Owns /members/enquiries/, /staff/enquiries/, /staff/categories/, /staff/canned-replies/,
/staff/reports/ and a visitor's /enquiries/thread/<token>."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditTarget, Feature, MenuEntry

feature = Feature(
    "enquiries",
    audit_actions={
        "enquiry_category.created": _l("Enquiry category created"),
        "enquiry_category.updated": _l("Enquiry category changed"),
        "canned_reply.created": _l("Canned reply created"),
        "canned_reply.updated": _l("Canned reply changed"),
        "canned_reply.deleted": _l("Canned reply deleted"),
    },
    audit_targets={
        "EnquiryCategory": AuditTarget("portal.enquiries.models:EnquiryCategory",
                                       "portal.enquiries.models:describe_category",
                                       "portal.enquiries.models:category_link"),
        "CannedReply": AuditTarget("portal.enquiries.models:CannedReply",
                                   "portal.enquiries.models:describe_canned_reply",
                                   "portal.enquiries.models:canned_reply_link"),
    },
    staff_menu=[
        MenuEntry("staff.enquiries.index", _l("Enquiries"), "agent", order=10),
        MenuEntry("staff.canned_replies.index", _l("Canned replies"), "agent", order=12),
        MenuEntry("staff.reports.index", _l("Reports"), "agent", order=14),
        MenuEntry("staff.enquiry_categories.index", _l("Enquiry categories"), "admin",
                  order=61),
    ],
    member_menu=[MenuEntry("members.enquiries.index", _l("Enquiries"), order=20)],
    public_endpoints=["enquiries.thread", "enquiries.rate", "enquiries.attachment"],
    commands=["portal.enquiries.cli:enquiries_cli"],
    demo="portal.enquiries.demo_content:load_demo",
    setup="portal.enquiries.services:setup",
)
