"""Test settings: speed-only overrides of the runtime settings."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")

from .base import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
SECURE_SSL_REDIRECT = False
# Serve static files from the apps' folders, as runserver does, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# One process: its memory is the cache every test request shares (conftest empties it).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_SECONDS = 600
# Tests make many requests from one address; those of the rate limit turn it on.
RATE_LIMIT_BUDGET = 0
# Two-factor sign-in is off unless a test turns it on (tests/unesco_office/test_two_factor.py).
ADMIN_REQUIRE_2FA = False
