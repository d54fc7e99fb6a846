# Creates Django's own tables (auth, sessions, admin log) beside the blog's and the benchmark's superuser:
#   BENCH_DJANGO_DATABASE='{...}' python3 setup_bench.py <username> <password>
import os
import sys

import django

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'benchsite.settings')
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.core.management import call_command  # noqa: E402

call_command('migrate', verbosity=0, interactive=False)
username, password = sys.argv[1], sys.argv[2]
user = User.objects.filter(username=username).first() or User(username=username)
user.is_staff = user.is_superuser = user.is_active = True
user.set_password(password)
user.save()
Session.objects.all().delete()
print('ready')
