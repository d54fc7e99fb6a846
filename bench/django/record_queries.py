# The SQL statements Django's admin runs for pages, as the benchmark's check records them for the admin and the
# baseline (bench/measure.ts): each path is fetched twice in this process, logged in as the benchmark's user, and the
# second request's statements are printed (the first fills Django's per-process caches: content types, templates).
#   BENCH_DJANGO_DATABASE='{...}' python3 record_queries.py <username> <path>...   → JSON lines {path, status, sql}
import json
import os
import sys

import django

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'benchsite.settings')
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

username, paths = sys.argv[1], sys.argv[2:]
client = Client(HTTP_HOST='127.0.0.1')
client.force_login(User.objects.get(username=username))
for path in paths:
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    print(json.dumps({'path': path, 'status': response.status_code, 'sql': [q['sql'] for q in captured.captured_queries]}))
