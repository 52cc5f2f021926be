"""Working days: the holiday calendar (statutory holidays and 调休 make-up working days) that
admins keep at /staff/holidays/, and the arithmetic of deadlines and working hours on it."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditTarget, Feature, MenuEntry

feature = Feature(
    "workdays",
    audit_actions={
        "calendar.day_set": _l("Calendar day set"),
        "calendar.day_removed": _l("Calendar day removed"),
        "calendar.imported": _l("Calendar dates imported"),
    },
    audit_targets={"CalendarDay": AuditTarget("portal.workdays.models:CalendarDay",
                                              "portal.workdays.models:describe_day",
                                              "portal.workdays.models:day_link")},
    staff_menu=[MenuEntry("staff.holidays.index", _l("Holiday calendar"), "admin", order=62)],
    demo="portal.workdays.demo:load_demo",
)
