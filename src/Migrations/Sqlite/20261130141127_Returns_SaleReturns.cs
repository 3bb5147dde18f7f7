using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Returns_SaleReturns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "ReturnedQuantity",
                table: "OrderLines",
                type: "REAL",
                precision: 18,
                scale: 3,
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateTable(
                name: "Returns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StoreId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RegisterId = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    LocalNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    ReturnedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RefundTotal = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OriginalInvoicePeriod = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OriginalInvoiceNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    InvoiceOutcome = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    CancelledInvoiceNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReplacementInvoiceNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AllowanceNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    InvoiceProblem = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    QuantitiesTakenBack = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Returns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReturnLines",
                columns: table => new
                {
                    ReturnId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Quantity = table.Column<double>(type: "REAL", precision: 18, scale: 3, nullable: false),
                    Amount = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    OverrideReversal = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnLines", x => new { x.ReturnId, x.LineIndex });
                    table.ForeignKey(
                        name: "FK_ReturnLines_Returns_ReturnId",
                        column: x => x.ReturnId,
                        principalTable: "Returns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReturnRefunds",
                columns: table => new
                {
                    ReturnId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RefundNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Amount = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnRefunds", x => new { x.ReturnId, x.RefundNumber });
                    table.ForeignKey(
                        name: "FK_ReturnRefunds_Returns_ReturnId",
                        column: x => x.ReturnId,
                        principalTable: "Returns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Returns_OrderId",
                table: "Returns",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_Returns_Status_ReceivedAt",
                table: "Returns",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Returns_StoreId_ReceivedAt",
                table: "Returns",
                columns: new[] { "StoreId", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReturnLines");

            migrationBuilder.DropTable(
                name: "ReturnRefunds");

            migrationBuilder.DropTable(
                name: "Returns");

            migrationBuilder.DropColumn(
                name: "ReturnedQuantity",
                table: "OrderLines");
        }
    }
}
