"""The WSGI application that gunicorn serves in production (scripts/serve,
nucleus/gunicorn_conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nucleus.settings")
application = get_wsgi_application()
