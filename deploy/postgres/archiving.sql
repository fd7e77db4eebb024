-- Continuous WAL archiving through pgBackRest (takes effect after the first restart; see README "Operations").
ALTER SYSTEM SET archive_mode = 'on';
ALTER SYSTEM SET archive_command = 'pgbackrest --stanza=wildlife archive-push %p';
ALTER SYSTEM SET archive_timeout = '300';
ALTER SYSTEM SET wal_level = 'replica';
ALTER SYSTEM SET max_wal_senders = '3';
