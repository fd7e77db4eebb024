"""REST API v1 routes (`/api/v1/`) and the OpenAPI schema."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

v1_patterns = [
    path("", include("agencies.api.urls")),
    path("", include("species.api.urls")),
    path("", include("seizures.api.urls")),
    path("", include("permits.api.urls")),
    path("", include("intelligence.api.urls")),
]

urlpatterns = [
    path("v1/", include((v1_patterns, "api-v1"))),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("schema/swagger/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("schema/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]
