IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [ApiClients] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Role] nvarchar(20) NOT NULL,
        [ApiKeyHash] nvarchar(64) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [RevokedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ApiClients] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetimeoffset NOT NULL,
        [UserName] nvarchar(200) NOT NULL,
        [Action] nvarchar(32) NOT NULL,
        [Target] nvarchar(200) NOT NULL,
        [StoreId] nvarchar(200) NULL,
        [OrderId] uniqueidentifier NULL,
        [Outcome] nvarchar(2000) NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [Batches] (
        [Id] uniqueidentifier NOT NULL,
        [StoreId] nvarchar(200) NOT NULL,
        [RegisterId] nvarchar(200) NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [AcceptedCount] int NOT NULL,
        [DuplicateCount] int NOT NULL,
        [RejectedCount] int NOT NULL,
        CONSTRAINT [PK_Batches] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [Customers] (
        [Id] nvarchar(200) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Phone] nvarchar(200) NOT NULL,
        [MemberLevel] nvarchar(200) NULL,
        CONSTRAINT [PK_Customers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [DashboardUsers] (
        [UserName] nvarchar(64) NOT NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [Role] nvarchar(20) NOT NULL,
        [PasswordHash] nvarchar(400) NOT NULL,
        [Disabled] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_DashboardUsers] PRIMARY KEY ([UserName])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [InvoiceBlocks] (
        [Id] bigint NOT NULL IDENTITY,
        [Period] nvarchar(5) NOT NULL,
        [Track] nvarchar(2) NOT NULL,
        [From] bigint NOT NULL,
        [To] bigint NOT NULL,
        [RegisterId] nvarchar(200) NULL,
        CONSTRAINT [PK_InvoiceBlocks] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [InvoiceFlags] (
        [Id] bigint NOT NULL IDENTITY,
        [Number] nvarchar(40) NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [StoreId] nvarchar(20) NOT NULL,
        [RegisterId] nvarchar(30) NOT NULL,
        [OrderId] uniqueidentifier NULL,
        [Detail] nvarchar(500) NOT NULL,
        [FlaggedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_InvoiceFlags] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [InvoiceNumberRanges] (
        [Id] bigint NOT NULL IDENTITY,
        [Period] nvarchar(5) NOT NULL,
        [Track] nvarchar(2) NOT NULL,
        [From] bigint NOT NULL,
        [To] bigint NOT NULL,
        [RegisteredAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_InvoiceNumberRanges] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [IssuedInvoices] (
        [Number] nvarchar(10) NOT NULL,
        [Period] nvarchar(5) NOT NULL,
        [Track] nvarchar(2) NOT NULL,
        [Serial] bigint NOT NULL,
        [StoreId] nvarchar(20) NOT NULL,
        [RegisterId] nvarchar(30) NOT NULL,
        [OrderId] uniqueidentifier NULL,
        [IssuedAt] datetimeoffset NOT NULL,
        [RandomCode] nvarchar(4) NULL,
        [BuyerTaxId] nvarchar(8) NULL,
        [CarrierType] nvarchar(10) NULL,
        [CarrierId] nvarchar(64) NULL,
        [DonationCode] nvarchar(7) NULL,
        [Total] decimal(18,2) NOT NULL,
        [Voided] bit NOT NULL,
        [VoidedAt] datetimeoffset NULL,
        [UploadDeadline] datetimeoffset NULL,
        [UploadedToPlatformAt] datetimeoffset NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_IssuedInvoices] PRIMARY KEY ([Number])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [Orders] (
        [Id] uniqueidentifier NOT NULL,
        [BatchId] uniqueidentifier NOT NULL,
        [StoreId] nvarchar(200) NOT NULL,
        [RegisterId] nvarchar(200) NOT NULL,
        [LocalNumber] bigint NOT NULL,
        [SoldAt] datetimeoffset NOT NULL,
        [StaffId] nvarchar(200) NOT NULL,
        [CustomerPhone] nvarchar(200) NULL,
        [Total] decimal(18,2) NOT NULL,
        [PreviousHash] nvarchar(200) NULL,
        [Hash] nvarchar(200) NULL,
        [InvoiceNumber] nvarchar(200) NULL,
        [ChainBroken] bit NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [StatusReason] nvarchar(2000) NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [FinishedAt] datetimeoffset NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Orders] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [OutboxMessages] (
        [Id] uniqueidentifier NOT NULL,
        [MessageType] nvarchar(200) NOT NULL,
        [Payload] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DispatchedAt] datetimeoffset NULL,
        [Attempts] int NOT NULL,
        [LastError] nvarchar(2000) NULL,
        [TraceParent] nvarchar(64) NULL,
        CONSTRAINT [PK_OutboxMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [Products] (
        [Sku] nvarchar(64) NOT NULL,
        [SkuKey] nvarchar(64) NOT NULL,
        [Barcode] nvarchar(14) NULL,
        [Name] nvarchar(200) NOT NULL,
        [Category] nvarchar(200) NULL,
        [GiftEligible] bit NOT NULL,
        [Active] bit NOT NULL,
        CONSTRAINT [PK_Products] PRIMARY KEY ([Sku])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [Stores] (
        [Id] nvarchar(20) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [ManagerStaffId] nvarchar(200) NULL,
        CONSTRAINT [PK_Stores] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [StoreStatusCounts] (
        [StoreId] nvarchar(20) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [Count] bigint NOT NULL,
        CONSTRAINT [PK_StoreStatusCounts] PRIMARY KEY ([StoreId], [Status])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [OrderLines] (
        [OrderId] uniqueidentifier NOT NULL,
        [LineNumber] int NOT NULL,
        [Sku] nvarchar(64) NOT NULL,
        [TypedName] nvarchar(200) NULL,
        [Type] nvarchar(16) NOT NULL,
        [Quantity] decimal(18,3) NOT NULL,
        [ChargedUnitPrice] decimal(18,2) NOT NULL,
        [PriceSource] nvarchar(200) NULL,
        [SnapshotVersion] nvarchar(200) NULL,
        [MatchedSku] nvarchar(200) NULL,
        [CatalogName] nvarchar(200) NULL,
        [ExpectedUnitPrice] decimal(18,2) NULL,
        [Flags] nvarchar(200) NULL,
        CONSTRAINT [PK_OrderLines] PRIMARY KEY ([OrderId], [LineNumber]),
        CONSTRAINT [FK_OrderLines_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [OrderStatusChanges] (
        [Id] bigint NOT NULL IDENTITY,
        [OrderId] uniqueidentifier NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [At] datetimeoffset NOT NULL,
        [Reason] nvarchar(2000) NULL,
        CONSTRAINT [PK_OrderStatusChanges] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderStatusChanges_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [Payments] (
        [OrderId] uniqueidentifier NOT NULL,
        [PaymentNumber] int NOT NULL,
        [Method] nvarchar(200) NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Reference] nvarchar(200) NULL,
        CONSTRAINT [PK_Payments] PRIMARY KEY ([OrderId], [PaymentNumber]),
        CONSTRAINT [FK_Payments_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [PriceOverrides] (
        [OrderId] uniqueidentifier NOT NULL,
        [LineNumber] int NOT NULL,
        [Sku] nvarchar(200) NOT NULL,
        [ExpectedUnitPrice] decimal(18,2) NOT NULL,
        [ChargedUnitPrice] decimal(18,2) NOT NULL,
        [Difference] decimal(18,2) NOT NULL,
        [Quantity] decimal(18,3) NOT NULL,
        [Reason] nvarchar(200) NOT NULL,
        [ManagerStaffId] nvarchar(200) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PriceOverrides] PRIMARY KEY ([OrderId], [LineNumber]),
        CONSTRAINT [FK_PriceOverrides_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [ProductPrices] (
        [Id] bigint NOT NULL IDENTITY,
        [Sku] nvarchar(64) NOT NULL,
        [EffectiveFrom] datetimeoffset NOT NULL,
        [ListPrice] decimal(18,2) NOT NULL,
        [AddOnPrice] decimal(18,2) NULL,
        CONSTRAINT [PK_ProductPrices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ProductPrices_Products_Sku] FOREIGN KEY ([Sku]) REFERENCES [Products] ([Sku]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [SkuAliases] (
        [Alias] nvarchar(64) NOT NULL,
        [Sku] nvarchar(64) NOT NULL,
        [CreatedBy] nvarchar(200) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_SkuAliases] PRIMARY KEY ([Alias]),
        CONSTRAINT [FK_SkuAliases_Products_Sku] FOREIGN KEY ([Sku]) REFERENCES [Products] ([Sku]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [Registers] (
        [Id] nvarchar(30) NOT NULL,
        [StoreId] nvarchar(20) NOT NULL,
        [ApiKeyHash] nvarchar(64) NULL,
        [LastContactAt] datetimeoffset NULL,
        CONSTRAINT [PK_Registers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Registers_Stores_StoreId] FOREIGN KEY ([StoreId]) REFERENCES [Stores] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE TABLE [Staff] (
        [Id] nvarchar(200) NOT NULL,
        [StoreId] nvarchar(20) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Role] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_Staff] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Staff_Stores_StoreId] FOREIGN KEY ([StoreId]) REFERENCES [Stores] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiClients_ApiKeyHash] ON [ApiClients] ([ApiKeyHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_OrderId] ON [AuditEntries] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_Batches_StoreId_ReceivedAt] ON [Batches] ([StoreId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_Customers_Phone] ON [Customers] ([Phone]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_InvoiceBlocks_Period_Track_From] ON [InvoiceBlocks] ([Period], [Track], [From]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_InvoiceBlocks_RegisterId] ON [InvoiceBlocks] ([RegisterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_InvoiceFlags_Number] ON [InvoiceFlags] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_InvoiceFlags_RegisterId_FlaggedAt] ON [InvoiceFlags] ([RegisterId], [FlaggedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_InvoiceNumberRanges_Period_Track_From] ON [InvoiceNumberRanges] ([Period], [Track], [From]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_IssuedInvoices_OrderId] ON [IssuedInvoices] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_IssuedInvoices_Period_Track_Serial] ON [IssuedInvoices] ([Period], [Track], [Serial]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_IssuedInvoices_RegisterId_Period] ON [IssuedInvoices] ([RegisterId], [Period]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_IssuedInvoices_UploadedToPlatformAt_UploadDeadline] ON [IssuedInvoices] ([UploadedToPlatformAt], [UploadDeadline]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_OrderLines_Sku] ON [OrderLines] ([Sku]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_BatchId] ON [Orders] ([BatchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_Orders_ChainBroken] ON [Orders] ([RegisterId], [LocalNumber]) WHERE [ChainBroken] = 1');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_FinishedAt] ON [Orders] ([FinishedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_ReceivedAt] ON [Orders] ([ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_RegisterId_LocalNumber] ON [Orders] ([RegisterId], [LocalNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_Status_StoreId_ReceivedAt] ON [Orders] ([Status], [StoreId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_StoreId_Status] ON [Orders] ([StoreId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_OrderStatusChanges_OrderId] ON [OrderStatusChanges] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_DispatchedAt_CreatedAt] ON [OutboxMessages] ([DispatchedAt], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ProductPrices_Sku_EffectiveFrom] ON [ProductPrices] ([Sku], [EffectiveFrom]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_Products_Barcode] ON [Products] ([Barcode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Products_SkuKey] ON [Products] ([SkuKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Registers_ApiKeyHash] ON [Registers] ([ApiKeyHash]) WHERE [ApiKeyHash] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_Registers_StoreId] ON [Registers] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_SkuAliases_Sku] ON [SkuAliases] ([Sku]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    CREATE INDEX [IX_Staff_StoreId] ON [Staff] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127051808_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127051808_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130111026_Edge_OrderApprovedBy'
)
BEGIN
    ALTER TABLE [Orders] ADD [ApprovedBy] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130111026_Edge_OrderApprovedBy'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130111026_Edge_OrderApprovedBy', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130111116_Readiness_Heartbeat'
)
BEGIN
    CREATE TABLE [RegisterReadiness] (
        [RegisterId] nvarchar(30) NOT NULL,
        [StoreId] nvarchar(20) NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [SentAt] datetimeoffset NOT NULL,
        [SnapshotVersion] nvarchar(100) NULL,
        [SnapshotCheckedAt] datetimeoffset NULL,
        [InvoicePeriod] nvarchar(5) NULL,
        [InvoiceNumbersLeft] int NOT NULL,
        [NextPeriodInvoiceNumbers] int NOT NULL,
        [PrinterState] nvarchar(16) NOT NULL,
        [PrinterMessage] nvarchar(500) NULL,
        [QueueSize] int NOT NULL,
        [ClockOffsetSeconds] float NOT NULL,
        [AgentVersion] nvarchar(64) NOT NULL,
        [ReasonsSince] nvarchar(500) NULL,
        CONSTRAINT [PK_RegisterReadiness] PRIMARY KEY ([RegisterId]),
        CONSTRAINT [FK_RegisterReadiness_Registers_RegisterId] FOREIGN KEY ([RegisterId]) REFERENCES [Registers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130111116_Readiness_Heartbeat'
)
BEGIN
    CREATE INDEX [IX_RegisterReadiness_StoreId] ON [RegisterReadiness] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130111116_Readiness_Heartbeat'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130111116_Readiness_Heartbeat', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130112809_Einvoice_PeriodIdentity'
)
BEGIN
    ALTER TABLE [IssuedInvoices] DROP CONSTRAINT [PK_IssuedInvoices];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130112809_Einvoice_PeriodIdentity'
)
BEGIN
    ALTER TABLE [IssuedInvoices] ADD [AsIssued] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130112809_Einvoice_PeriodIdentity'
)
BEGIN
    ALTER TABLE [IssuedInvoices] ADD [SalesAmount] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130112809_Einvoice_PeriodIdentity'
)
BEGIN
    ALTER TABLE [IssuedInvoices] ADD [TaxAmount] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130112809_Einvoice_PeriodIdentity'
)
BEGIN
    ALTER TABLE [InvoiceFlags] ADD [Period] nvarchar(5) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130112809_Einvoice_PeriodIdentity'
)
BEGIN
    ALTER TABLE [IssuedInvoices] ADD CONSTRAINT [PK_IssuedInvoices] PRIMARY KEY ([Period], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130112809_Einvoice_PeriodIdentity'
)
BEGIN
    CREATE TABLE [IssuedInvoiceItems] (
        [Period] nvarchar(5) NOT NULL,
        [Number] nvarchar(10) NOT NULL,
        [Sequence] int NOT NULL,
        [Description] nvarchar(256) NOT NULL,
        [Quantity] decimal(18,4) NOT NULL,
        [UnitPrice] decimal(18,4) NOT NULL,
        [Amount] decimal(18,4) NOT NULL,
        [TaxType] nvarchar(1) NOT NULL,
        CONSTRAINT [PK_IssuedInvoiceItems] PRIMARY KEY ([Period], [Number], [Sequence]),
        CONSTRAINT [FK_IssuedInvoiceItems_IssuedInvoices_Period_Number] FOREIGN KEY ([Period], [Number]) REFERENCES [IssuedInvoices] ([Period], [Number]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130112809_Einvoice_PeriodIdentity'
)
BEGIN
    CREATE INDEX [IX_IssuedInvoices_Number] ON [IssuedInvoices] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130112809_Einvoice_PeriodIdentity'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130112809_Einvoice_PeriodIdentity', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130135832_Platform_Messages'
)
BEGIN
    CREATE TABLE [PlatformMessages] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] nvarchar(5) NOT NULL,
        [Period] nvarchar(5) NOT NULL,
        [DocumentNumber] nvarchar(16) NOT NULL,
        [StoreId] nvarchar(20) NULL,
        [Xml] nvarchar(200) NULL,
        [DueAt] datetimeoffset NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PlatformMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130135832_Platform_Messages'
)
BEGIN
    CREATE INDEX [IX_PlatformMessages_DueAt] ON [PlatformMessages] ([DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130135832_Platform_Messages'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PlatformMessages_Kind_Period_DocumentNumber] ON [PlatformMessages] ([Kind], [Period], [DocumentNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130135832_Platform_Messages'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130135832_Platform_Messages', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140619_Seller_PerStore'
)
BEGIN
    ALTER TABLE [Stores] ADD [SellerName] nvarchar(60) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140619_Seller_PerStore'
)
BEGIN
    ALTER TABLE [Stores] ADD [SellerTaxId] nvarchar(8) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140619_Seller_PerStore'
)
BEGIN
    ALTER TABLE [IssuedInvoices] ADD [SellerName] nvarchar(60) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140619_Seller_PerStore'
)
BEGIN
    ALTER TABLE [IssuedInvoices] ADD [SellerTaxId] nvarchar(8) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140619_Seller_PerStore'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130140619_Seller_PerStore', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140625_Turnkey_Delivery'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[PlatformMessages]') AND [c].[name] = N'Xml');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [PlatformMessages] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [PlatformMessages] ALTER COLUMN [Xml] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140625_Turnkey_Delivery'
)
BEGIN
    ALTER TABLE [PlatformMessages] ADD [Attempts] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140625_Turnkey_Delivery'
)
BEGIN
    ALTER TABLE [PlatformMessages] ADD [FileName] nvarchar(120) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140625_Turnkey_Delivery'
)
BEGIN
    ALTER TABLE [PlatformMessages] ADD [HandedOverAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140625_Turnkey_Delivery'
)
BEGIN
    ALTER TABLE [PlatformMessages] ADD [ResolvedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140625_Turnkey_Delivery'
)
BEGIN
    ALTER TABLE [PlatformMessages] ADD [ResultCode] nvarchar(16) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140625_Turnkey_Delivery'
)
BEGIN
    ALTER TABLE [PlatformMessages] ADD [ResultText] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140625_Turnkey_Delivery'
)
BEGIN
    ALTER TABLE [PlatformMessages] ADD [State] nvarchar(16) NOT NULL DEFAULT N'Pending';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140625_Turnkey_Delivery'
)
BEGIN
    CREATE INDEX [IX_PlatformMessages_State_Id] ON [PlatformMessages] ([State], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140625_Turnkey_Delivery'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130140625_Turnkey_Delivery', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140657_Storm_CompletenessAndCatalogVersion'
)
BEGIN
    ALTER TABLE [Registers] ADD [CompleteThrough] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140657_Storm_CompletenessAndCatalogVersion'
)
BEGIN
    CREATE TABLE [CatalogVersions] (
        [Id] int NOT NULL,
        [Version] bigint NOT NULL,
        CONSTRAINT [PK_CatalogVersions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140657_Storm_CompletenessAndCatalogVersion'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Version') AND [object_id] = OBJECT_ID(N'[CatalogVersions]'))
        SET IDENTITY_INSERT [CatalogVersions] ON;
    EXEC(N'INSERT INTO [CatalogVersions] ([Id], [Version])
    VALUES (1, CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'Version') AND [object_id] = OBJECT_ID(N'[CatalogVersions]'))
        SET IDENTITY_INSERT [CatalogVersions] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130140657_Storm_CompletenessAndCatalogVersion'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130140657_Storm_CompletenessAndCatalogVersion', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130141322_Returns_SaleReturns'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[PlatformMessages]') AND [c].[name] = N'Xml');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [PlatformMessages] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [PlatformMessages] ALTER COLUMN [Xml] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130141322_Returns_SaleReturns'
)
BEGIN
    ALTER TABLE [OrderLines] ADD [ReturnedQuantity] decimal(18,3) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130141322_Returns_SaleReturns'
)
BEGIN
    CREATE TABLE [Returns] (
        [Id] uniqueidentifier NOT NULL,
        [OrderId] uniqueidentifier NOT NULL,
        [BatchId] uniqueidentifier NOT NULL,
        [StoreId] nvarchar(20) NOT NULL,
        [RegisterId] nvarchar(30) NOT NULL,
        [LocalNumber] bigint NOT NULL,
        [ReturnedAt] datetimeoffset NOT NULL,
        [StaffId] nvarchar(64) NOT NULL,
        [Reason] nvarchar(100) NOT NULL,
        [RefundTotal] decimal(18,2) NOT NULL,
        [ApprovedBy] nvarchar(64) NULL,
        [OriginalInvoicePeriod] nvarchar(40) NULL,
        [OriginalInvoiceNumber] nvarchar(40) NULL,
        [InvoiceOutcome] nvarchar(24) NOT NULL,
        [CancelledInvoiceNumber] nvarchar(40) NULL,
        [ReplacementInvoiceNumber] nvarchar(40) NULL,
        [AllowanceNumber] nvarchar(16) NULL,
        [InvoiceProblem] nvarchar(500) NULL,
        [QuantitiesTakenBack] bit NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [StatusReason] nvarchar(2000) NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [FinishedAt] datetimeoffset NULL,
        CONSTRAINT [PK_Returns] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130141322_Returns_SaleReturns'
)
BEGIN
    CREATE TABLE [ReturnLines] (
        [ReturnId] uniqueidentifier NOT NULL,
        [LineIndex] int NOT NULL,
        [Sku] nvarchar(64) NOT NULL,
        [Quantity] decimal(18,3) NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [OverrideReversal] decimal(18,2) NULL,
        CONSTRAINT [PK_ReturnLines] PRIMARY KEY ([ReturnId], [LineIndex]),
        CONSTRAINT [FK_ReturnLines_Returns_ReturnId] FOREIGN KEY ([ReturnId]) REFERENCES [Returns] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130141322_Returns_SaleReturns'
)
BEGIN
    CREATE TABLE [ReturnRefunds] (
        [ReturnId] uniqueidentifier NOT NULL,
        [RefundNumber] int NOT NULL,
        [Method] nvarchar(30) NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Reference] nvarchar(100) NULL,
        CONSTRAINT [PK_ReturnRefunds] PRIMARY KEY ([ReturnId], [RefundNumber]),
        CONSTRAINT [FK_ReturnRefunds_Returns_ReturnId] FOREIGN KEY ([ReturnId]) REFERENCES [Returns] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130141322_Returns_SaleReturns'
)
BEGIN
    CREATE INDEX [IX_Returns_OrderId] ON [Returns] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130141322_Returns_SaleReturns'
)
BEGIN
    CREATE INDEX [IX_Returns_Status_ReceivedAt] ON [Returns] ([Status], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130141322_Returns_SaleReturns'
)
BEGIN
    CREATE INDEX [IX_Returns_StoreId_ReceivedAt] ON [Returns] ([StoreId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130141322_Returns_SaleReturns'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130141322_Returns_SaleReturns', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130170011_Allowance_CancelAllowance'
)
BEGIN
    CREATE TABLE [ReturnAllowanceCancels] (
        [Id] uniqueidentifier NOT NULL,
        [ReturnId] uniqueidentifier NOT NULL,
        [AllowanceNumber] nvarchar(16) NOT NULL,
        [BatchId] uniqueidentifier NOT NULL,
        [StoreId] nvarchar(20) NOT NULL,
        [CancelledAt] datetimeoffset NOT NULL,
        [StaffId] nvarchar(64) NOT NULL,
        [Reason] nvarchar(20) NOT NULL,
        [ApprovedBy] nvarchar(64) NOT NULL,
        [RefundTakenBack] decimal(18,2) NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [ReturnUndone] bit NOT NULL,
        CONSTRAINT [PK_ReturnAllowanceCancels] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReturnAllowanceCancels_Returns_ReturnId] FOREIGN KEY ([ReturnId]) REFERENCES [Returns] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130170011_Allowance_CancelAllowance'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ReturnAllowanceCancels_ReturnId] ON [ReturnAllowanceCancels] ([ReturnId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130170011_Allowance_CancelAllowance'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130170011_Allowance_CancelAllowance', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130171114_OneWrite_ReceivedOrders'
)
BEGIN
    CREATE TABLE [OrderClaims] (
        [OrderId] uniqueidentifier NOT NULL,
        [StoreId] nvarchar(20) NOT NULL,
        [BatchId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_OrderClaims] PRIMARY KEY ([OrderId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130171114_OneWrite_ReceivedOrders'
)
BEGIN
    CREATE TABLE [ReceivedOrders] (
        [Id] uniqueidentifier NOT NULL,
        [BatchId] uniqueidentifier NOT NULL,
        [StoreId] nvarchar(20) NOT NULL,
        [RegisterId] nvarchar(30) NOT NULL,
        [LocalNumber] bigint NOT NULL,
        [SoldAt] datetimeoffset NOT NULL,
        [Total] decimal(18,2) NOT NULL,
        [PreviousHash] nvarchar(200) NULL,
        [Hash] nvarchar(200) NULL,
        [ChainBroken] bit NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [Sale] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_ReceivedOrders] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130171114_OneWrite_ReceivedOrders'
)
BEGIN
    CREATE INDEX [IX_ReceivedOrders_BatchId] ON [ReceivedOrders] ([BatchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130171114_OneWrite_ReceivedOrders'
)
BEGIN
    CREATE INDEX [IX_ReceivedOrders_RegisterId_LocalNumber] ON [ReceivedOrders] ([RegisterId], [LocalNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130171114_OneWrite_ReceivedOrders'
)
BEGIN
    CREATE INDEX [IX_ReceivedOrders_StoreId_ReceivedAt] ON [ReceivedOrders] ([StoreId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130171114_OneWrite_ReceivedOrders'
)
BEGIN
    INSERT INTO [OrderClaims] ([OrderId], [StoreId], [BatchId]) SELECT [Id], [StoreId], [BatchId] FROM [Orders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130171114_OneWrite_ReceivedOrders'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130171114_OneWrite_ReceivedOrders', N'10.0.15');
END;

COMMIT;
GO

