"""The team workspace on PostgreSQL (psycopg 3): the same repositories as the file workspace; the SQL that
differs lives here. Nothing here is imported until a postgresql:// workspace is opened (start-up stays light)."""
