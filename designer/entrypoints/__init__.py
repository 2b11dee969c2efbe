"""Process start-up: the web server, the workers, first-start set-up. Nothing imports this."""
