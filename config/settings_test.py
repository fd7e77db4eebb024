"""Test settings: the production module with safe test defaults for unset variables."""
import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdefghij")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("OTP_REQUIRED", "0")  # two-factor tests switch it on (tests/security/test_two_factor.py)

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "10000/hour", "user": "100000/hour"}  # noqa: F405
STATIC_ROOT = None  # static files come from the finders in tests (no collectstatic)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
