"""One router per resource; each view parses with a schema, calls a selector or service, returns."""

CHANNEL = "api"  # the audit log's channel for everything done through the API (SEC-3)
