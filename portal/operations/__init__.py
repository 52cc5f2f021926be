"""Operations: backups and their restore, readiness for a load balancer (/readyz), and the
plain-words diagnosis of a running installation (doctor)."""
