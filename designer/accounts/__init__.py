"""Sign-in: sessions for browsers, tokens for scripts, and the first admin."""
