"""The component registry: built-in and user-registered components, by name and version."""
