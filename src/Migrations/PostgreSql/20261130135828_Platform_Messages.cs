using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PosCloud.Migrations.PostgreSql
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Period = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    DocumentNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StoreId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Xml = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
