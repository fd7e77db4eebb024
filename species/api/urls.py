"""/api/v1/ routes of the species area."""
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("species", views.TaxonViewSet, basename="taxon")
router.register("terms", views.TermViewSet, basename="term")
router.register("units", views.UnitViewSet, basename="unit")
router.register("sources", views.SourceViewSet, basename="source")
router.register("purposes", views.PurposeViewSet, basename="purpose")

urlpatterns = router.urls
