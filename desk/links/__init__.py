"""URL extraction, trusted-domain policy and hidden-link detection."""
