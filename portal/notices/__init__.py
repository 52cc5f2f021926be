"""Member notices (会员通知): written by editors with the news editor, read by the member
enterprises of their audience, with read receipts, acknowledgements and mail."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditTarget, Feature, MenuEntry

feature = Feature(
    "notices",
    audit_actions={
        "notice.created": _l("Notice created"),
        "notice.published": _l("Notice published"),
        "notice.scheduled": _l("Notice scheduled"),
        "notice.unpublished": _l("Notice unpublished"),
        "notice.archived": _l("Notice archived"),
        "notice.acknowledged": _l("Notice acknowledged"),
        "notice.reminded": _l("Reminder sent for a notice"),
    },
    audit_targets={"Notice": AuditTarget("portal.notices.models:Notice",
                                         "portal.notices.models:describe_notice",
                                         "portal.notices.models:notice_link")},
    staff_menu=[MenuEntry("staff.notices.index", _l("Notices"), "editor", order=22)],
    member_menu=[MenuEntry("members.notices.index", _l("Notices"), order=10,
                           badge="portal.notices.queries:unread_badge")],
    demo="portal.notices.demo:load_demo",
    search_sources=["portal.notices.indexing"],
    setup="portal.notices.events:setup",
)
