"""The audit log: who did what, when, from where (never passwords, tokens or cookies).

Every feature records its events with services.record_event() in the transaction of the
change, and declares its actions' labels and sentences in its own manifest
(portal/<feature>/feature.toml, read by portal/features.py); the log screen (/staff/audit/)
reads them from there.
"""
