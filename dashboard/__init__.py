"""Dash dashboard over the timeline library."""
