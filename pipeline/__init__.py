"""foi-volumes: free-text data volumes in FOI answers -> typed, validated, comparable figures."""

__version__ = "0.1.0"
