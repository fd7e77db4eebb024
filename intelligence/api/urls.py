"""Intelligence API routes; included under /api/v1/ (→ /api/v1/intelligence/flags/, .../alerts/)."""
from rest_framework.routers import SimpleRouter

from .views import AlertViewSet, FlagViewSet

router = SimpleRouter()
router.register("intelligence/flags", FlagViewSet, basename="intelligence-flag")
router.register("intelligence/alerts", AlertViewSet, basename="intelligence-alert")

urlpatterns = router.urls
