"""Settings shared by every process: the typed environment (``config``) and the deployment mode; imports nothing of the project."""
