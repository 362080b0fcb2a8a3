"""Admin forms: a venue's rules as fields staff can read, stored back as the validated JSON."""

import re

from django import forms
from django.core.exceptions import ValidationError

from bookings.closures import ClosureConflict, refuse_conflicting_bookings
from bookings.models import Closure, Venue
from bookings.rules import INTEGER_RULES, WEEKDAYS, default_rules, validate_rules

WEEKDAY_NAMES = dict(
    zip(WEEKDAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), strict=True)
)
CLOSED = "closed"
OPENING_HOURS_HELP = (
    "Per day, the intervals the venue is open, in its local time: e.g. 06:00-12:00, 17:00-23:00 "
    "(24:00 closes at midnight). Write “closed”, or leave it empty, for a day without bookings."
)
INTEGER_LABELS = {
    "buffer_minutes": ("Buffer (minutes)", "Kept free before and after every booking, for setup and cleaning."),
    "slot_minutes": ("Grid (minutes)", "Starts and ends fall on this grid, local time (15, 30, 60, ...)."),
    "min_duration_minutes": ("Shortest booking (minutes)", ""),
    "max_duration_minutes": ("Longest booking (minutes)", ""),
    "min_notice_hours": ("Notice (hours)", "No booking that starts sooner than this."),
    "max_advance_days": ("Books ahead (days)", "Nor one that starts later than this."),
    "hold_minutes": ("Hold (minutes)", "How long an unpaid booking holds its slot."),
    "deposit_percent": ("Deposit (%)", "Advance that confirms a booking; 100 = pay in full."),
    "balance_due_days": ("Balance due (days before)", "The rest is due this many days before the start."),
    "approval_hours": ("Approval within (hours)", "Staff decide on a request within this time."),
}
POLICY_LINE = re.compile(r"^\s*(\d{1,5})\s*h\s*:\s*(\d{1,3})\s*%\s*$", re.IGNORECASE)


def hours_field_name(day):
    return f"hours_{day}"


def format_hours(intervals):
    return ", ".join(f"{opens}-{closes}" for opens, closes in intervals) or CLOSED


def parse_hours(text):
    """ "06:00-12:00, 17:00-23:00" -> [["06:00", "12:00"], ["17:00", "23:00"]]; "closed" or "" -> []."""
    text = text.strip()
    if text.lower() in ("", CLOSED):
        return []
    intervals = []
    for part in text.split(","):
        opens, dash, closes = part.replace("–", "-").partition("-")
        if not dash:
            raise ValidationError(f"{part.strip()!r}: write an interval as 06:00-23:00, or “closed”.")
        intervals.append([opens.strip(), closes.strip()])
    return intervals


def format_policy(tiers):
    return "\n".join(f"{tier['hours_before']}h: {tier['refund_percent']}%" for tier in tiers)


def parse_policy(text):
    """Lines of "168h: 100%" -> [{"hours_before": 168, "refund_percent": 100}, ...]."""
    tiers = []
    for line in filter(str.strip, text.splitlines()):
        matched = POLICY_LINE.match(line)
        if matched is None:
            raise ValidationError(f"{line.strip()!r}: write each line as “168h: 100%” (notice: refund).")
        tiers.append({"hours_before": int(matched[1]), "refund_percent": int(matched[2])})
    return tiers


def rule_fields():
    """The form fields of a rules object, by name: one per weekday, per whole-number rule, and two more."""
    fields = {
        hours_field_name(day): forms.CharField(label=WEEKDAY_NAMES[day], required=False, max_length=200)
        for day in WEEKDAYS
    }
    for key, (smallest, largest) in INTEGER_RULES.items():
        label, help_text = INTEGER_LABELS[key]
        fields[key] = forms.IntegerField(label=label, help_text=help_text, min_value=smallest, max_value=largest)
    fields["requires_approval"] = forms.BooleanField(
        required=False, help_text="A booking is a request until staff approve it."
    )
    fields["cancellation_policy"] = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 24}),
        help_text="One line per tier, “hours before the start: share refunded”, e.g. 168h: 100%.",
    )
    return fields


# Declared (not added in __init__) so that the admin's fieldsets may name them.
VenueRuleFields = type("VenueRuleFields", (forms.Form,), rule_fields())


class VenueAdminForm(VenueRuleFields, forms.ModelForm):
    """The venue with its `rules` split into fields, validated by `validate_rules` and stored whole."""

    class Meta:
        model = Venue
        exclude = ["rules"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rules = self.instance.rules if self.instance.pk else default_rules()
        self.initial.update(self.initial_from_rules(rules))

    @staticmethod
    def initial_from_rules(rules):
        initial = {hours_field_name(day): format_hours(rules["opening_hours"][day]) for day in WEEKDAYS}
        initial.update({key: rules[key] for key in (*INTEGER_RULES, "requires_approval")})
        initial["cancellation_policy"] = format_policy(rules["cancellation_policy"])
        return initial

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.cleaned_rules = validate_rules(self.rules_from(cleaned))
        except ValidationError as refusal:
            self.add_rule_errors(refusal)
        return cleaned

    def rules_from(self, cleaned):
        opening_hours = {}
        for day in WEEKDAYS:
            try:
                opening_hours[day] = parse_hours(cleaned[hours_field_name(day)])
            except ValidationError as refusal:
                raise ValidationError({f"rules.opening_hours.{day}": refusal.messages}) from None
        try:
            policy = parse_policy(cleaned["cancellation_policy"])
        except ValidationError as refusal:
            raise ValidationError({"rules.cancellation_policy": refusal.messages}) from None
        return {
            **{key: cleaned[key] for key in (*INTEGER_RULES, "requires_approval")},
            "opening_hours": opening_hours,
            "cancellation_policy": policy,
        }

    def add_rule_errors(self, refusal):
        """Put each "rules.<key>" message on the field that edits that key."""
        for key, messages in refusal.message_dict.items():
            rule = key.removeprefix("rules.")
            if rule.startswith("opening_hours."):
                field = hours_field_name(rule.removeprefix("opening_hours."))
            elif rule.startswith("cancellation_policy"):
                field = "cancellation_policy"
            else:
                field = rule if rule in self.fields else None
            self.add_error(field, messages)

    def save(self, commit=True):
        self.instance.rules = self.cleaned_rules
        return super().save(commit)


class ClosureInlineForm(forms.ModelForm):
    """A closure edited on its venue's page: refused, as in the API, over active bookings."""

    class Meta:
        model = Closure
        fields = ["start", "end", "reason"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None or end is None:
            return cleaned
        if end <= start:
            raise ValidationError({"end": "The end must be after the start."})
        venue = self.instance.venue if self.instance.venue_id else None
        if venue is not None and self.has_changed() and not cleaned.get("DELETE"):
            try:
                # The admin saves inside the transaction this lock joins: it holds until the save.
                refuse_conflicting_bookings(venue, start, end)
            except ClosureConflict as refusal:
                bookings = ", ".join(
                    f"#{conflict['booking']} ({conflict['start'][:16]} to {conflict['end'][:16]})"
                    for conflict in refusal.conflicts
                )
                raise ValidationError(
                    f"Active bookings overlap this closure: {bookings}. Move or cancel them first."
                ) from None
        return cleaned
