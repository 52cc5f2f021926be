"""Operations: backups and their restore, readiness for a load balancer (/readyz), and the
plain-words diagnosis of a running installation (doctor)."""

from portal.features import Feature

feature = Feature(
    "operations",
    commands=["portal.operations.cli:backup_command", "portal.operations.cli:restore_command",
              "portal.operations.cli:doctor_command"],
)
