"""A small urlconf for the API tests (the project includes intelligence.api.urls under /api/v1/)."""
from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("intelligence.api.urls")),
    path("intelligence/", include("intelligence.urls")),
    path("cases/", include("seizures.urls")),
    path("", include("web.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
]
