"""interview widgets."""
