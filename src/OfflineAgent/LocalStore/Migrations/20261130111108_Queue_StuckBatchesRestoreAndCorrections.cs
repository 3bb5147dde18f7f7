using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.OfflineAgent.LocalStore.Migrations
{
    /// <inheritdoc />
    public partial class Queue_StuckBatchesRestoreAndCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BlockedReason",
                table: "upload_batches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "BlockedSince",
                table: "upload_batches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NoAnswerFailures",
                table: "upload_batches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ServerFailures",
                table: "upload_batches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "SplitFrom",
                table: "upload_batches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CloudMissingSince",
                table: "orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SendCount",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "order_corrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Field = table.Column<string>(type: "TEXT", nullable: false),
                    OldValue = table.Column<string>(type: "TEXT", nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", nullable: true),
                    CorrectedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CorrectedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CloudReasons = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_corrections", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_order_corrections_OrderId",
                table: "order_corrections",
                column: "OrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "order_corrections");

            migrationBuilder.DropColumn(
                name: "BlockedReason",
                table: "upload_batches");

            migrationBuilder.DropColumn(
                name: "BlockedSince",
                table: "upload_batches");

            migrationBuilder.DropColumn(
                name: "NoAnswerFailures",
                table: "upload_batches");

            migrationBuilder.DropColumn(
                name: "ServerFailures",
                table: "upload_batches");

            migrationBuilder.DropColumn(
                name: "SplitFrom",
                table: "upload_batches");

            migrationBuilder.DropColumn(
                name: "CloudMissingSince",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "SendCount",
                table: "orders");
        }
    }
}
