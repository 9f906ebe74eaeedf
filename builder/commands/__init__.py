"""Commands besides build and check: serve, new, schemas, local."""
