"""/api/v1/ routes of the case area."""
from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("cases", views.CaseViewSet, basename="case")
router.register("items", views.SeizedItemViewSet, basename="item")
router.register("persons", views.PersonViewSet, basename="person")
router.register("exports", views.ExportJobViewSet, basename="export")

urlpatterns = [
    path("statistics/cases/", views.StatisticsView.as_view(), name="case-statistics"),
    path("code-lists/", views.CodeListsView.as_view(), name="code-lists"),
    *router.urls,
]
