from django.contrib import admin, messages

from meetings.models import (
    Article,
    Attendance,
    Country,
    Location,
    Meeting,
    MeetingTopic,
    Mention,
    Participant,
    Topic,
)
from meetings.services import participant_merge


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "iso2", "iso3"]
    search_fields = ["name", "iso2", "iso3"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "role", "meeting_count"]
    list_filter = ["country"]
    search_fields = ["name", "aliases", "role"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_participants"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_meeting_counts()

    @admin.display(ordering="meeting_count")
    def meeting_count(self, obj):
        return obj.meeting_count

    @admin.action(description="Merge selected people into the one with most meetings")
    def merge_participants(self, request, queryset):
        people = sorted(queryset, key=lambda p: (-p.meeting_count, p.pk))
        if len(people) < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return
        target = participant_merge(target=people[0], others=people[1:])
        self.message_user(request, f"Merged {len(people) - 1} into {target.name}.")


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "latitude", "longitude"]
    search_fields = ["name", "country__name"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published", "url"]
    list_filter = ["outlet"]
    search_fields = ["title", "url"]
    date_hierarchy = "published"
    readonly_fields = ["content_hash", "ingested_at"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["participant"]


class MeetingTopicInline(admin.TabularInline):
    model = MeetingTopic
    extra = 0
    autocomplete_fields = ["topic"]


class MentionInline(admin.StackedInline):
    model = Mention
    extra = 0
    raw_id_fields = ["article"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "people", "location", "kind", "status", "confidence"]
    list_filter = ["kind", "status", "date_precision"]
    search_fields = ["participants__name", "summary", "location__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["location"]
    inlines = [AttendanceInline, MeetingTopicInline, MentionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).for_list()

    @admin.display(description="Participants")
    def people(self, obj):
        return ", ".join(person["name"] for person in obj.people)
