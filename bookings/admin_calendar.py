"""The venue desk's calendar page in the admin: one venue's day or week as a time grid.

Registered by VenueAdmin.get_urls (`calendar_urls`), so it sits at
/admin/bookings/venue/<id>/calendar/ behind the admin's login and its permission checks.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from bookings.availability import check_range, local_today
from bookings.calendar import WEEK_DAYS, venue_calendar, week_of
from bookings.models import Booking, Venue
from bookings.rules import RuleViolation

VIEWS = {"day": 1, "week": WEEK_DAYS}
PIXELS_PER_MINUTE = 0.8  # 17 opening hours are 816 px: a week fits a laptop screen
# Each block's colour and legend, in the order the legend lists them.
LEGEND = [
    ("confirmed", "Confirmed"),
    ("completed", "Completed"),
    ("pending", "Held, awaiting payment"),
    ("requested", "Requested, awaiting staff"),
    ("lapsed", "Hold or request lapsed (slot free)"),
    ("closed", "Closure"),
    ("buffer", "Buffer around a booking"),
]


def calendar_urls(model_admin):
    view = model_admin.admin_site.admin_view(VenueCalendarView(model_admin))
    return [path("<int:venue_id>/calendar/", view, name="bookings_venue_calendar")]


def calendar_url(venue_id, day=None, view="day"):
    query = {"view": view, **({"date": day.isoformat()} if day else {})}
    return f"{reverse('admin:bookings_venue_calendar', args=[venue_id])}?{urlencode(query)}"


class VenueCalendarView:
    """Needs the venue's and the bookings' view permissions: the page shows both."""

    def __init__(self, model_admin):
        self.model_admin = model_admin

    def __call__(self, request, venue_id):
        venue = get_object_or_404(Venue, pk=venue_id)
        booking_admin = self.model_admin.admin_site._registry.get(Booking)
        if not self.model_admin.has_view_permission(request, venue) or not (
            booking_admin and booking_admin.has_view_permission(request)
        ):
            raise PermissionDenied
        view = request.GET.get("view", "day")
        if view not in VIEWS:
            return HttpResponseBadRequest("The view is day or week.")
        today = local_today(venue)
        try:
            day = date.fromisoformat(request.GET["date"]) if request.GET.get("date") else today
            first = week_of(day) if view == "week" else day
            # Availability's own bounds (a year back, three ahead): also keeps the date arithmetic in range.
            check_range(first, first + timedelta(days=VIEWS[view] - 1), today)
        except ValueError:
            return HttpResponseBadRequest("Give the date as YYYY-MM-DD.")
        except RuleViolation as refusal:
            return HttpResponseBadRequest(str(refusal.detail["detail"]))
        calendar = venue_calendar(venue, first, VIEWS[view])
        return TemplateResponse(request, "admin/bookings/venue/calendar.html", self._context(request, calendar, view))

    def _context(self, request, calendar, view):
        step = timedelta(days=VIEWS[view])
        venue = calendar.venue
        title = (
            calendar.first.strftime("%A %d %B %Y")
            if view == "day"
            else (f"Week of {calendar.first:%d %B} to {calendar.last:%d %B %Y}")
        )
        return {
            **self.model_admin.admin_site.each_context(request),
            "opts": Venue._meta,
            "original": venue,
            "title": f"{venue.name}: {title}",
            "calendar": calendar,
            "view": view,
            "legend": LEGEND,
            "columns": [_column(day, calendar.hours[0] * 60, venue.pk) for day in calendar.days],
            "hour_marks": [
                {"label": f"{hour:02d}:00", "top": _pixels(hour * 60 - calendar.hours[0] * 60)}
                for hour in calendar.hour_marks
            ],
            "grid_height": _pixels((calendar.hours[1] - calendar.hours[0]) * 60),
            "previous_url": calendar_url(venue.pk, calendar.first - step, view),
            "next_url": calendar_url(venue.pk, calendar.first + step, view),
            "today_url": calendar_url(venue.pk, calendar.today, view),
            "day_url": calendar_url(venue.pk, calendar.first, "day"),
            "week_url": calendar_url(venue.pk, calendar.first, "week"),
            "zone": venue.timezone,
        }


def _pixels(minutes):
    return round(minutes * PIXELS_PER_MINUTE)


def _column(day, first_minute, venue_id):
    """A day's blocks placed in pixels from the top of the grid, booking lanes in percent."""

    def placed(block, css_class, **extra):
        top = _pixels(block.start_minute - first_minute)
        return {
            "block": block,
            "css_class": css_class,
            "top": top,
            "height": max(_pixels(block.end_minute - first_minute) - top, 2),
            "left": round(100 * block.lane / block.lanes, 2),
            "width": round(100 / block.lanes, 2),
            **extra,
        }

    return {
        "day": day,
        "day_url": calendar_url(venue_id, day.date, "day"),
        "background": [placed(block, block.kind) for block in (*day.opening, *day.buffers, *day.closures)],
        "bookings": [
            placed(
                block,
                block.kind if block.booking["live"] else "lapsed",
                url=reverse("admin:bookings_booking_change", args=[block.booking["id"]]),
            )
            for block in day.bookings
        ],
    }
