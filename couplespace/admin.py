from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from couplespace.models import Couple, Invitation, Membership, TherapistProfile, User


@admin.register(User)
class PersonAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "timezone", "language", "is_staff", "date_joined"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "timezone", "language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Couple)
class CoupleAdmin(admin.ModelAdmin):
    list_display = ["id", "created_at", "ended_at"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["inviter", "email", "created_at", "expires_at", "accepted_at", "withdrawn_at"]
    raw_id_fields = ["inviter", "accepted_by"]
    exclude = ["token"]


@admin.register(TherapistProfile)
class TherapistProfileAdmin(admin.ModelAdmin):
    list_display = ["professional_name", "person", "applied_at", "verified_at"]
    list_filter = [("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["professional_name", "person__email"]
    readonly_fields = ["person", "applied_at", "verified_at"]
    actions = ["verify"]

    @admin.action(description=_("Verify the selected therapists"))
    def verify(self, request, queryset):
        verified = queryset.filter(verified_at__isnull=True).update(verified_at=timezone.now())
        self.message_user(request, _("%(count)d therapist(s) verified.") % {"count": verified})
