"""Support requests: a question handed to a person, tracked until it is resolved."""
