"""Departments of the secretariat (综合事务部, 会员部 …): which exist, and which one is the
default that receives what no rule routes elsewhere."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditTarget, Feature, MenuEntry

feature = Feature(
    "departments",
    audit_actions={
        "department.created": _l("Department created"),
        "department.renamed": _l("Department renamed"),
        "department.default_changed": _l("Default department changed"),
    },
    audit_targets={"Department": AuditTarget("portal.departments.models:Department",
                                             "portal.departments.models:describe_department",
                                             "portal.departments.models:department_link")},
    staff_menu=[MenuEntry("staff.departments.index", _l("Departments"), "admin", order=60)],
    demo="portal.departments.demo:load_demo",
)
