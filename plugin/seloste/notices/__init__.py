"""Notices stage: render the privacy notice and the cookie notice per language."""
