from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.import_start, name="start"),
    path("<int:pk>/", views.import_batch, name="batch"),
    path("<int:pk>/progress/", views.import_progress, name="progress"),
    path("<int:pk>/report.csv", views.import_report, name="report"),
    path("<int:pk>/undo/", views.import_undo, name="undo"),
]
