"""Accounts: the user record, signing in and out, and the links sent by mail (password reset,
accepting an invitation)."""
