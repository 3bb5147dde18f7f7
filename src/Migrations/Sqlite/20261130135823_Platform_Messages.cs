using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StoreId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Xml = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
