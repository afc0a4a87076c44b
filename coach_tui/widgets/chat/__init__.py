"""chat widgets."""
