from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import two_factor_views, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("language/", views.set_language, name="set_language"),
    # Our own password pages: the admin app's registration/ templates would win over ours under /accounts/.
    path("account/password/", auth_views.PasswordChangeView.as_view(
        template_name="web/password_change_form.html", success_url=reverse_lazy("web:password_change_done"),
    ), name="password_change"),
    path("account/password/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name="web/password_change_done.html",
    ), name="password_change_done"),
    path("account/two-factor/", two_factor_views.setup, name="two_factor_setup"),
    path("account/two-factor/verify/", two_factor_views.verify, name="two_factor_verify"),
    path("species/", views.species_guide, name="species_guide"),
    path("species/suggest/", views.species_suggest, name="species_suggest"),
    path("species/<int:pk>/", views.species_detail, name="species_detail"),
]
