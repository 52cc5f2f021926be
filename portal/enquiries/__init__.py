"""Enquiries (咨询/诉求) routed to the secretariat: categories and routing, submission by
members and by visitors (the contact page), the lifecycle with its timeline, the
conversation with internal notes and canned replies, staff queues with working-day
deadlines (portal/workdays), ratings, dashboards' figures, reminders and reports.
Owns /members/enquiries/, /staff/enquiries/, /staff/categories/, /staff/canned-replies/,
/staff/reports/ and a visitor's /enquiries/thread/<token>."""
