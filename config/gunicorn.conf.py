"""gunicorn settings: one place for `make run`, `make serve`, the image and the serving tests.

Threads share each worker's connection pool (settings.WEB_THREADS is its size), so a server
holds at most WEB_CONCURRENCY x WEB_THREADS PostgreSQL connections.
"""

import os

bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
# Requests are short; a stuck one is killed instead of holding its thread for ever.
timeout = 30
graceful_timeout = 10
keepalive = 5
# Workers restart now and then, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# gunicorn's control socket defaults to one path per user: several servers on one machine
# (two replicas, tests beside `make run`) would fight over it, and nothing here uses it.
control_socket_disable = True
