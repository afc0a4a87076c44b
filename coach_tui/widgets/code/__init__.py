"""code widgets."""
