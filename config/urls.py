from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("cases/", include("seizures.urls")),
    path("permits/", include("permits.urls")),
    path("identification/", include("identification.urls")),
    path("help/", include("guides.urls")),
    path("intelligence/", include("intelligence.urls")),
    path("imports/", include("imports.urls")),
    path("statistics/", include("analytics.urls")),
    path("", include("web.urls")),
]
