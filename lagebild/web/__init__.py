"""HTTP API and web dashboard over the event store."""
