"""tests widgets."""
