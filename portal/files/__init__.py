"""Uploaded files: content-addressed storage, upload checks and the access-checked download."""
