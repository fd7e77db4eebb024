from django.urls import path

from . import views

app_name = "guides"
urlpatterns = [
    path("", views.index, name="index"),
    path("media/<path:path>", views.media, name="media"),
]
