from django.urls import path

from . import views

app_name = "intelligence"
urlpatterns = [
    path("", views.flag_list, name="flag_list"),
    path("flags/<int:pk>/", views.flag_detail, name="flag_detail"),
    path("flags/<int:pk>/review/", views.flag_review, name="flag_review"),
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/<int:pk>/read/", views.alert_read, name="alert_read"),
    path("network/", views.network, name="network"),
]
