"""Departments of the secretariat (综合事务部, 会员部 …): which exist, and which one is the
default that receives what no rule routes elsewhere."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditAction, AuditTarget, Feature, MenuEntry

feature = Feature(
    "departments",
    audit_actions={
        "department.created": AuditAction(_l("Department created"), _l(
            "%(actor)s created the department %(target)s")),
        "department.renamed": AuditAction(_l("Department renamed"), _l(
            "%(actor)s renamed the department %(target)s")),
        "department.default_changed": AuditAction(_l("Default department changed"), _l(
            "%(actor)s made %(target)s the default department")),
    },
    audit_targets={"Department": AuditTarget("portal.departments.models:Department",
                                             "portal.departments.models:describe_department",
                                             "portal.departments.models:department_link",
                                             _l("Departments"))},
    staff_menu=[MenuEntry("staff.departments.index", _l("Departments"), "admin", order=60)],
    demo="portal.departments.demo:load_demo",
)
