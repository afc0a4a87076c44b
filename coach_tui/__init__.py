"""The Textual front end (`coach interview`); lands with issue #7."""
