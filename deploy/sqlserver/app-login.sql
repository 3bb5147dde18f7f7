-- The login the Api and Workers connect with: read and write data, never change the schema
-- (schema changes come only from migrate.sql, applied by an operator or the `migrate` service).
-- sqlcmd variables: $(AppUser), $(AppPassword). Run in the PosCloud database. Idempotent; re-running it with
-- a new password rotates the password.
IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = N'$(AppUser)')
    CREATE LOGIN [$(AppUser)] WITH PASSWORD = N'$(AppPassword)', CHECK_POLICY = ON;
ELSE
    ALTER LOGIN [$(AppUser)] WITH PASSWORD = N'$(AppPassword)';
GO
IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'$(AppUser)')
    CREATE USER [$(AppUser)] FOR LOGIN [$(AppUser)];
ELSE
    ALTER USER [$(AppUser)] WITH LOGIN = [$(AppUser)];   -- re-maps an orphaned user after a restore to another server
GO
ALTER ROLE db_datareader ADD MEMBER [$(AppUser)];
ALTER ROLE db_datawriter ADD MEMBER [$(AppUser)];
GO
