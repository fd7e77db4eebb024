"""Admin for countries, agencies, posts, memberships and user accounts.

Account management follows agencies.services: a system administrator manages every account,
an agency administrator only the accounts of their own agency (see that module for the rules).
"""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin, UserCreationForm
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from common.admin import StaffReadableMixin

from . import lockout, services
from .choices import Role
from .models import Agency, Country, Membership, Post

User = get_user_model()

admin.site.site_header = _("Wildlife Seizure DB administration")
admin.site.site_title = _("Wildlife Seizure DB")
admin.site.index_title = _("Administration")


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """The "History" pages, only for rows the user may see; reverting needs the change permission on the row.

    (simple_history alone lets a viewer POST a revert and shows history of rows outside get_queryset.)
    """

    def has_history_permission(self, request, obj) -> bool:
        """Whether `request.user` may read the history of `obj` (subclasses apply their audit rule)."""
        return True

    def has_revert_permission(self, request, obj) -> bool:
        """Whether `request.user` may write an old version of `obj` back."""
        return self.has_change_permission(request, obj)

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None and not request.user.is_superuser:
            raise Http404
        if obj is not None and not self.has_history_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self._object_or_404(request, object_id)
        if request.method == "POST" and not self.has_revert_permission(request, obj):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Country)
class CountryAdmin(StaffReadableMixin, TabbedTranslationAdmin):
    list_display = ("iso2", "iso3", "name")
    search_fields = ("iso2", "iso3", "name_en", "name_ru", "name_ky")
    ordering = ("iso2",)


class PostInline(TranslationTabularInline):
    model = Post
    fk_name = "agency"
    extra = 0
    fields = ("code", "name", "kind", "country", "is_border_crossing", "neighbour_country", "is_active")
    autocomplete_fields = ("country", "neighbour_country")
    show_change_link = True


