from django.urls import path

from . import views

app_name = "identification"
urlpatterns = [
    path("", views.sheet_list, name="sheets"),
    path("sheet/<slug:slug>/", views.sheet_detail, name="sheet"),
    path("taxon/<int:pk>/", views.taxon_sheets, name="taxon"),
    path("practice/", views.practice, name="practice"),
    path("practice/scores/", views.scores, name="scores"),
]
