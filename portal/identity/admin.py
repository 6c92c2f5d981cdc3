from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from portal.identity import services
from portal.identity.choices import role_choices, role_label
from portal.identity.models import ApiToken, AuthEvent, ClaimMapping, ExternalIdentity


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Administrators list every token and revoke any; keys are never shown (only a hash is kept)."""

    list_display = ["name", "user", "scope", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = [f.name for f in ApiToken._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            services.revoke_token(token, actor=request.user)
        self.message_user(request, _("%(n)s tokens revoked.") % {"n": queryset.count()}, messages.SUCCESS)


class ClaimMappingForm(forms.ModelForm):
    """The role is chosen from the portal's roles by their labels (an unknown role cannot be typed in)."""

    role = forms.ChoiceField(label=_("role"), choices=[("", "---------"), *role_choices()], required=False)

    class Meta:
        model = ClaimMapping
        fields = ["claim", "value", "role", "steward_organisation", "active"]


@admin.register(ClaimMapping)
class ClaimMappingAdmin(admin.ModelAdmin):
    """Administrators edit the single sign-on mapping; it is applied at every sign-in (change-logged)."""

    form = ClaimMappingForm
    list_display = ["claim", "value", "role_name", "steward_organisation", "active"]
    list_filter = ["claim", "role", "active"]
    search_fields = ["value", "role"]
    autocomplete_fields = ["steward_organisation"]

    @admin.display(description=_("role"), ordering="role")
    def role_name(self, obj: ClaimMapping) -> str:
        return role_label(obj.role) if obj.role else "–"


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    list_display = ["subject", "issuer", "user", "last_login_at"]
    search_fields = ["subject", "user__username"]
    readonly_fields = ["user", "issuer", "subject", "last_claims", "last_login_at"]


@admin.register(AuthEvent)
class AuthEventAdmin(admin.ModelAdmin):
    list_display = ["timestamp", "kind", "username", "user", "source", "ip_address"]
    list_filter = ["kind", "source"]
    search_fields = ["username", "ip_address"]
    readonly_fields = [f.name for f in AuthEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
