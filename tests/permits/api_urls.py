"""A small URLconf for the permits API tests: the API as the API urls will include it."""
from django.urls import include, path

urlpatterns = [path("api/v1/", include("permits.api.urls"))]
