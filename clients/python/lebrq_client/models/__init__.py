"""Contains all the data models used in inputs/outputs"""

from .action_enum import ActionEnum
from .admin_booking_list import AdminBookingList
from .admin_bookings_export_retrieve_format import AdminBookingsExportRetrieveFormat
from .admin_bookings_export_retrieve_kind import AdminBookingsExportRetrieveKind
from .admin_bookings_export_retrieve_status import AdminBookingsExportRetrieveStatus
from .admin_bookings_list_kind import AdminBookingsListKind
from .admin_bookings_list_status import AdminBookingsListStatus
from .admin_bookings_today_list_kind import AdminBookingsTodayListKind
from .admin_bookings_today_list_status import AdminBookingsTodayListStatus
from .admin_venues_calendar_retrieve_format import AdminVenuesCalendarRetrieveFormat
from .approve_booking_request import ApproveBookingRequest
from .availability import Availability
from .availability_day import AvailabilityDay
from .availability_range import AvailabilityRange
from .booking_change import BookingChange
from .booking_change_changes import BookingChangeChanges
from .booking_conflict import BookingConflict
from .booking_conflict_response import BookingConflictResponse
from .booking_create_request import BookingCreateRequest
from .booking_detail import BookingDetail
from .booking_item import BookingItem
from .booking_item_input_request import BookingItemInputRequest
from .booking_kind_enum import BookingKindEnum
from .booking_list import BookingList
from .booking_quote_request import BookingQuoteRequest
from .booking_status_enum import BookingStatusEnum
from .bookings_calendar_retrieve_format import BookingsCalendarRetrieveFormat
from .bookings_list_kind import BookingsListKind
from .bookings_list_status import BookingsListStatus
from .busy_interval import BusyInterval
from .busy_slot import BusySlot
from .calendar_feed import CalendarFeed
from .calendars_feed_retrieve_format import CalendarsFeedRetrieveFormat
from .cancel_request import CancelRequest
from .cancellation_tier import CancellationTier
from .checkout import Checkout
from .closure import Closure
from .closure_conflict import ClosureConflict
from .closure_conflicting_booking import ClosureConflictingBooking
from .closure_request import ClosureRequest
from .code_enum import CodeEnum
from .confirm_booking_request import ConfirmBookingRequest
from .document import Document
from .file_upload_request import FileUploadRequest
from .files_upload_request import FilesUploadRequest
from .health import Health
from .health_check import HealthCheck
from .health_checks import HealthChecks
from .health_status_enum import HealthStatusEnum
from .item import Item
from .item_request import ItemRequest
from .logout_request import LogoutRequest
from .media_file import MediaFile
from .media_file_kind_enum import MediaFileKindEnum
from .media_file_list import MediaFileList
from .memory_health import MemoryHealth
from .memory_health_status_enum import MemoryHealthStatusEnum
from .offline_payment_method_enum import OfflinePaymentMethodEnum
from .offline_payment_request import OfflinePaymentRequest
from .on_conflict_enum import OnConflictEnum
from .online_payment import OnlinePayment
from .paginated_admin_booking_list_list import PaginatedAdminBookingListList
from .paginated_admin_booking_list_list_pagination import PaginatedAdminBookingListListPagination
from .paginated_booking_change_list import PaginatedBookingChangeList
from .paginated_booking_change_list_pagination import PaginatedBookingChangeListPagination
from .paginated_booking_list_list import PaginatedBookingListList
from .paginated_booking_list_list_pagination import PaginatedBookingListListPagination
from .paginated_closure_list import PaginatedClosureList
from .paginated_closure_list_pagination import PaginatedClosureListPagination
from .paginated_document_list import PaginatedDocumentList
from .paginated_document_list_pagination import PaginatedDocumentListPagination
from .paginated_item_list import PaginatedItemList
from .paginated_item_list_pagination import PaginatedItemListPagination
from .paginated_media_file_list import PaginatedMediaFileList
from .paginated_media_file_list_pagination import PaginatedMediaFileListPagination
from .paginated_payment_list import PaginatedPaymentList
from .paginated_payment_list_pagination import PaginatedPaymentListPagination
from .paginated_program_list import PaginatedProgramList
from .paginated_program_list_pagination import PaginatedProgramListPagination
from .paginated_refund_list import PaginatedRefundList
from .paginated_refund_list_pagination import PaginatedRefundListPagination
from .paginated_series_list_list import PaginatedSeriesListList
from .paginated_series_list_list_pagination import PaginatedSeriesListListPagination
from .paginated_venue_list import PaginatedVenueList
from .paginated_venue_list_pagination import PaginatedVenueListPagination
from .paginated_venue_search_result_list import PaginatedVenueSearchResultList
from .paginated_venue_search_result_list_pagination import PaginatedVenueSearchResultListPagination
from .password_reset_confirm_request import PasswordResetConfirmRequest
from .password_reset_request import PasswordResetRequest
from .patched_item_request import PatchedItemRequest
from .patched_profile_update_request import PatchedProfileUpdateRequest
from .patched_venue_request import PatchedVenueRequest
from .payment import Payment
from .payment_method_enum import PaymentMethodEnum
from .payment_provider_enum import PaymentProviderEnum
from .payment_status_enum import PaymentStatusEnum
from .payments_webhooks_razorpay_create_body import PaymentsWebhooksRazorpayCreateBody
from .prefill import Prefill
from .program import Program
from .quote import Quote
from .quote_line import QuoteLine
from .reason_enum import ReasonEnum
from .refund import Refund
from .refund_provider_enum import RefundProviderEnum
from .refund_status_enum import RefundStatusEnum
from .registration import Registration
from .registration_request import RegistrationRequest
from .reject_booking_request import RejectBookingRequest
from .reschedule_request import RescheduleRequest
from .rule_violation import RuleViolation
from .series import Series
from .series_booking import SeriesBooking
from .series_cancel_request import SeriesCancelRequest
from .series_create_request import SeriesCreateRequest
from .series_created import SeriesCreated
from .series_list import SeriesList
from .series_payment import SeriesPayment
from .skipped_date import SkippedDate
from .source_enum import SourceEnum
from .staff_booking_request import StaffBookingRequest
from .staff_cancel_request import StaffCancelRequest
from .token_obtain_pair_request import TokenObtainPairRequest
from .token_refresh import TokenRefresh
from .token_refresh_request import TokenRefreshRequest
from .token_request import TokenRequest
from .user import User
from .venue import Venue
from .venue_quote import VenueQuote
from .venue_request import VenueRequest
from .venue_search_result import VenueSearchResult
from .verify_request import VerifyRequest
from .webhook_answer import WebhookAnswer

