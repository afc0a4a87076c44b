"""sidebar widgets."""
