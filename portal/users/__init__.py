"""User administration: admins invite staff and members, set roles and departments, and
(de)activate accounts; primary contacts invite their own colleagues through the same rules."""
