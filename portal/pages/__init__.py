"""The public area: home, contact, robots.txt and the reader's switches (the features' own
public pages, such as the news, register themselves: portal/app.py)."""

from portal.pages.views import bp

__all__ = ["bp"]

# The area's own pages that anyone may reach (the features declare theirs: portal/features.py).
PUBLIC_ENDPOINTS = ("static", "pages.home", "pages.contact", "pages.contact_message",
                    "pages.robots", "pages.healthz", "pages.readyz", "pages.set_language")
