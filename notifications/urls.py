from django.urls import path

from notifications import views

urlpatterns = [
    path("auth/me/calendar-feed", views.RotateFeedView.as_view(), name="auth-me-calendar-feed"),
    path("bookings/<int:pk>/calendar.ics", views.BookingCalendarView.as_view(), name="booking-calendar"),
    path("calendars/<str:token>.ics", views.CustomerFeedView.as_view(), name="calendar-feed"),
    path("admin/venues/<int:venue_id>/calendar.ics", views.VenueFeedView.as_view(), name="admin-venue-calendar"),
]
