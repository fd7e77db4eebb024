from django.urls import path

from . import exports_views, views

app_name = "seizures"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("permit-status/", views.permit_check_fragment, name="permit_status"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/close/", views.case_close, name="case_close"),
    path("<int:pk>/reopen/", views.case_reopen, name="case_reopen"),
    path("<int:pk>/void/", views.case_void, name="case_void"),
    path("<int:pk>/sharing/", views.case_sharing, name="case_sharing"),
    path("<int:pk>/custody/", views.case_custody, name="case_custody"),
    path("exports/", exports_views.export_start, name="export_start"),
    path("exports/<int:pk>/", exports_views.export_job, name="export_job"),
    path("exports/<int:pk>/download/", exports_views.export_download, name="export_download"),
    path("attachments/<int:pk>/", views.attachment_file, name="attachment_file"),
]
