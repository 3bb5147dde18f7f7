using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Turnkey_Delivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "PlatformMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "FileName",
                table: "PlatformMessages",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HandedOverAt",
                table: "PlatformMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResolvedAt",
                table: "PlatformMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultCode",
                table: "PlatformMessages",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultText",
                table: "PlatformMessages",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "PlatformMessages",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Pending");

            migrationBuilder.CreateIndex(
                name: "IX_PlatformMessages_State_Id",
                table: "PlatformMessages",
                columns: new[] { "State", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PlatformMessages_State_Id",
                table: "PlatformMessages");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "PlatformMessages");

            migrationBuilder.DropColumn(
                name: "FileName",
                table: "PlatformMessages");

            migrationBuilder.DropColumn(
                name: "HandedOverAt",
                table: "PlatformMessages");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "PlatformMessages");

            migrationBuilder.DropColumn(
                name: "ResultCode",
                table: "PlatformMessages");

            migrationBuilder.DropColumn(
                name: "ResultText",
                table: "PlatformMessages");

            migrationBuilder.DropColumn(
                name: "State",
                table: "PlatformMessages");
        }
    }
}
