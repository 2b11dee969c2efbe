"""Datastore and dataset services: who may see what (`access`), datastores and their files
(`datastores`), adding versions (`registering`), and reading datasets (`datasets`)."""
