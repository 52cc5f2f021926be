# Read by the `flask` command in a checkout: local work is development.
# Production sets PORTAL_ENV=production (and its secret key) in the real environment.
FLASK_APP=portal
PORTAL_ENV=development
