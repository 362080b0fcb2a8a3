"""GST state names for documents (kept in lebrq.gstin, which accounts and bookings share).

Which registration issues a document and which taxes apply live in bookings.registrations and
bookings.pricing (place_of_supply, is_intra_state, split_tax), shared with the booking quote."""

from lebrq.gstin import STATE_NAMES, state_label

__all__ = ["STATE_NAMES", "state_label"]
