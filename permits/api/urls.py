"""/api/v1/ routes of the permits area (included by the API urls)."""
from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("permits", views.PermitViewSet, basename="permit")

urlpatterns = [
    path("permits/verify/", views.VerifyView.as_view(), name="permit-verify"),
    path("permits/required-documents/", views.RequiredDocumentsView.as_view(), name="permit-required-documents"),
    *router.urls,
]