@admin.register(Agency)
class AgencyAdmin(StaffReadableMixin, TabbedTranslationAdmin):
    list_display = ("code", "name", "short_name", "kind", "country", "parent", "is_active")
    list_filter = ("kind", "is_active", "country")
    search_fields = ("code", "name_en", "name_ru", "name_ky", "short_name_en", "short_name_ru", "short_name_ky")
    autocomplete_fields = ("country", "parent")
    inlines = (PostInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # a bare "customs.gov.kg" means https


@admin.register(Post)
class PostAdmin(StaffReadableMixin, TabbedTranslationAdmin):
    list_display = ("code", "name", "kind", "agency", "country", "is_border_crossing", "neighbour_country",
                    "is_active")
    list_filter = ("kind", "is_border_crossing", "is_active", "agency", "country")
    search_fields = ("code", "name_en", "name_ru", "name_ky", "agency__code")
    autocomplete_fields = ("agency", "country", "neighbour_country")
    list_select_related = ("agency", "country", "neighbour_country")


@admin.register(Membership)
class MembershipAdmin(GuardedHistoryAdmin):
    """Read-only list of memberships for agency administrators (own agency); system admins edit here.

    Agency administrators change roles through the user page (agencies.services rules).
    """

    list_display = ("user", "agency", "role", "post", "language")
    list_filter = ("role", "language", "agency")
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email", "agency__code")
    autocomplete_fields = ("user", "agency", "post")
    list_select_related = ("user", "agency", "post")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user__in=services.manageable_users(request.user))

    def has_view_permission(self, request, obj=None) -> bool:
        if services.is_system_admin(request.user):
            return True
        return services.is_agency_admin(request.user) and (obj is None or services.can_manage(request.user, obj.user))

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request) -> bool:
        return services.is_system_admin(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return services.is_system_admin(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return services.is_system_admin(request.user)


# --- User accounts -------------------------------------------------------------------------------------


class AgencyUserCreationForm(UserCreationForm):
    """New account made by an agency administrator: always in their own agency, with a role."""

    role = forms.ChoiceField(label=_("role"), choices=Role.choices, initial=Role.OFFICER)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email", "first_name", "last_name")

    def __init__(self, *args, actor=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        roles = set(services.assignable_roles(actor))
        self.fields["role"].choices = [(value, label) for value, label in Role.choices if value in roles]
        self.fields["email"].required = True


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django's admin password form, with its warning translated (Django joins it untranslated)."""

    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


class MembershipInline(admin.StackedInline):
    model = Membership
    fk_name = "user"
    can_delete = False
    max_num = 1
    min_num = 0
    extra = 1
    verbose_name_plural = _("agency and role")

    def get_fields(self, request, obj=None):
        return ("agency", "role", "post", "language")

    def get_readonly_fields(self, request, obj=None):
        return () if services.is_system_admin(request.user) else ("agency",)

    def get_extra(self, request, obj=None, **kwargs) -> int:
        return 0 if obj is not None and Membership.objects.filter(user=obj).exists() else 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = services.assignable_agencies(request.user)
        elif db_field.name == "post":
            kwargs["queryset"] = services.assignable_posts(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            roles = set(services.assignable_roles(request.user))
            kwargs["choices"] = [(value, label) for value, label in Role.choices if value in roles]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def _may(self, request, obj) -> bool:
        return services.is_system_admin(request.user) or (
            services.is_agency_admin(request.user) and (obj is None or services.can_manage(request.user, obj))
        )

    def has_view_permission(self, request, obj=None) -> bool:
        return self._may(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may(request, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return services.is_system_admin(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(GuardedHistoryAdmin, DjangoUserAdmin):
    """User accounts. System administrators: every account and every field. Agency administrators: the
    accounts of their own agency; username, names, e-mail, active, role, usual post, language, password."""

    inlines = (MembershipInline,)
    change_password_form = PasswordChangeForm
    list_display = ("username", "first_name", "last_name", "email", "agency", "role", "is_active", "is_staff",
                    "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "membership__role", "membership__agency")
    search_fields = ("username", "first_name", "last_name", "email", "membership__agency__code")
    list_select_related = ("membership__agency",)
    actions = ("deactivate_accounts", "reactivate_accounts", "unlock_accounts")

    agency_admin_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "is_staff")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    agency_admin_add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "first_name", "last_name", "role",
                                                  "password1", "password2")}),
    )

    @admin.display(description=_("agency"), ordering="membership__agency__code")
    def agency(self, obj) -> str:
        membership = getattr(obj, "membership", None)
        return membership.agency.code if membership else "—"

    @admin.display(description=_("role"), ordering="membership__role")
    def role(self, obj) -> str:
        membership = getattr(obj, "membership", None)
        return membership.get_role_display() if membership else "—"

    #: Fields a revert never writes back: rights change only through agencies.services, and an old
    #: password (hash) never comes back after a change or reset.
    revert_keeps = ("is_staff", "is_superuser", "is_active", "password", "last_login")

    def has_history_permission(self, request, obj) -> bool:
        return services.is_system_admin(request.user)  # old rows hold old rights and password hashes

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # An old account row holds old rights and an old password hash: system administrators only.
        if not services.is_system_admin(request.user):
            raise PermissionDenied
        request._reverting_account = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _keep_current_rights(self, request, obj) -> None:
        if getattr(request, "_reverting_account", False) and obj.pk:
            current = type(obj)._default_manager.get(pk=obj.pk)
            for field in self.revert_keeps:
                setattr(obj, field, getattr(current, field))

    # Scope and permissions: the account rules of agencies.services, not the Django permission tables.
    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=services.manageable_users(request.user).values("pk"))

    def _may(self, request, obj=None) -> bool:
        if services.is_system_admin(request.user):
            return True
        return services.is_agency_admin(request.user) and (obj is None or services.can_manage(request.user, obj))

    def has_module_permission(self, request) -> bool:
        return self._may(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._may(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may(request, obj)

    def has_add_permission(self, request) -> bool:
        return self._may(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return services.is_system_admin(request.user)

    def get_list_filter(self, request):
        if services.is_system_admin(request.user):
            return self.list_filter
        return ("is_active", "membership__role")

    def get_fieldsets(self, request, obj=None):
        if getattr(request, "_reverting_account", False):
            dropped = {*self.revert_keeps, "groups", "user_permissions"}
            return [(name, {**opts, "fields": [f for f in opts["fields"] if f not in dropped]})
                    for name, opts in super().get_fieldsets(request, obj)]
        if services.is_system_admin(request.user):
            return super().get_fieldsets(request, obj)
        return self.agency_admin_fieldsets if obj else self.agency_admin_add_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if services.is_system_admin(request.user):
            return ("last_login", "date_joined")
        return ("is_staff", "last_login", "date_joined")

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not services.is_system_admin(request.user):
            kwargs["form"] = AgencyUserCreationForm
            form_class = super().get_form(request, obj, **kwargs)
            actor = request.user

            class BoundCreationForm(form_class):
                def __init__(self, *args, **kw) -> None:
                    super().__init__(*args, actor=actor, **kw)

            return BoundCreationForm
        return super().get_form(request, obj, **kwargs)

    def get_inline_instances(self, request, obj=None):
        if obj is None and not services.is_system_admin(request.user):
            return []  # the role is on the creation form; the agency is the admin's own
        return super().get_inline_instances(request, obj)

    def save_form(self, request, form, change):
        if not change and not services.is_system_admin(request.user):
            data = form.cleaned_data
            return services.create_agency_user(
                request.user, data["username"], data["email"], data["role"], data["password1"],
                first_name=data.get("first_name", ""), last_name=data.get("last_name", ""),
            )
        return super().save_form(request, form, change)

    def save_model(self, request, obj, form, change) -> None:
        self._keep_current_rights(request, obj)
        if services.is_system_admin(request.user):
            super().save_model(request, obj, form, change)
            return
        if not change:
            return  # created by services.create_agency_user in save_form
        changed = set(form.changed_data)
        services.check_account_change(request.user, obj, changed)
        if "is_active" in changed:
            active = obj.is_active
            obj.is_active = not active  # let the service make the change
            (services.reactivate if active else services.deactivate)(request.user, obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        if getattr(request, "_reverting_account", False):
            return  # groups, permissions and the membership (role) are never reverted
        if not change and not services.is_system_admin(request.user):
            return  # nothing but the account and its membership, made by the service
        super().save_related(request, form, formsets, change)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not Membership or services.is_system_admin(request.user):
            super().save_formset(request, form, formset, change)
            return
        # Agency administrators: role and post through the account rules; the agency never changes here.
        target = form.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for membership_form in formset.forms:
            changed = membership_form.changed_data
            if not changed:
                continue
            data = membership_form.cleaned_data
            if "role" in changed:
                services.set_role(request.user, target, data["role"])
            if "post" in changed:
                services.set_post(request.user, target, data.get("post"))
            if "language" in changed:
                Membership.objects.filter(user=target).update(language=data["language"])
            formset.changed_objects.append((membership_form.instance, changed))

    @admin.action(description=_("Deactivate the selected accounts"), permissions=["change"])
    def deactivate_accounts(self, request, queryset) -> None:
        self._bulk(request, queryset, services.deactivate)

    @admin.action(description=_("Reactivate the selected accounts"), permissions=["change"])
    def reactivate_accounts(self, request, queryset) -> None:
        self._bulk(request, queryset, services.reactivate)

    @admin.action(description=_("Unlock sign-in (clear failed attempts)"), permissions=["change"])
    def unlock_accounts(self, request, queryset) -> None:
        self._bulk(request, queryset, lockout.unlock)

    def _bulk(self, request, queryset, operation) -> None:
        done = 0
        for user in queryset:
            try:
                operation(request.user, user)
                done += 1
            except PermissionDenied as exc:
                self.message_user(request, f"{user}: {exc}", messages.ERROR)
        self.message_user(request, _("%(count)d accounts updated.") % {"count": done}, messages.SUCCESS)
