using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OneWrite_ReceivedOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrderClaims",
                columns: table => new
                {
                    OrderId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StoreId = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    BatchId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderClaims", x => x.OrderId);
                });

            migrationBuilder.CreateTable(
                name: "ReceivedOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BatchId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StoreId = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    RegisterId = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    LocalNumber = table.Column<long>(type: "bigint", nullable: false),
                    SoldAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Total = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    PreviousHash = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Hash = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ChainBroken = table.Column<bool>(type: "bit", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Sale = table.Column<string>(type: "nvarchar(max)", maxLength: 2147483647, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivedOrders", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedOrders_BatchId",
                table: "ReceivedOrders",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedOrders_RegisterId_LocalNumber",
                table: "ReceivedOrders",
                columns: new[] { "RegisterId", "LocalNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedOrders_StoreId_ReceivedAt",
                table: "ReceivedOrders",
                columns: new[] { "StoreId", "ReceivedAt" });

            // Orders stored before claims existed keep their ids taken: a late resend of one is a duplicate, not a new order.
            migrationBuilder.Sql("""INSERT INTO [OrderClaims] ([OrderId], [StoreId], [BatchId]) SELECT [Id], [StoreId], [BatchId] FROM [Orders];""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrderClaims");

            migrationBuilder.DropTable(
                name: "ReceivedOrders");
        }
    }
}
