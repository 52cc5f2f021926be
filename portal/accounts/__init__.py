"""Accounts: users, departments, signing in and out."""
