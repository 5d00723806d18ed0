from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.functional import lazy
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from masthead.accounts.roles import ADMINISTRATOR, EDITOR, REPORTER
from masthead.accounts.timezones import zone_label
from masthead.news.models import SectionPage

from .models import Assignment, AssignmentLink, AssignmentNote

DATETIME_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]


def staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(is_staff=True)
            | Q(groups__name__in=[REPORTER, EDITOR, ADMINISTRATOR])
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def editor_users():
    return staff_users().filter(Q(is_superuser=True) | Q(groups__name__in=[EDITOR, ADMINISTRATOR]))


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class AssignmentForm(forms.ModelForm):
    """What an editor plans. The due time is typed and shown in the zone the admin runs in
    (the staff member's, else the newsroom's: accounts/middleware.py) and stored in UTC."""

    section = forms.ModelChoiceField(
        queryset=SectionPage.objects.order_by("title"),
        error_messages={"invalid_choice": "Choose one of the site's sections."},
    )
    assignees = PeopleChoiceField(
        queryset=staff_users(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose people from the newsroom staff."},
    )
    editor = PersonChoiceField(
        queryset=editor_users(),
        required=False,
        error_messages={"invalid_choice": "Choose one of the newsroom's editors."},
    )
    due_at = forms.DateTimeField(
        label="Due",
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=AdminDateTimeInput(),
        help_text=lazy(lambda: f"In {zone_label()}.", str)(),
        error_messages={"invalid": "Enter the due time as YYYY-MM-DD HH:MM."},
    )

    class Meta:
        model = Assignment
        fields = ["headline", "section", "assignees", "editor", "due_at", "status", "priority"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Querysets evaluated per form, so people added since start-up are offered.
        self.fields["assignees"].queryset = staff_users()
        self.fields["editor"].queryset = editor_users()
        self.fields["section"].queryset = SectionPage.objects.order_by("title")

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == Assignment.Status.ASSIGNED and not data.get("assignees"):
            self.add_error("assignees", "An assigned story needs at least one person.")
        return data


class MoveForm(forms.Form):
    status = forms.ChoiceField(
        choices=Assignment.Status.choices,
        error_messages={"invalid_choice": "%(value)s is not a status of the board."},
    )


class NoteForm(forms.ModelForm):
    class Meta:
        model = AssignmentNote
        fields = ["text", "private"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"private": "Private: only editors and the people on this story see it"}


class LinkForm(forms.ModelForm):
    url = forms.URLField(max_length=1000, assume_scheme="https", label="URL")

    class Meta:
        model = AssignmentLink
        fields = ["url", "label"]


class FilterForm(forms.Form):
    """The board's and calendar's filters (GET). Unknown values are refused, not ignored."""

    section = forms.ModelChoiceField(queryset=SectionPage.objects.none(), required=False)
    person = forms.ModelChoiceField(queryset=staff_users(), required=False)
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Assignment.Status.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = SectionPage.objects.order_by("title")
        self.fields["person"].queryset = staff_users()

    def apply(self, assignments):
        data = self.cleaned_data
        if data.get("section"):
            assignments = assignments.filter(section=data["section"])
        if data.get("person"):
            person = data["person"]
            assignments = assignments.filter(Q(assignees=person) | Q(editor=person)).distinct()
        if data.get("status"):
            assignments = assignments.filter(status=data["status"])
        return assignments


class CalendarForm(FilterForm):
    day = forms.DateField(required=False, widget=AdminDateInput(), input_formats=["%Y-%m-%d"])
    span = forms.ChoiceField(choices=[("week", "Week"), ("day", "Day")], required=False)
