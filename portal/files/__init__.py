"""Uploaded files: content-addressed storage, upload checks and the access-checked download."""

from flask_babel import lazy_gettext as _l

from portal.features import Feature

feature = Feature(
    "files",
    audit_actions={"file.rejected": _l("Upload refused")},
    # Access is checked per file by the feature that owns it (services.get_file_for).
    public_endpoints=["files.download"],
    commands=["portal.files.cli:files_cli"],
)
