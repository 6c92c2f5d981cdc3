"""Settings for the test suite: the real settings, with a fixed key and fast password hashing.

The database and broker still come from DATABASE_URL / CELERY_BROKER_URL, so CI runs the suite
against PostgreSQL and Redis.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz")

from portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The suite decides per test whether tasks run eagerly (default) or on a real worker.
CELERY_TASK_ALWAYS_EAGER = True
# Two-factor for administrators is tested in portal/identity/tests with the setting on; elsewhere the
# suite's admin persona signs in without an authenticator.
PORTAL_ADMIN_OTP_REQUIRED = False
