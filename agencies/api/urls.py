"""/api/v1/ routes of the agencies area."""
from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("countries", views.CountryViewSet, basename="country")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("posts", views.PostViewSet, basename="post")
router.register("users", views.UserAccountViewSet, basename="user")

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    *router.urls,
]
