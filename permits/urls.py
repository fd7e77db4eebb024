from django.urls import path

from . import views

app_name = "permits"
urlpatterns = [
    path("", views.index, name="index"),
    path("check/", views.check, name="check"),
    path("verify/", views.verify, name="verify"),
    path("import/", views.bulk_import, name="import"),
    path("required-documents/", views.documents, name="documents"),
    path("<int:pk>/print/", views.permit_print, name="print"),
    path("<int:pk>/sign/", views.permit_sign, name="sign"),
]
