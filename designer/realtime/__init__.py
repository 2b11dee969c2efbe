"""Live viewers: the publisher of committed run events and the websocket consumers."""
