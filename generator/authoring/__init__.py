"""Tools for the people who write briefings: scaffold, draft from an article, JSON Schemas and the format page."""
