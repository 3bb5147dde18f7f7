using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Readiness_Heartbeat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RegisterReadiness",
                columns: table => new
                {
                    RegisterId = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    StoreId = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SnapshotVersion = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    SnapshotCheckedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    InvoicePeriod = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: true),
                    InvoiceNumbersLeft = table.Column<int>(type: "int", nullable: false),
                    NextPeriodInvoiceNumbers = table.Column<int>(type: "int", nullable: false),
                    PrinterState = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    PrinterMessage = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    QueueSize = table.Column<int>(type: "int", nullable: false),
                    ClockOffsetSeconds = table.Column<double>(type: "float", nullable: false),
                    AgentVersion = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ReasonsSince = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterReadiness", x => x.RegisterId);
                    table.ForeignKey(
                        name: "FK_RegisterReadiness_Registers_RegisterId",
                        column: x => x.RegisterId,
                        principalTable: "Registers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegisterReadiness_StoreId",
                table: "RegisterReadiness",
                column: "StoreId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RegisterReadiness");
        }
    }
}
