"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py` (see README)."""

import os

wsgi_app = "portal:create_app()"
bind = os.environ.get("PORTAL_BIND", "127.0.0.1:8000")
# sync workers: with gthread a keep-alive connection stays on the worker that accepted it,
# and when one worker holds most connections, throughput halves.
worker_class = "sync"
workers = int(os.environ.get("PORTAL_WORKERS", "2"))
preload_app = True  # one app in memory before fork: ~half the resident size per worker
timeout = 30
accesslog = "-"
forwarded_allow_ips = os.environ.get("PORTAL_FORWARDED_ALLOW_IPS", "127.0.0.1")
