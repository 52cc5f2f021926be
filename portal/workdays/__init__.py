"""Working days: the holiday calendar (statutory holidays and 调休 make-up working days) that
admins keep at /staff/holidays/, and the arithmetic of deadlines and working hours on it."""
