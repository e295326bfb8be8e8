"""YAML → models: strict reading, typed models, every problem with its file, line and column."""
