using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.OfflineAgent.LocalStore.Migrations
{
    /// <inheritdoc />
    public partial class Returns_LocalReturns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastReturnNumber",
                table: "register_state",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "ReturnId",
                table: "print_jobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "InvoiceCancelledAt",
                table: "orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "returns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LocalNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OriginalIsRemote = table.Column<bool>(type: "INTEGER", nullable: false),
                    OriginalJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", nullable: true),
                    MadeOffline = table.Column<bool>(type: "INTEGER", nullable: false),
                    RefundMethod = table.Column<string>(type: "TEXT", nullable: false),
                    RefundReference = table.Column<string>(type: "TEXT", nullable: true),
                    RefundTotal = table.Column<decimal>(type: "TEXT", nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    OriginalInvoicePeriod = table.Column<string>(type: "TEXT", nullable: true),
                    OriginalInvoiceNumber = table.Column<string>(type: "TEXT", nullable: true),
                    OriginalInvoiceIssuedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    CollectPaperProof = table.Column<bool>(type: "INTEGER", nullable: false),
                    CancelledInvoiceNumber = table.Column<string>(type: "TEXT", nullable: true),
                    CancelledInvoicePeriod = table.Column<string>(type: "TEXT", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ReplacementInvoiceNumber = table.Column<string>(type: "TEXT", nullable: true),
                    ReplacementRandomCode = table.Column<string>(type: "TEXT", nullable: true),
                    ReplacementIssuedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ReplacementLinesJson = table.Column<string>(type: "TEXT", nullable: true),
                    AllowanceNumber = table.Column<string>(type: "TEXT", nullable: true),
                    AllowanceTax = table.Column<long>(type: "INTEGER", nullable: true),
                    AllowanceNet = table.Column<long>(type: "INTEGER", nullable: true),
                    BuyerConsent = table.Column<string>(type: "TEXT", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CloudStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    Reasons = table.Column<string>(type: "TEXT", nullable: true),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_returns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "return_lines",
                columns: table => new
                {
                    ReturnId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    Quantity = table.Column<decimal>(type: "TEXT", nullable: false),
                    UnitPrice = table.Column<decimal>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_return_lines", x => new { x.ReturnId, x.LineIndex });
                    table.ForeignKey(
                        name: "FK_return_lines_returns_ReturnId",
                        column: x => x.ReturnId,
                        principalTable: "returns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_returns_AllowanceNumber",
                table: "returns",
                column: "AllowanceNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_returns_BatchId",
                table: "returns",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_returns_CancelledInvoicePeriod_CancelledInvoiceNumber",
                table: "returns",
                columns: new[] { "CancelledInvoicePeriod", "CancelledInvoiceNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_returns_LocalNumber",
                table: "returns",
                column: "LocalNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_returns_OrderId",
                table: "returns",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_returns_ReplacementInvoiceNumber",
                table: "returns",
                column: "ReplacementInvoiceNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_returns_State_LocalNumber",
                table: "returns",
                columns: new[] { "State", "LocalNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "return_lines");

            migrationBuilder.DropTable(
                name: "returns");

            migrationBuilder.DropColumn(
                name: "LastReturnNumber",
                table: "register_state");

            migrationBuilder.DropColumn(
                name: "ReturnId",
                table: "print_jobs");

            migrationBuilder.DropColumn(
                name: "InvoiceCancelledAt",
                table: "orders");
        }
    }
}
