from django.contrib import admin

from programs.models import Checkpoint, CheckpointPlan, Enrollment, Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "loaded_at"]
    readonly_fields = ["slug", "title", "content", "loaded_at"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["person", "couple", "program", "start_date", "paused_on"]
    raw_id_fields = ["person", "couple"]


@admin.register(CheckpointPlan)
class CheckpointPlanAdmin(admin.ModelAdmin):
    list_display = ["person", "morning", "midday", "evening", "keep_after_phase_one"]
    raw_id_fields = ["person"]
    exclude = ["calendar_token"]


@admin.register(Checkpoint)
class CheckpointAdmin(admin.ModelAdmin):
    """Only when and who: what people wrote is private, even from staff browsing the admin."""

    list_display = ["author", "local_date", "moment", "shared_with_partner"]
    fields = ["author", "local_date", "moment", "shared_with_partner"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
