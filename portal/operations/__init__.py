"""Running the portal: backup and restore, the readiness check and the doctor command."""
