from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.set_language, name="set_language"),
    path("species/", views.species_guide, name="species_guide"),
    path("species/suggest/", views.species_suggest, name="species_suggest"),
    path("species/<int:pk>/", views.species_detail, name="species_detail"),
]
