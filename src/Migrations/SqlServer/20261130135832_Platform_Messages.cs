using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Platform_Messages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlatformMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    Period = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    DocumentNumber = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    StoreId = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Xml = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformMessages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlatformMessages_DueAt",
                table: "PlatformMessages",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformMessages_Kind_Period_DocumentNumber",
                table: "PlatformMessages",
                columns: new[] { "Kind", "Period", "DocumentNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlatformMessages");
        }
    }
}
