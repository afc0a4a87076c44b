"""home widgets."""