__all__ = (
    "ActionEnum",
    "AdminBookingList",
    "AdminBookingsExportRetrieveFormat",
    "AdminBookingsExportRetrieveKind",
    "AdminBookingsExportRetrieveStatus",
    "AdminBookingsListKind",
    "AdminBookingsListStatus",
    "AdminBookingsTodayListKind",
    "AdminBookingsTodayListStatus",
    "AdminVenuesCalendarRetrieveFormat",
    "ApproveBookingRequest",
    "Availability",
    "AvailabilityDay",
    "AvailabilityRange",
    "BookingChange",
    "BookingChangeChanges",
    "BookingConflict",
    "BookingConflictResponse",
    "BookingCreateRequest",
    "BookingDetail",
    "BookingItem",
    "BookingItemInputRequest",
    "BookingKindEnum",
    "BookingList",
    "BookingQuoteRequest",
    "BookingsCalendarRetrieveFormat",
    "BookingsListKind",
    "BookingsListStatus",
    "BookingStatusEnum",
    "BusyInterval",
    "BusySlot",
    "CalendarFeed",
    "CalendarsFeedRetrieveFormat",
    "CancellationTier",
    "CancelRequest",
    "Checkout",
    "Closure",
    "ClosureConflict",
    "ClosureConflictingBooking",
    "ClosureRequest",
    "CodeEnum",
    "ConfirmBookingRequest",
    "Document",
    "FilesUploadRequest",
    "FileUploadRequest",
    "Health",
    "HealthCheck",
    "HealthChecks",
    "HealthStatusEnum",
    "Item",
    "ItemRequest",
    "LogoutRequest",
    "MediaFile",
    "MediaFileKindEnum",
    "MediaFileList",
    "MemoryHealth",
    "MemoryHealthStatusEnum",
    "OfflinePaymentMethodEnum",
    "OfflinePaymentRequest",
    "OnConflictEnum",
    "OnlinePayment",
    "PaginatedAdminBookingListList",
    "PaginatedAdminBookingListListPagination",
    "PaginatedBookingChangeList",
    "PaginatedBookingChangeListPagination",
    "PaginatedBookingListList",
    "PaginatedBookingListListPagination",
    "PaginatedClosureList",
    "PaginatedClosureListPagination",
    "PaginatedDocumentList",
    "PaginatedDocumentListPagination",
    "PaginatedItemList",
    "PaginatedItemListPagination",
    "PaginatedMediaFileList",
    "PaginatedMediaFileListPagination",
    "PaginatedPaymentList",
    "PaginatedPaymentListPagination",
    "PaginatedProgramList",
    "PaginatedProgramListPagination",
    "PaginatedRefundList",
    "PaginatedRefundListPagination",
    "PaginatedSeriesListList",
    "PaginatedSeriesListListPagination",
    "PaginatedVenueList",
    "PaginatedVenueListPagination",
    "PaginatedVenueSearchResultList",
    "PaginatedVenueSearchResultListPagination",
    "PasswordResetConfirmRequest",
    "PasswordResetRequest",
    "PatchedItemRequest",
    "PatchedProfileUpdateRequest",
    "PatchedVenueRequest",
    "Payment",
    "PaymentMethodEnum",
    "PaymentProviderEnum",
    "PaymentStatusEnum",
    "PaymentsWebhooksRazorpayCreateBody",
    "Prefill",
    "Program",
    "Quote",
    "QuoteLine",
    "ReasonEnum",
    "Refund",
    "RefundProviderEnum",
    "RefundStatusEnum",
    "Registration",
    "RegistrationRequest",
    "RejectBookingRequest",
    "RescheduleRequest",
    "RuleViolation",
    "Series",
    "SeriesBooking",
    "SeriesCancelRequest",
    "SeriesCreated",
    "SeriesCreateRequest",
    "SeriesList",
    "SeriesPayment",
    "SkippedDate",
    "SourceEnum",
    "StaffBookingRequest",
    "StaffCancelRequest",
    "TokenObtainPairRequest",
    "TokenRefresh",
    "TokenRefreshRequest",
    "TokenRequest",
    "User",
    "Venue",
    "VenueQuote",
    "VenueRequest",
    "VenueSearchResult",
    "VerifyRequest",
    "WebhookAnswer",
)
