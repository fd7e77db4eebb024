"""REST API v1 routes (`/api/v1/`) and the OpenAPI schema."""
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

v1_patterns = [
    path("", include("agencies.api.urls")),
    path("", include("species.api.urls")),
    path("", include("seizures.api.urls")),
    path("", include("permits.api.urls")),
    path("", include("intelligence.api.urls")),
]

# Swagger UI and Redoc come from drf-spectacular-sidecar (static files of ours, no CDN); the Swagger start
# script is a separate request (the split view), so no inline script runs. Both build their look with style
# attributes and Redoc with <style> elements and a search worker: those two pages allow inline styles.
DOCS_CSP = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}

urlpatterns = [
    path("v1/", include((v1_patterns, "api-v1"))),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("schema/swagger/", csp_update(DOCS_CSP)(SpectacularSwaggerSplitView.as_view(url_name="schema")),
         name="swagger-ui"),
    path("schema/redoc/", csp_update(DOCS_CSP)(SpectacularRedocView.as_view(url_name="schema")), name="redoc"),
]
