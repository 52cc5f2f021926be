"""Outgoing mail: the outbox table, rendering in the recipient's language, and the sender."""
