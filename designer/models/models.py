"""The model registry: registered models, their versions and aliases."""
