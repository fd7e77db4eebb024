from django.urls import path

from . import views

app_name = "analytics"
urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
    path("chart.svg", views.statistics_svg, name="statistics_svg"),
    path("map/", views.seizure_map, name="map"),
    path("map.svg", views.seizure_map_svg, name="map_svg"),
    path("links/", views.link_chart, name="link_chart"),
    path("links/expand.json", views.link_chart_expand, name="link_chart_expand"),
    path("links/export/<str:kind>/", views.link_chart_export, name="link_chart_export"),
    path("itr/", views.itr_export, name="itr"),
    path("saved-searches/", views.saved_search_create, name="saved_search_create"),
    path("saved-searches/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
]
