"""Demo content for development: every feature's own demo content (its `demo` loader,
portal/features.py), loaded in the order of portal/app.py's FEATURES. All names, addresses
and numbers in it are invented for the demo."""

from __future__ import annotations

from portal.features import demo_loaders
from portal.users.demo import DEMO_PASSWORD

__all__ = ["DEMO_PASSWORD", "load_demo"]


def load_demo() -> None:
    """Add the demo records (flushes; the caller commits)."""
    for load in demo_loaders():
        load()
