"""feedback widgets."""
