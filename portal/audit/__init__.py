"""The audit log: who did what, when, from where. Never passwords, tokens or cookies."""
