"""Uploaded files: content-addressed storage, upload checks and the access-checked download."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditAction, Feature

feature = Feature(
    "files",
    audit_actions={"file.rejected": AuditAction(_l("Upload refused"), _l(
        "An upload by %(actor)s was refused"), kind="security")},
    # Access is checked per file by the feature that owns it (services.get_file_for).
    public_endpoints=["files.download"],
    commands=["portal.files.cli:files_cli"],
)
