"""A person's own account (name, phone, language, password) in either area, and a primary
contact's colleagues in the member area."""
