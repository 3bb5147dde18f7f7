using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Turnkey_Delivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Xml",
                table: "PlatformMessages",
                type: "text",
                maxLength: 2147483647,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "PlatformMessages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "FileName",
                table: "PlatformMessages",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HandedOverAt",
                table: "PlatformMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResolvedAt",
                table: "PlatformMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultCode",
                table: "PlatformMessages",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultText",
                table: "PlatformMessages",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "PlatformMessages",
                type: "character varying(16)",
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

            migrationBuilder.AlterColumn<string>(
                name: "Xml",
                table: "PlatformMessages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldMaxLength: 2147483647,
                oldNullable: true);
        }
    }
}
